import type { Environment } from "nunjucks";

/**
 * The names of the extensions (tags) an environment has. Nunjucks can add, find and remove an
 * extension by name, but has no public way to list them; its own record is `extensions`, missing
 * from its type definitions. Eleventy adds its shortcode tags (`setAsync`, and a site config's
 * shortcodes) to the environment on every run, so an environment reused across runs removes the
 * previous run's first (src/rendering/plugin.ts). Checked in tests/unit/patches/.
 */
export function extensionNames(environment: Environment): string[] {
  const { extensions } = environment as Environment & { readonly extensions?: unknown };
  if (typeof extensions !== "object" || extensions === null) {
    throw new Error("Nunjucks no longer keeps its extensions in `extensions`: see src/patches/nunjucks-extension-names.ts.");
  }
  return Object.keys(extensions);
}
