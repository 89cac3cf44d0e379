import { existsSync } from "node:fs";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { CODICIL_DIR, loadSite, type LoadedSite } from "../content/load-site.ts";
import { handOver, release } from "../eleventy/site-source.ts";
import type { Problem } from "../problems.ts";
import { updatedLockText, writePublishedLock } from "../history/published-lock.ts";
import { writeAtomically } from "./atomic-output.ts";

export interface BuildOptions {
  readonly root: string;
  /** Defaults to `<root>/_site`. */
  readonly outDir?: string;
  readonly buildDate?: string;
  /** Record newly published addresses in the lock file (default true; off for read-only runs). */
  readonly recordPublished?: boolean;
  /** Translation parity problems are errors rather than warnings. */
  readonly strictParity?: boolean;
}

export interface BuildResult {
  readonly problems: readonly Problem[];
  /** False when content problems stopped the build; output is then untouched. */
  readonly built: boolean;
  /** How many version addresses were newly recorded in the lock file. */
  readonly newlyPublished: number;
}

/** The site's own Eleventy config when it has one, Codicil's otherwise (fixture sites in tests). */
function configPath(root: string): string {
  const own = path.join(root, ".eleventy.ts");
  return existsSync(own) ? own : path.join(CODICIL_DIR, ".eleventy.ts");
}

/**
 * Validates all content, then renders it with Eleventy into a staging folder that replaces the
 * output only on success. Content problems come back as values; Eleventy failures are thrown.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const { loaded, problems } = await loadSite({
    root,
    ...(options.buildDate !== undefined && { buildDate: options.buildDate }),
    ...(options.strictParity !== undefined && { strictParity: options.strictParity }),
  });
  if (!loaded) return { problems, built: false, newlyPublished: 0 };
  await renderSite(loaded, options.outDir ?? path.join(root, "_site"));
  // Recorded only once the site is out, so the lock never lists an address that was not published.
  const lock = options.recordPublished === false ? undefined : updatedLockText(loaded.publishedLock, loaded.publishedUrls);
  if (lock) await writePublishedLock(root, lock.text);
  return { problems, built: true, newlyPublished: lock?.added ?? 0 };
}

export async function renderSite(loaded: LoadedSite, outDir: string): Promise<void> {
  const root = loaded.site.root;
  handOver(loaded);
  try {
    await writeAtomically(outDir, async (staging) => {
      const templatesDir = loaded.templateDirs[0] ?? path.join(CODICIL_DIR, "templates");
      const eleventy = new Eleventy(templatesDir, staging, {
        configPath: configPath(root),
        quietMode: true,
      });
      await eleventy.write();
    });
  } finally {
    release(root);
  }
}
