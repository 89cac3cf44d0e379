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
}
