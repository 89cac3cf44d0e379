/** `content/site.yaml` (SPEC section 2) as plain data, validated once by `content/site-config.ts`. */
export interface LocaleSettings {
  /** BCP 47 code exactly as it appears in URLs (`pt-BR`). */
  readonly code: string;
  /** The language's own name for itself, shown in the language switcher. */
  readonly name: string;
  readonly dir: "ltr" | "rtl";
}

export interface SiteSettings {
  readonly name: string;
  /** Absolute origin and path of the published site, without a trailing slash. */
  readonly url: string;
  /** Starts and ends with `/`. */
  readonly pathPrefix: string;
  readonly defaultLocale: string;
  /** In the order of the language switcher. */
  readonly locales: readonly LocaleSettings[];
  /** Logo, accent colour, header and footer links; absent when site.yaml sets none of them. */
  readonly brand?: BrandSettings;
}

/** Text a site gives per language (`{ en: Imprint, de: Impressum }`); the default locale's is required. */
export type PerLanguage = Readonly<Record<string, string>>;

/** A link the site's own settings add to every page (header or footer). */
export interface BrandLink {
  readonly label: PerLanguage;
  /** One address for every language, or one per language (the default locale's for the others). */
  readonly url: string | PerLanguage;
}

/** The site's own look, from `site.yaml` (docs/content.md, "Brand"). */
export interface BrandSettings {
  readonly logo?: {
    /** A file name in content/ (beside site.yaml), as written. */
    readonly file: string;
    readonly format: "svg" | "png";
    readonly alt: PerLanguage;
  };
  /** `#rrggbb`: links and the header's accent line, checked for WCAG AA contrast. */
  readonly accent?: string;
  /** The accent in dark mode; default `accent`. */
  readonly accentDark?: string;
  readonly headerLinks: readonly BrandLink[];
  readonly footerLinks: readonly BrandLink[];
}
