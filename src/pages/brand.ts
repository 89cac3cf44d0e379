import path from "node:path";
import { outputPermalink, paths } from "../addresses/urls.ts";
import type { BrandLink, PerLanguage, SiteSettings } from "../model/settings.ts";

/** A header or footer link of the site's own, in one language. */
export interface BrandLinkView {
  readonly href: string;
  readonly label: string;
  /** Set when the label is the default language's text standing in for this one. */
  readonly lang?: string;
}

/** What the header and footer of every page show of the site's brand (site.yaml). */
export interface BrandView {
  readonly logo?: { readonly src: string; readonly alt: string; readonly lang?: string };
  /** The accent colours' stylesheet, after codicil.css. */
  readonly stylesheetHref?: string;
  readonly headerLinks: readonly BrandLinkView[];
  readonly footerLinks: readonly BrandLinkView[];
}

const NO_BRAND: BrandView = { headerLinks: [], footerLinks: [] };

/**
 * The brand of each language's pages, built once per language and shared by every page in it.
 * `link` turns a site-root path into a link with the pathPrefix.
 */
export function brandViews(settings: SiteSettings, link: (path: string) => string): (locale: string) => BrandView {
  const brand = settings.brand;
  if (!brand) return () => NO_BRAND;
  const byLocale = new Map<string, BrandView>();
  const { defaultLocale } = settings;
  const inLanguage = (values: PerLanguage, locale: string): { text: string; lang?: string } => {
    const own = values[locale];
    if (own !== undefined) return { text: own };
    return { text: values[defaultLocale] ?? "", lang: defaultLocale };
  };
  const linkViews = (links: readonly BrandLink[], locale: string): BrandLinkView[] =>
    links.map((l) => {
      const label = inLanguage(l.label, locale);
      const href = typeof l.url === "string" ? l.url : inLanguage(l.url, locale).text;
      return { href, label: label.text, ...(label.lang !== undefined && { lang: label.lang }) };
    });
  return (locale) => {
    let view = byLocale.get(locale);
    if (view) return view;
    const alt = brand.logo && inLanguage(brand.logo.alt, locale);
    view = {
      ...(brand.logo && alt && { logo: { src: link(paths.logo(brand.logo.format)), alt: alt.text, ...(alt.lang !== undefined && { lang: alt.lang }) } }),
      ...(brand.accent !== undefined || brand.accentDark !== undefined ? { stylesheetHref: link(paths.brandStylesheet()) } : {}),
      headerLinks: linkViews(brand.headerLinks, locale),
      footerLinks: linkViews(brand.footerLinks, locale),
    };
    byLocale.set(locale, view);
    return view;
  };
}

/**
 * The accent colours as CSS custom properties: `--accent` in light mode, and in dark mode
 * `accentDark` (or the accent). Codicil's stylesheet colours links and the header with them.
 */
export function accentStylesheet(settings: SiteSettings): string {
  const { accent, accentDark } = settings.brand ?? {};
  const lines = ["/* The accent colours of content/site.yaml (accent, accentDark). */"];
  if (accent !== undefined) lines.push(`:root { --accent: ${accent}; }`);
  const dark = accentDark ?? accent;
  if (dark !== undefined) lines.push(`@media (prefers-color-scheme: dark) { :root { --accent: ${dark}; } }`);
  return `${lines.join("\n")}\n`;
}

/** A file the site's output holds as it is in content/ (the logo): its source and its output path. */
export interface CopiedFile {
  readonly from: string;
  /** Relative to the output folder. */
  readonly to: string;
}

/** The logo, copied byte for byte from content/ (checked when site.yaml was read). */
export function brandFiles(root: string, settings: SiteSettings): CopiedFile[] {
  const logo = settings.brand?.logo;
  return logo ? [{ from: path.join(root, "content", logo.file), to: outputPermalink(paths.logo(logo.format)).slice(1) }] : [];
}
