import type { LegalDocument, Site } from "../model/site.ts";
import type { LocaleSettings } from "../model/settings.ts";
import type { Route } from "../addresses/routes.ts";
import type { PageKind } from "./page-view.ts";
import { absoluteUrl, href, outputPermalink, paths } from "../addresses/urls.ts";
import { brandViews, type BrandView } from "./brand.ts";

/** A language named on another language's page, so it can carry its own `lang` and `dir`. */
export interface LanguageRef {
  readonly code: string;
  readonly name: string;
  readonly dir: "ltr" | "rtl";
}

/** A language in the switcher: the same for every page of a family (one page in each language). */
export interface LanguageLink extends LanguageRef {
  readonly href: string;
}

export interface Alternate {
  /** A locale code, or `x-default`. */
  readonly hreflang: string;
  readonly href: string;
}

/** The fields every page view has. */
export interface PageBase<Kind extends PageKind = PageKind> {
  readonly kind: Kind;
  /** Output file, relative to the output folder. */
  readonly permalink: string;
  readonly locale: string;
  readonly dir: "ltr" | "rtl";
  readonly siteName: string;
  readonly homeHref: string;
  readonly localeHomeHref: string;
  readonly assetsHref: string;
  readonly canonical: string;
  /** Logo, accent stylesheet, header and footer links of site.yaml; shared by a language's pages. */
  readonly brand: BrandView;
}

/** What a file without languages adds to its base. */
export interface FileFields {
  readonly template: string;
  readonly title: string;
  readonly alternates: readonly Alternate[];
  readonly languages: readonly LanguageLink[];
}

/** Helpers shared by every page builder, bound to one site. */
export interface PageContext {
  readonly site: Site;
  readonly document: (slug: string) => LegalDocument;
  /** A site-root path as a link on the site (with the pathPrefix). */
  readonly link: (path: string) => string;
  /** A site-root path as a full address. */
  readonly absolute: (path: string) => string;
  readonly ref: (code: string) => LanguageRef;
  readonly base: <R extends Route>(route: R, locale: string) => PageBase<R["kind"]>;
  /**
   * The fields of a file that is no page in a language (feed, sitemap, robots.txt, JSON): no
   * alternates, no language switcher. In the default locale unless one is given.
   */
  readonly fileBase: <R extends Route>(route: R, template: string, title: string, locale?: string) => PageBase<R["kind"]> & FileFields;
  /** Hreflang alternates and the language switcher, from one list of (locale, path) pairs. */
  readonly languageViews: (available: readonly { locale: string; path: string }[], xDefaultPath: string) => { alternates: Alternate[]; languages: LanguageLink[] };
}

export function createPageContext(site: Site): PageContext {
  const { settings } = site;
  const locales = new Map(settings.locales.map((l) => [l.code, l]));
  const documents = new Map(site.documents.map((d) => [d.slug, d]));
  const localeOf = (code: string): LocaleSettings => locales.get(code) ?? { code, name: code, dir: "ltr" };
  const link = (path: string) => href(settings, path);
  const absolute = (path: string) => absoluteUrl(settings, path);
  const brandOf = brandViews(settings, link);
  const ref = (code: string): LanguageRef => {
    const l = localeOf(code);
    return { code: l.code, name: l.name, dir: l.dir };
  };
  const base = <R extends Route>(route: R, locale: string): PageBase<R["kind"]> => ({
    kind: route.kind,
    permalink: outputPermalink(route.path),
    locale,
    dir: localeOf(locale).dir,
    siteName: settings.name,
    homeHref: link(paths.home()),
    localeHomeHref: link(route.kind === "home" || !("locale" in route) ? paths.home() : paths.localeIndex(locale)),
    assetsHref: link("/assets/"),
    canonical: absolute(route.path),
    brand: brandOf(locale),
  });
  return {
    site,
    document(slug) {
      const doc = documents.get(slug);
      if (!doc) throw new Error(`Internal error: no document "${slug}" in the model.`);
      return doc;
    },
    link,
    absolute,
    ref,
    base,
    fileBase: (route, template, title, locale = settings.defaultLocale) => ({ ...base(route, locale), template, title, alternates: [], languages: [] }),
    languageViews: (available, xDefaultPath) => ({
      alternates: [...available.map((a) => ({ hreflang: a.locale, href: absolute(a.path) })), { hreflang: "x-default", href: absolute(xDefaultPath) }],
      languages: available.map((a) => ({ ...ref(a.locale), href: link(a.path) })),
    }),
  };
}
