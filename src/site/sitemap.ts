import type { Alternate, PageContext } from "./page-context.ts";
import type { PageView } from "./pages.ts";
import { HTML_KINDS, type Route } from "./routes.ts";
import { paths } from "./urls.ts";
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
export function sitemapPage(context: PageContext, route: Route, siteRoutes: readonly Route[], documentFragments: readonly string[]): PageView {
  return {
    ...context.base(route, context.site.settings.defaultLocale),
    template: "layouts/sitemap.xml.njk",
    title: "sitemap",
    alternates: [],
    languages: [],
    sitemap: { entries: sitemapEntries(context, siteRoutes), documentFragments },
  };
}

/** `/robots.txt`: allows everything and names the sitemap. */
export function robotsPage(context: PageContext, route: Route): PageView {
  return {
    ...context.base(route, context.site.settings.defaultLocale),
    template: "layouts/text.njk",
    title: "robots",
    alternates: [],
    languages: [],
    text: `User-agent: *\nAllow: /\n\nSitemap: ${context.absolute(paths.sitemap())}\n`,
  };
}
