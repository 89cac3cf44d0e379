import type { SitemapEntry } from "../pages/sitemap.ts";
import { sharedTemplateEnvironment } from "../templating/environment.ts";

/**
 * Sitemap `<url>` elements from `partials/sitemap-urls.njk`, rendered outside Eleventy so that
 * each document's part of the sitemap is rendered where its pages are built (see `SitemapView`).
 * The sitemap layout includes the same partial for the site-wide pages.
 */
export function renderSitemapUrls(templateDirs: readonly string[], entries: readonly SitemapEntry[]): string {
  return sharedTemplateEnvironment(templateDirs).render("partials/sitemap-urls.njk", { entries });
}
