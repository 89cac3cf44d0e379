import type { PageContext } from "./page-context.ts";
import type { PageView } from "./pages.ts";
import { HTML_KINDS, type Route } from "./routes.ts";
import { paths } from "./urls.ts";
import { pageLanguages } from "./languages.ts";

export interface SitemapView {
  readonly entries: readonly { readonly url: string; readonly alternates: PageView["alternates"] }[];
}

/** `/sitemap.xml`: every page readers open, each with its hreflang alternates. */
export function sitemapPage(context: PageContext, route: Route, routes: readonly Route[]): PageView {
  return {
    ...context.base(route, context.site.settings.defaultLocale),
    template: "layouts/sitemap.xml.njk",
    title: "sitemap",
    alternates: [],
    languages: [],
    sitemap: {
      // From the routes, not the page views: only the addresses are needed, not the pages.
      entries: routes
        .filter((r) => HTML_KINDS.has(r.kind))
        .map((r) => ({ url: context.absolute(r.path), alternates: pageLanguages(context, r, context.site.settings.defaultLocale).alternates })),
    },
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
