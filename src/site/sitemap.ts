import type { PageContext } from "./page-context.ts";
import type { PageView } from "./pages.ts";
import { HTML_KINDS, type Route } from "./routes.ts";
import { paths } from "./urls.ts";

export interface SitemapView {
  readonly entries: readonly { readonly url: string; readonly alternates: PageView["alternates"] }[];
}

/** `/sitemap.xml`: every page readers open, each with its hreflang alternates. */
export function sitemapPage(context: PageContext, route: Route, pages: readonly PageView[]): PageView {
  return {
    ...context.base(route, context.site.settings.defaultLocale),
    template: "layouts/sitemap.xml.njk",
    title: "sitemap",
    alternates: [],
    languages: [],
    sitemap: {
      entries: pages.filter((page) => HTML_KINDS.has(page.kind)).map((page) => ({ url: page.canonical, alternates: page.alternates })),
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
