import type { LegalDocument, Site, Translation, Version } from "../content/model.ts";
import type { LocaleSettings } from "../content/site-config.ts";
import { displayDate, type DisplayDate } from "../i18n/dates.ts";
import type { TocEntry } from "../markdown/renderer.ts";
import { isStaleTranslation, type VersionStatus } from "../versions/order.ts";
import { languageNameIn } from "../i18n/locales.ts";
import { listRoutes, type Route } from "./routes.ts";
import { absoluteUrl, href, outputPermalink, paths } from "./urls.ts";

/**
 * View models: everything a template prints, computed here once per page from the content model,
 * so templates only place values and look up UI strings.
 */
export interface LanguageLink {
  readonly code: string;
  readonly name: string;
  readonly dir: "ltr" | "rtl";
  readonly href: string;
  readonly current: boolean;
}

export interface Alternate {
  /** A locale code, or `x-default`. */
  readonly hreflang: string;
  readonly href: string;
}

export type Notice =
  /** An earlier version: not the one in force. */
  | { readonly kind: "older"; readonly latestHref: string }
  /** Not yet in force; `currentHref` is the version that is. */
  | { readonly kind: "upcoming"; readonly effective: DisplayDate; readonly currentHref?: string }
  /** On the page in force: a newer version has been published and takes effect later. */
  | { readonly kind: "announce"; readonly effective: DisplayDate; readonly href: string; readonly hrefLang?: LanguageRef }
  /** This language lags behind the authoritative one. */
  | {
      readonly kind: "stale";
      readonly href: string;
      readonly language: LanguageRef;
      /** The authoritative language's name in the page's language ("Englisch" on a German page). */
      readonly languageName: string;
      readonly currentLabel: string;
    };

/** A language named in another language's page, so it can carry its own `lang` and `dir`. */
export interface LanguageRef {
  readonly code: string;
  readonly name: string;
  readonly dir: "ltr" | "rtl";
}

export interface DocumentView {
  readonly slug: string;
  readonly title: string;
  readonly label: string;
  readonly status: VersionStatus;
  readonly updated: DisplayDate;
  readonly effective: DisplayDate;
  readonly summary?: string;
  readonly html: string;
  readonly toc: readonly TocEntry[];
  readonly notices: readonly Notice[];
  /** The dated permanent address of this version. */
  readonly permalinkHref: string;
  readonly permalinkUrl: string;
  /** True on `/<locale>/<doc>/`, false on the dated page. */
  readonly isLanding: boolean;
}

export interface DocumentListItem {
  readonly title: string;
  readonly href: string;
  readonly label: string;
  readonly updated: DisplayDate;
  /** Set when the item is in another language than the page. */
  readonly language?: LanguageRef;
}

export interface PageView {
  readonly kind: Route["kind"];
  /** Output file, relative to the output folder. */
  readonly permalink: string;
  /** Template path under templates/. */
  readonly template: string;
  readonly locale: string;
  readonly dir: "ltr" | "rtl";
  /** The page's own name (document title, language name…); the layout adds the site name. */
  readonly title: string;
  readonly description?: string;
  readonly siteName: string;
  readonly homeHref: string;
  readonly localeHomeHref: string;
  readonly assetsHref: string;
  readonly canonical: string;
  readonly alternates: readonly Alternate[];
  readonly languages: readonly LanguageLink[];
  readonly document?: DocumentView;
  readonly documents?: readonly DocumentListItem[];
  /** Documents not (yet) available in this page's language, linked in the default one. */
  readonly otherDocuments?: readonly DocumentListItem[];
  /** On the home page: every language with its documents. */
  readonly catalog?: readonly { readonly language: LanguageRef; readonly href: string; readonly documents: readonly DocumentListItem[] }[];
}

const DEFAULT_LAYOUT = "layouts/document.njk";

export function buildPages(site: Site): PageView[] {
  const { settings } = site;
  const locales = new Map(settings.locales.map((l) => [l.code, l]));
  const docs = new Map(site.documents.map((d) => [d.slug, d]));
  const routes = listRoutes({
    locales: settings.locales.map((l) => l.code),
    documents: site.documents.map((d) => ({ slug: d.slug, versions: d.versions.map((v) => ({ updated: v.updated, locales: Object.keys(v.translations) })) })),
  });
  const localeOf = (code: string): LocaleSettings => locales.get(code) ?? { code, name: code, dir: "ltr" };
  const link = (path: string) => href(settings, path);
  const absolute = (path: string) => absoluteUrl(settings, path);
  const ref = (code: string): LanguageRef => {
    const l = localeOf(code);
    return { code: l.code, name: l.name, dir: l.dir };
  };

  /** Hreflang alternates and the language switcher, from the same list of (locale, path) pairs. */
  const languageViews = (pagePath: string, pageLocale: string, available: readonly { locale: string; path: string }[], xDefault: string) => ({
    alternates: [
      ...available.map((a) => ({ hreflang: a.locale, href: absolute(a.path) })),
      { hreflang: "x-default", href: absolute(xDefault) },
    ],
    languages: available.map((a) => ({ ...ref(a.locale), href: link(a.path), current: a.locale === pageLocale && a.path === pagePath })),
  });

  const common = (route: Route, locale: string) => ({
    kind: route.kind,
    permalink: outputPermalink(route.path),
    locale,
    dir: localeOf(locale).dir,
    siteName: settings.name,
    homeHref: link(paths.home()),
    localeHomeHref: link(route.kind === "home" ? paths.home() : paths.localeIndex(locale)),
    assetsHref: link("/assets/"),
    canonical: absolute(route.path),
  });

  const listItem = (doc: LegalDocument, locale: string, pageLocale: string): DocumentListItem | undefined => {
    const index = doc.landingIndex[locale];
    const version = index === undefined ? undefined : doc.versions[index];
    const translation = version?.translations[locale];
    if (!version || !translation) return undefined;
    return {
      title: translation.title,
      href: link(paths.document(locale, doc.slug)),
      label: version.label,
      updated: displayDate(version.updated, pageLocale),
      ...(locale !== pageLocale && { language: ref(locale) }),
    };
  };

  const localeIndexLanguages = (route: Route, locale: string) =>
    languageViews(
      route.path,
      locale,
      settings.locales.map((l) => ({ locale: l.code, path: paths.localeIndex(l.code) })),
      paths.home(),
    );

  return routes.map((route): PageView => {
    switch (route.kind) {
      case "home": {
        const locale = settings.defaultLocale;
        return {
          ...common(route, locale),
          ...localeIndexLanguages(route, locale),
          template: "layouts/home.njk",
          title: settings.name,
          catalog: settings.locales.map((l) => ({
            language: ref(l.code),
            href: link(paths.localeIndex(l.code)),
            documents: site.documents.flatMap((doc) => listItem(doc, l.code, l.code) ?? []),
          })),
        };
      }
      case "localeIndex": {
        const { locale } = route;
        return {
          ...common(route, locale),
          ...localeIndexLanguages(route, locale),
          template: "layouts/locale-index.njk",
          title: localeOf(locale).name,
          documents: site.documents.flatMap((doc) => listItem(doc, locale, locale) ?? []),
          otherDocuments: site.documents.flatMap((doc) =>
            doc.landingIndex[locale] === undefined ? (listItem(doc, settings.defaultLocale, locale) ?? []) : [],
          ),
        };
      }
      case "document":
      case "version": {
        const doc = docs.get(route.slug);
        const index = route.kind === "document" ? doc?.landingIndex[route.locale] : doc?.versions.findIndex((v) => v.updated === route.updated);
        const version = index === undefined ? undefined : doc?.versions[index];
        const translation = version?.translations[route.locale];
        if (!doc || index === undefined || !version || !translation) {
          throw new Error(`Internal error: route ${route.path} has no translation in the model.`);
        }
        const available =
          route.kind === "document"
            ? settings.locales.filter((l) => doc.landingIndex[l.code] !== undefined).map((l) => ({ locale: l.code, path: paths.document(l.code, doc.slug) }))
            : settings.locales.filter((l) => l.code in version.translations).map((l) => ({ locale: l.code, path: paths.version(l.code, doc.slug, version.updated) }));
        const xDefault =
          route.kind === "document" ? paths.document(settings.defaultLocale, doc.slug) : paths.version(settings.defaultLocale, doc.slug, version.updated);
        const permalinkPath = paths.version(route.locale, doc.slug, version.updated);
        return {
          ...common(route, route.locale),
          ...languageViews(route.path, route.locale, available, xDefault),
          template: translation.layout ?? DEFAULT_LAYOUT,
          title: translation.title,
          ...(translation.description !== undefined && { description: translation.description }),
          document: {
            slug: doc.slug,
            title: translation.title,
            label: version.label,
            status: version.status,
            updated: displayDate(version.updated, route.locale),
            effective: displayDate(version.effective, route.locale),
            ...(translation.summary !== undefined && { summary: translation.summary }),
            html: translation.html,
            toc: translation.toc,
            notices: noticesFor(site, doc, index, translation, route.kind === "document", { link, ref }),
            permalinkHref: link(permalinkPath),
            permalinkUrl: absolute(permalinkPath),
            isLanding: route.kind === "document",
          },
        };
      }
    }
  });
}

/** Which notices a version page shows (SPEC section 4), in the order they are printed. */
export function noticesFor(
  site: Site,
  doc: LegalDocument,
  index: number,
  translation: Translation,
  isLanding: boolean,
  helpers: { link: (path: string) => string; ref: (code: string) => LanguageRef },
): Notice[] {
  const { locale } = translation;
  const { defaultLocale } = site.settings;
  const version = doc.versions[index] as Version;
  const landing = doc.landingIndex[locale];
  const landingPath = paths.document(locale, doc.slug);
  const notices: Notice[] = [];

  const stale = landing === index && locale !== defaultLocale && isStaleTranslation(index, doc.currentIndex);

  if (version.status === "upcoming") {
    notices.push({
      kind: "upcoming",
      effective: displayDate(version.effective, locale),
      ...(landing !== undefined && landing !== index && { currentHref: helpers.link(landingPath) }),
    });
  } else if (stale) {
    const current = doc.versions[doc.currentIndex ?? index] as Version;
    notices.push({
      kind: "stale",
      href: helpers.link(paths.document(defaultLocale, doc.slug)),
      language: helpers.ref(defaultLocale),
      languageName: languageNameIn(locale, defaultLocale),
      currentLabel: current.label,
    });
  } else if (version.status === "older") {
    const explicit = translation.latestVersion;
    notices.push({
      kind: "older",
      latestHref: explicit === undefined ? helpers.link(landingPath) : explicit.startsWith("/") ? helpers.link(explicit) : explicit,
    });
  }

  // The page in force announces the next version, in this language when it exists.
  const next = doc.versions.findIndex((v) => v.status === "upcoming");
  const showsVersionInForce = version.status === "current" || (isLanding && version.status !== "upcoming");
  const nextVersion = doc.versions[next];
  if (nextVersion && showsVersionInForce && next > index) {
    const hasOwn = locale in nextVersion.translations;
    notices.push({
      kind: "announce",
      effective: displayDate(nextVersion.effective, locale),
      href: helpers.link(paths.version(hasOwn ? locale : defaultLocale, doc.slug, nextVersion.updated)),
      ...(!hasOwn && { hrefLang: helpers.ref(defaultLocale) }),
    });
  }
  return notices;
}
