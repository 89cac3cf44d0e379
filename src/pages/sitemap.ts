import type { Alternate, PageContext } from "./page-context.ts";
import type { PageViewOf } from "./page-view.ts";
import { HTML_KINDS, type Route } from "../addresses/routes.ts";
import { outputPermalink, paths } from "../addresses/urls.ts";
import { pageLanguages } from "./languages.ts";

export interface SitemapEntry {
  readonly url: string;
  readonly alternates: readonly Alternate[];
}

export interface SitemapView {
  /** The site-wide pages (home, language indexes). */
  readonly entries: readonly SitemapEntry[];
  /**
   * Each document's `<url>` elements, already rendered from `partials/sitemap-urls.njk` with that
   * document's pages, in document order. A large site has hundreds of thousands of alternates;
   * rendering them with each document, in the thread that built it, keeps that work parallel.
   */
  readonly documentFragments: readonly string[];
}

/** The sitemap entries of the pages readers open among `routes`, each with its hreflang alternates. */
export function sitemapEntries(context: PageContext, routes: readonly Route[]): SitemapEntry[] {
  // From the routes, not the page views: only the addresses are needed, not the pages.
  return routes
    .filter((r) => HTML_KINDS.has(r.kind))
    .map((r) => ({ url: context.absolute(r.path), alternates: pageLanguages(context, r, context.site.settings.defaultLocale).alternates }));
}

/** `/sitemap.xml`: every page readers open, each with its hreflang alternates. */
export function sitemapPage(
  context: PageContext,
  route: Extract<Route, { kind: "sitemap" }>,
  siteRoutes: readonly Route[],
  documentFragments: readonly string[],
): PageViewOf<"sitemap"> {
  return {
    ...context.fileBase(route, "layouts/sitemap.xml.njk", "sitemap"),
    sitemap: { entries: sitemapEntries(context, siteRoutes), documentFragments },
  };
}

/**
 * What one sitemap file may hold (sitemaps.org): 50,000 addresses and 50 MB. With an hreflang
 * alternate for each language on every address, a large multilingual site passes both.
 */
export interface SitemapLimits {
  readonly urls: number;
  readonly bytes: number;
}

export const SITEMAP_LIMITS: SitemapLimits = { urls: 50_000, bytes: 50 * 1024 * 1024 };

/**
 * Whether the site-wide entries and every document's part would be too much for one file;
 * `undefined` parts are those a build dropped once they were already past the limits
 * (`DocumentSitemapParts`).
 */
export function exceedsSitemapLimits(siteEntries: readonly SitemapEntry[], documentFragments: readonly string[] | undefined, limits: SitemapLimits): boolean {
  if (documentFragments === undefined) return true;
  let urls = siteEntries.length;
  // Each alternate is a line of about a hundred bytes; the site-wide part is small next to the rest.
  let bytes = siteEntries.reduce((n, e) => n + 100 * (e.alternates.length + 1), 0);
  for (const fragment of documentFragments) {
    urls += urlCount(fragment);
    bytes += Buffer.byteLength(fragment);
  }
  return urls > limits.urls || bytes > limits.bytes;
}

function urlCount(fragment: string): number {
  let urls = 0;
  for (let at = fragment.indexOf("<url>"); at !== -1; at = fragment.indexOf("<url>", at + 5)) urls++;
  return urls;
}

/**
 * Each document's part of the sitemap as a build that writes documents one at a time receives
 * them. While the parts together may still fit one sitemap file they are kept, for
 * `/sitemap.xml`; once they cannot, they are dropped as they come, since each document's pages
 * then include its own `/sitemaps/<doc>.xml` (`documentSitemapFile`). A large site's parts are
 * large (docs/performance.md), and the build would otherwise hold them until its last page.
 */
export class DocumentSitemapParts {
  readonly #kept = new Map<string, string>();
  #urls = 0;
  #bytes = 0;

  constructor(private readonly limits: SitemapLimits = SITEMAP_LIMITS) {}

  add(slug: string, fragment: string): void {
    this.#urls += urlCount(fragment);
    this.#bytes += Buffer.byteLength(fragment);
    if (this.#pastLimits()) this.#kept.clear();
    else this.#kept.set(slug, fragment);
  }

  /** The parts in the order of `slugs`; undefined once they were past the limits. */
  fragments(slugs: readonly string[]): readonly string[] | undefined {
    return this.#pastLimits() ? undefined : slugs.map((slug) => this.#kept.get(slug) ?? "");
  }

  #pastLimits(): boolean {
    return this.#urls > this.limits.urls || this.#bytes > this.limits.bytes;
  }
}

export interface SitemapIndexView {
  /** Absolute addresses of the sitemap files. */
  readonly sitemaps: readonly string[];
}

/** `/sitemap.xml` of a large site: the index of its sitemap files. */
export function sitemapIndexPage(context: PageContext, route: Extract<Route, { kind: "sitemap" }>, sitemapPaths: readonly string[]): PageViewOf<"sitemapIndex"> {
  return {
    ...context.fileBase(route, "layouts/sitemap-index.xml.njk", "sitemap"),
    kind: "sitemapIndex",
    sitemapIndex: { sitemaps: sitemapPaths.map((p) => context.absolute(p)) },
  };
}

/**
 * The sitemap files of a large site: `/sitemaps/_home.xml` for the home page and the language
 * indexes (a document folder cannot start with "_", so no document has that name), and
 * `/sitemaps/<doc>.xml` for each document, unless its part was dropped (`undefined`): a build that
 * writes documents one at a time writes each document's file with its pages.
 */
export function splitSitemap(
  context: PageContext,
  siteRoutes: readonly Route[],
  slugs: readonly string[],
  documentFragments: readonly string[] | undefined,
): { path: string; view: PageViewOf<"sitemap"> }[] {
  const sitemapRoute = sitemapRouteOf(siteRoutes);
  if (!sitemapRoute) return [];
  const home = sitemapFile(context, sitemapRoute, paths.sitemapPart("_home"), siteRoutes, []);
  if (documentFragments === undefined) return [home];
  return [home, ...slugs.map((slug, i) => sitemapFile(context, sitemapRoute, paths.sitemapPart(slug), [], [documentFragments[i] ?? ""]))];
}

/** `/sitemaps/<doc>.xml`: one document's part of a large site's sitemap, as a file of its own. */
export function documentSitemapFile(
  context: PageContext,
  siteRoutes: readonly Route[],
  slug: string,
  fragment: string,
): { path: string; view: PageViewOf<"sitemap"> } | undefined {
  const sitemapRoute = sitemapRouteOf(siteRoutes);
  return sitemapRoute && sitemapFile(context, sitemapRoute, paths.sitemapPart(slug), [], [fragment]);
}

const sitemapRouteOf = (routes: readonly Route[]) => routes.find((r): r is Extract<Route, { kind: "sitemap" }> => r.kind === "sitemap");

function sitemapFile(context: PageContext, sitemapRoute: Extract<Route, { kind: "sitemap" }>, path: string, routes: readonly Route[], fragments: readonly string[]) {
  return { path, view: { ...sitemapPage(context, sitemapRoute, routes, fragments), canonical: context.absolute(path), permalink: outputPermalink(path) } };
}

/** `/robots.txt`: allows everything and names the sitemap. */
export function robotsPage(context: PageContext, route: Extract<Route, { kind: "robots" }>): PageViewOf<"robots"> {
  return {
    ...context.fileBase(route, "layouts/text.njk", "robots"),
    text: `User-agent: *\nAllow: /\n\nSitemap: ${context.absolute(paths.sitemap())}\n`,
  };
}
