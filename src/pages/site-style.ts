import type { Route } from "../addresses/routes.ts";
import type { PageContext } from "./page-context.ts";
import type { PageViewOf } from "./page-view.ts";

/** What `/assets/site.css` sets as custom properties, read by the static `codicil.css`. */
export interface SiteStyleView {
  /** The site's address before every link's path (site.yaml `url`): printed pages show links in full. */
  readonly siteUrl: string;
  /** Each language of the site, whose column names label the cells of cookie tables shown as cards. */
  readonly locales: readonly string[];
}

/**
 * `/assets/site.css`: the stylesheet cannot know the site's address or its UI strings, and the
 * pages' Content-Security-Policy allows no inline style, so one small generated file carries them.
 */
export function siteStylePage(context: PageContext, route: Extract<Route, { kind: "siteStyle" }>): PageViewOf<"siteStyle"> {
  const { settings } = context.site;
  return {
    ...context.fileBase(route, "layouts/site.css.njk", "site.css"),
    style: { siteUrl: settings.url, locales: settings.locales.map((l) => l.code) },
  };
}
