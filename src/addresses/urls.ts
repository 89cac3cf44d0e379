import type { SiteSettings } from "../model/settings.ts";

/**
 * Every URL of the contract (SPEC section 3) is built here, as a site-root path without the
 * pathPrefix; `href` and `absoluteUrl` add the prefix and origin. Pages, links, hreflang and the
 * link checker all use these, so they cannot disagree.
 */
export const paths = {
  home: () => "/",
  localeIndex: (locale: string) => `/${locale}/`,
  document: (locale: string, slug: string) => `/${locale}/${slug}/`,
  version: (locale: string, slug: string, updated: string) => `/${locale}/${slug}/${updated}/`,
  changes: (locale: string, slug: string, updated: string) => `/${locale}/${slug}/${updated}/changes/`,
  /** An earlier version against the version in force in the same language. */
  compare: (locale: string, slug: string, updated: string) => `/${locale}/${slug}/${updated}/compare/`,
  history: (locale: string, slug: string) => `/${locale}/${slug}/history/`,
  feed: (locale: string, slug: string) => `/${locale}/${slug}/feed.xml`,
  versionsIndex: (slug: string) => `/${slug}/versions.json`,
  cookiesExport: () => "/cookies.json",
  sitemap: () => "/sitemap.xml",
  /** A part of the sitemap of a large site, listed in `/sitemap.xml` (see `SITEMAP_LIMITS`). */
  sitemapPart: (name: string) => `/sitemaps/${name}.xml`,
  robots: () => "/robots.txt",
  /** Not found: the file GitHub Pages, Netlify and Cloudflare Pages serve for a missing address. */
  notFound: () => "/404.html",
  /** The site's logo from site.yaml, copied from content/. */
  logo: (format: "svg" | "png") => `/brand/logo.${format}`,
  /** The site's accent colours from site.yaml, as CSS custom properties. */
  brandStylesheet: () => "/brand/accent.css",
  /** Custom properties from site.yaml and the UI strings that the static stylesheet reads (`siteStyle`). */
  siteStyle: () => "/assets/site.css",
} as const;

/** The path as a link on the site (with the pathPrefix). */
export function href(settings: Pick<SiteSettings, "pathPrefix">, path: string): string {
  return settings.pathPrefix + path.replace(/^\//, "");
}

/** The full address, for canonical links, hreflang, feeds and the sitemap. */
export function absoluteUrl(settings: Pick<SiteSettings, "pathPrefix" | "url">, path: string): string {
  return settings.url + href(settings, path);
}

/** The file Eleventy writes for a path: `/en/privacy/` → `en/privacy/index.html`. */
export function outputPermalink(path: string): string {
  return path.endsWith("/") ? `${path}index.html` : path;
}
