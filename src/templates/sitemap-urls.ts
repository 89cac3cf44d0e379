import type { SitemapEntry } from "../site/sitemap.ts";
import { createTemplateEnvironment } from "./environment.ts";

/**
 * Renders sitemap `<url>` elements from `partials/sitemap-urls.njk` outside Eleventy, so each
 * document's part of the sitemap is rendered where its pages are built (see `SitemapView`).
 * The sitemap layout includes the same partial for the site-wide pages.
 */
export function sitemapUrlsRenderer(templateDirs: readonly string[]): (entries: readonly SitemapEntry[]) => string {
  const environment = createTemplateEnvironment(templateDirs);
  return (entries) => environment.render("partials/sitemap-urls.njk", { entries });
}
