import { paths } from "./urls.ts";

/** The shape of a site that decides which pages exist: nothing rendered, just who has what. */
export interface RouteInput {
  readonly locales: readonly string[];
  readonly documents: readonly {
    readonly slug: string;
    /** Oldest first, with the locales each version exists in. */
    readonly versions: readonly { readonly updated: string; readonly locales: readonly string[] }[];
  }[];
}

export type Route =
  | { readonly kind: "home"; readonly path: string }
  | { readonly kind: "localeIndex"; readonly path: string; readonly locale: string }
  | { readonly kind: "document"; readonly path: string; readonly locale: string; readonly slug: string }
  | { readonly kind: "version"; readonly path: string; readonly locale: string; readonly slug: string; readonly updated: string };

/** Every page of the site (SPEC section 3), in a stable order. */
export function listRoutes(input: RouteInput): Route[] {
  const routes: Route[] = [{ kind: "home", path: paths.home() }];
  for (const locale of input.locales) {
    routes.push({ kind: "localeIndex", path: paths.localeIndex(locale), locale });
    for (const doc of input.documents) {
      const versions = doc.versions.filter((v) => v.locales.includes(locale));
      if (versions.length === 0) continue;
      routes.push({ kind: "document", path: paths.document(locale, doc.slug), locale, slug: doc.slug });
      for (const version of versions) {
        routes.push({ kind: "version", path: paths.version(locale, doc.slug, version.updated), locale, slug: doc.slug, updated: version.updated });
      }
    }
  }
  return routes;
}

/**
 * Why a site-root path leads nowhere, worded for the editor who wrote the link; undefined when a
 * page exists there.
 */
export function explainMissingPath(path: string, input: RouteInput, existing: ReadonlySet<string>): string | undefined {
  const normalized = path.endsWith("/") || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
  if (existing.has(normalized)) return undefined;
  const [locale, slug, date] = normalized.split("/").filter(Boolean);
  const prefix = `the link ${path} leads nowhere:`;
  if (locale !== undefined && !input.locales.includes(locale)) {
    return `${prefix} "${locale}" is not a language of this site (${input.locales.join(", ")}). Links start with a language, e.g. /${input.locales[0] ?? "en"}/…`;
  }
  const doc = input.documents.find((d) => d.slug === slug);
  if (slug !== undefined && !doc) {
    return `${prefix} there is no document "${slug}" (documents: ${input.documents.map((d) => d.slug).join(", ") || "none"}).`;
  }
  if (doc && locale !== undefined && !doc.versions.some((v) => v.locales.includes(locale))) {
    return `${prefix} the document "${slug}" has no ${locale} text yet.`;
  }
  if (doc && date !== undefined && locale !== undefined) {
    const inLocale = doc.versions.filter((v) => v.locales.includes(locale)).map((v) => v.updated);
    return `${prefix} "${slug}" has no version dated ${date} in ${locale} (dated versions: ${inLocale.join(", ")}).`;
  }
  return `${prefix} there is no page at that address.`;
}
