import type { PageContext } from "./page-context.ts";
import type { PageView } from "./pages.ts";
import { HTML_KINDS, type Route } from "./routes.ts";
import { paths } from "./urls.ts";
import { languageChoices } from "./languages.ts";

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
        .map((r) => {
          const choices = languageChoices(context, r);
          if (!choices) throw new Error(`Internal error: page ${r.path} has no languages.`);
          return { url: context.absolute(r.path), alternates: context.languageViews(r.path, context.site.settings.defaultLocale, choices.available, choices.xDefault).alternates };
        }),
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
