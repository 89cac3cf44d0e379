import type { LegalDocument, Site, Translation, Version } from "../model/site.ts";
import { cookieRegistryExport } from "./cookies-export.ts";
import { displayDate, type DisplayDate } from "../i18n/dates.ts";
import { languageNameIn } from "../i18n/locales.ts";
import type { TocEntry } from "../model/text.ts";
import { changesPage, type ChangesView } from "./changes-page.ts";
import { feedPage, type FeedView } from "./feed.ts";
import { historyPage, type HistoryView } from "./history-page.ts";
import { versionsIndexJson } from "./versions-index.ts";
import { isStaleTranslation, type VersionStatus } from "../rules/version-order.ts";
import { createPageContext, type Alternate, type LanguageLink, type LanguageRef, type PageBase, type PageContext } from "./page-context.ts";
import { listRoutes, type Route } from "../addresses/routes.ts";
import {
  exceedsSitemapLimits,
  robotsPage,
  SITEMAP_LIMITS,
  sitemapEntries,
  sitemapIndexPage,
  sitemapPage,
  splitSitemap,
  type SitemapEntry,
  type SitemapIndexView,
  type SitemapLimits,
  type SitemapView,
} from "./sitemap.ts";
import { outputPermalink, paths } from "../addresses/urls.ts";
import { pageLanguages } from "./languages.ts";

export type { Alternate, LanguageLink, LanguageRef } from "./page-context.ts";

/**
 * View models: everything a template prints, computed here once per page from the content model,
 * so templates only place values and look up UI strings.
 */
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
  readonly historyHref: string;
  /** Absolute, for `<link rel="alternate" type="application/atom+xml">`. */
  readonly feedUrl: string;
  /** What changed against the previous version in this language, when there is one. */
  readonly changesHref?: string;
}

export interface DocumentListItem {
  readonly title: string;
  readonly href: string;
  readonly label: string;
  readonly updated: DisplayDate;
  /** Set when the item is in another language than the page. */
  readonly language?: LanguageRef;
}

export interface PageView extends PageBase {
  /** Template path under templates/. */
  readonly template: string;
  /** The page's own name (document title, language name…); the layout adds the site name. */
  readonly title: string;
  readonly description?: string;
  readonly alternates: readonly Alternate[];
  readonly languages: readonly LanguageLink[];
  /** The code of the switcher's entry that is this very page. */
  readonly currentLanguage?: string;
  readonly document?: DocumentView;
  readonly documents?: readonly DocumentListItem[];
  /** Documents not (yet) available in this page's language, linked in the default one. */
  readonly otherDocuments?: readonly DocumentListItem[];
  /** On the home page: every language with its documents. */
  readonly catalog?: readonly { readonly language: LanguageRef; readonly href: string; readonly documents: readonly DocumentListItem[] }[];
  readonly history?: HistoryView;
  readonly changes?: ChangesView;
  readonly feed?: FeedView;
  readonly sitemap?: SitemapView;
  readonly sitemapIndex?: SitemapIndexView;
  /** The text of a data file (JSON) or plain-text file, printed as is. */
  readonly text?: string;
}

const DEFAULT_LAYOUT = "layouts/document.njk";

/**
 * One page as Eleventy paginates over it: where it is written, and its view, built afresh each
 * time `view` is read. Eleventy keeps every pagination item for the whole build, so holding only
 * these lets each view (a changes page's comparison, 30 language links…) be collected as soon as
 * its page is written; the layout reads `view` once per page.
 */
export interface PageEntry {
  readonly kind: Route["kind"];
  /** Output file, relative to the output folder. */
  readonly permalink: string;
  /** The language of a page that has one (not the home page, the sitemap or versions.json). */
  readonly locale?: string;
  readonly view: PageView;
}

/** Every page of the site, for one Eleventy run (Eleventy's own `--serve`). */
export function pageEntries(site: Site, renderSitemapUrls: (entries: readonly SitemapEntry[]) => string): PageEntry[] {
  const routes = siteRoutes(site).filter((route) => "slug" in route);
  const context = createPageContext(site);
  const fragments = site.documents.map((doc) => renderSitemapUrls(sitemapEntries(context, routes.filter((route) => route.slug === doc.slug))));
  return [...entriesFor(site, routes), ...sitePageEntries(site, fragments)];
}

/**
 * The pages of one document: its versions, changes, history, feeds and versions.json. They need
 * only that document, so each document's pages can be rendered on their own, in parallel.
 */
export function documentPageEntries(site: Site, slug: string): PageEntry[] {
  return entriesFor(site, siteRoutes(site).filter((route) => "slug" in route && route.slug === slug));
}

/**
 * The pages about the whole site: home, language indexes, sitemap, robots.txt, cookies.json.
 * They read each document's titles, dates and languages, never its text.
 */
export function sitePageEntries(site: Site, documentSitemapFragments: readonly string[], limits: SitemapLimits = SITEMAP_LIMITS): PageEntry[] {
  const routes = siteRoutes(site).filter((route) => !("slug" in route));
  const sitemapRoute = routes.find((route) => route.kind === "sitemap");
  const context = createPageContext(site);
  if (!sitemapRoute || !exceedsSitemapLimits(sitemapEntries(context, routes), documentSitemapFragments, limits)) {
    return entriesFor(site, routes, () => documentSitemapFragments);
  }
  // Too large for one sitemap file: /sitemap.xml becomes an index of one sitemap for the
  // site-wide pages and one per document, each of which is small.
  const files = splitSitemap(context, routes, site.documents.map((d) => d.slug), documentSitemapFragments);
  return [
    ...entriesFor(site, routes.filter((route) => route.kind !== "sitemap")),
    { kind: "sitemap", permalink: outputPermalink(sitemapRoute.path), view: sitemapIndexPage(context, sitemapRoute, files.map((f) => f.path)) },
    ...files.map((file) => ({ kind: "sitemap" as const, permalink: outputPermalink(file.path), view: file.view })),
  ];
}

/** The sitemap entries of one document's pages (rendered into a fragment with the document). */
export function documentSitemapEntries(site: Site, slug: string): SitemapEntry[] {
  return sitemapEntries(createPageContext(site), siteRoutes(site).filter((route) => "slug" in route && route.slug === slug));
}

function siteRoutes(site: Site): Route[] {
  return listRoutes({
    locales: site.settings.locales.map((l) => l.code),
    hasCookieRegistry: site.cookies !== undefined,
    documents: site.documents.map((d) => ({ slug: d.slug, versions: d.versions.map((v) => ({ updated: v.updated, locales: Object.keys(v.translations) })) })),
  });
}

function entriesFor(site: Site, routes: readonly Route[], sitemapFragments: () => readonly string[] = () => []): PageEntry[] {
  const context = createPageContext(site);
  return routes.map((route) => ({
    kind: route.kind,
    permalink: outputPermalink(route.path),
    ...("locale" in route && { locale: route.locale }),
    get view(): PageView {
      if (route.kind === "sitemap") return sitemapPage(context, route, routes.filter((r) => !("slug" in r)), sitemapFragments());
      if (route.kind === "robots") return robotsPage(context, route);
      return pageFor(context, route);
    },
  }));
}

function pageFor(context: PageContext, route: Route): PageView {
  const { site, link, ref } = context;
  const { settings } = site;

  switch (route.kind) {
    case "home": {
      const locale = settings.defaultLocale;
      return {
        ...context.base(route, locale),
        ...pageLanguages(context, route, locale),
        template: "layouts/home.njk",
        title: settings.name,
        catalog: settings.locales.map((l) => ({
          language: ref(l.code),
          href: link(paths.localeIndex(l.code)),
          documents: site.documents.flatMap((doc) => listItem(context, doc, l.code, l.code) ?? []),
        })),
      };
    }
    case "localeIndex": {
      const { locale } = route;
      return {
        ...context.base(route, locale),
        ...pageLanguages(context, route, locale),
        template: "layouts/locale-index.njk",
        title: ref(locale).name,
        documents: site.documents.flatMap((doc) => listItem(context, doc, locale, locale) ?? []),
        otherDocuments: site.documents.flatMap((doc) =>
          doc.landingIndex[locale] === undefined ? (listItem(context, doc, settings.defaultLocale, locale) ?? []) : [],
        ),
      };
    }
    case "document":
    case "version":
      return documentPage(context, route);
    case "history":
      return historyPage(context, route);
    case "changes":
      return changesPage(context, route);
    case "feed":
      return feedPage(context, route);
    case "versionsIndex":
      return {
        ...context.fileBase(route, "layouts/text.njk", route.slug),
        text: versionsIndexJson(context, context.document(route.slug)),
      };
    case "cookiesExport":
      return {
        ...context.fileBase(route, "layouts/text.njk", "cookies"),
        text: `${JSON.stringify(cookieRegistryExport(site), null, 2)}\n`,
      };
    case "sitemap":
    case "robots":
      throw new Error(`Internal error: ${route.kind} is built from the other pages.`);
  }
}

function listItem(context: PageContext, doc: LegalDocument, locale: string, pageLocale: string): DocumentListItem | undefined {
  const index = doc.landingIndex[locale];
  const version = index === undefined ? undefined : doc.versions[index];
  const translation = version?.translations[locale];
  if (!version || !translation) return undefined;
  return {
    title: translation.title,
    href: context.link(paths.document(locale, doc.slug)),
    label: version.label,
    updated: displayDate(version.updated, pageLocale),
    ...(locale !== pageLocale && { language: context.ref(locale) }),
  };
}

function documentPage(context: PageContext, route: Extract<Route, { kind: "document" | "version" }>): PageView {
  const { site, link, absolute } = context;
  const doc = context.document(route.slug);
  const index = route.kind === "document" ? doc.landingIndex[route.locale] : doc.versions.findIndex((v) => v.updated === route.updated);
  const version = index === undefined ? undefined : doc.versions[index];
  const translation = version?.translations[route.locale];
  if (index === undefined || !version || !translation) throw new Error(`Internal error: route ${route.path} has no translation in the model.`);
  const permalinkPath = paths.version(route.locale, doc.slug, version.updated);
  const hasPredecessor = doc.versions.slice(0, index).some((v) => route.locale in v.translations);
  return {
    ...context.base(route, route.locale),
    ...pageLanguages(context, route, route.locale),
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
      notices: noticesFor(site, doc, index, translation, route.kind === "document", { link, ref: context.ref }),
      permalinkHref: link(permalinkPath),
      permalinkUrl: absolute(permalinkPath),
      isLanding: route.kind === "document",
      historyHref: link(paths.history(route.locale, doc.slug)),
      feedUrl: absolute(paths.feed(route.locale, doc.slug)),
      ...(hasPredecessor && { changesHref: link(paths.changes(route.locale, doc.slug, version.updated)) }),
    },
  };
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
    // On its dated page it is also simply an earlier version; the newest is in the default language.
    if (!isLanding) notices.push({ kind: "older", latestHref: helpers.link(paths.document(defaultLocale, doc.slug)) });
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
