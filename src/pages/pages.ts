import type { LegalDocument, Site } from "../model/site.ts";
import { cookieRegistryExport } from "./cookies-export.ts";
import { displayDate } from "../i18n/dates.ts";
import { changesPage, comparePage } from "./changes-page.ts";
import { SharedComparisons, unshared, type ComparisonSource } from "./comparisons.ts";
import { correctionViews, type CorrectionView } from "./corrections.ts";
import { feedPage } from "./feed.ts";
import { historyPage } from "./history-page.ts";
import { versionsIndexJson } from "./versions-index.ts";
import { createPageContext, type PageContext } from "./page-context.ts";
import { listRoutes, type Route } from "../addresses/routes.ts";
import {
  exceedsSitemapLimits,
  robotsPage,
  SITEMAP_LIMITS,
  sitemapEntries,
  sitemapIndexPage,
  sitemapPage,
  splitSitemap,
  documentSitemapFile,
  type SitemapEntry,
  type SitemapLimits,
} from "./sitemap.ts";
import { outputPermalink, paths } from "../addresses/urls.ts";
import { comparePath, languagesWithPages, pageLanguages, routeDocument } from "./languages.ts";
import { noticesFor } from "./notices.ts";
import { accentStylesheet } from "./brand.ts";
import { siteStylePage } from "./site-style.ts";
import type { DocumentListItem, PageView, PageViewOf } from "./page-view.ts";

export type { Alternate, LanguageLink, LanguageRef } from "./page-context.ts";
export type { DocumentListItem, DocumentView, PageKind, PageView, PageViewOf } from "./page-view.ts";
export type { Notice } from "./notices.ts";

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
 * The pages about the whole site: home, language indexes, sitemap, robots.txt, cookies.json, site.css.
 * They read each document's titles, dates and languages, never its text. Without the documents'
 * sitemap parts (`undefined`), each document's `/sitemaps/<doc>.xml` was written with its pages,
 * and only the index and the site-wide part are left to write.
 */
export function sitePageEntries(site: Site, documentSitemapFragments: readonly string[] | undefined, limits: SitemapLimits = SITEMAP_LIMITS): PageEntry[] {
  const routes = siteRoutes(site).filter((route) => !("slug" in route));
  const sitemapRoute = routes.find((route) => route.kind === "sitemap");
  const context = createPageContext(site);
  if (!sitemapRoute || !exceedsSitemapLimits(sitemapEntries(context, routes), documentSitemapFragments, limits)) {
    return entriesFor(site, routes, () => documentSitemapFragments ?? []);
  }
  // Too large for one sitemap file: /sitemap.xml becomes an index of one sitemap for the
  // site-wide pages and one per document, each of which is small.
  const slugs = site.documents.map((d) => d.slug);
  const files = splitSitemap(context, routes, slugs, documentSitemapFragments);
  const listed = [paths.sitemapPart("_home"), ...slugs.map((slug) => paths.sitemapPart(slug))];
  return [
    ...entriesFor(site, routes.filter((route) => route.kind !== "sitemap")),
    { kind: "sitemap", permalink: outputPermalink(sitemapRoute.path), view: sitemapIndexPage(context, sitemapRoute, listed) },
    ...files.map((file) => ({ kind: "sitemap" as const, permalink: outputPermalink(file.path), view: file.view })),
  ];
}

/**
 * Whether `/sitemap.xml` is an index of `/sitemaps/…` files: past the sitemaps.org limits, or when
 * the documents' parts were dropped for being past them (`DocumentSitemapParts`).
 */
export function sitemapIsSplit(site: Site, documentSitemapFragments: readonly string[] | undefined, limits: SitemapLimits = SITEMAP_LIMITS): boolean {
  // Without the parts nothing is left to weigh, and listing every route of a large site is not free.
  if (documentSitemapFragments === undefined) return true;
  const routes = siteRoutes(site).filter((route) => !("slug" in route));
  return exceedsSitemapLimits(sitemapEntries(createPageContext(site), routes), documentSitemapFragments, limits);
}

/** `/sitemaps/<doc>.xml`, written with a document's pages by a build that writes documents one at a time. */
export function documentSitemapFileEntry(site: Site, slug: string, fragment: string): PageEntry | undefined {
  const file = documentSitemapFile(createPageContext(site), siteRoutes(site), slug, fragment);
  return file && { kind: "sitemap", permalink: outputPermalink(file.path), view: file.view };
}

/** The sitemap entries of one document's pages (rendered into a fragment with the document). */
export function documentSitemapEntries(site: Site, slug: string): SitemapEntry[] {
  return sitemapEntries(createPageContext(site), siteRoutes(site).filter((route) => "slug" in route && route.slug === slug));
}

function siteRoutes(site: Site): Route[] {
  return listRoutes({
    locales: site.settings.locales.map((l) => l.code),
    defaultLocale: site.settings.defaultLocale,
    hasAccentColours: site.settings.brand?.accent !== undefined || site.settings.brand?.accentDark !== undefined,
    hasCookieRegistry: site.cookies !== undefined,
    documents: site.documents.map(routeDocument),
  });
}

function entriesFor(site: Site, routes: readonly Route[], sitemapFragments: () => readonly string[] = () => []): PageEntry[] {
  const context = createPageContext(site);
  const comparisons = new SharedComparisons(routes);
  return routes.map((route) => ({
    kind: route.kind,
    permalink: outputPermalink(route.path),
    ...("locale" in route && { locale: route.locale }),
    get view(): PageView {
      if (route.kind === "sitemap") return sitemapPage(context, route, routes.filter((r) => !("slug" in r)), sitemapFragments());
      if (route.kind === "robots") return robotsPage(context, route);
      return pageView(context, route, comparisons);
    },
  }));
}

/**
 * The view of one page (any route but the sitemap and robots.txt, which are built from the others).
 * `comparisons` lets the pages of one run share the comparisons they have in common.
 */
export function pageView(context: PageContext, route: Route, comparisons: ComparisonSource = unshared): PageView {
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
        catalog: settings.locales.filter((l) => languagesWithPages(context).includes(l.code)).map((l) => ({
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
      return changesPage(context, route, comparisons);
    case "compare":
      return comparePage(context, route, comparisons);
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
    case "brandStylesheet":
      return { ...context.fileBase(route, "layouts/text.njk", "accent"), text: accentStylesheet(settings) };
    case "notFound":
      return {
        ...context.base(route, route.locale),
        template: "layouts/not-found.njk",
        title: "",
        alternates: [],
        languages: [],
        indexes: settings.locales.filter((l) => languagesWithPages(context).includes(l.code)).map((l) => ({ ...ref(l.code), href: link(paths.localeIndex(l.code)) })),
      };
    case "siteStyle":
      return siteStylePage(context, route);
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

function documentPage(context: PageContext, route: Extract<Route, { kind: "document" | "version" }>): PageViewOf<"document" | "version"> {
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
      notices: noticesFor(site, doc, index, translation, route.kind === "document", { link, ref: context.ref, comparePath: (i, l) => comparePath(context, doc, i, l) }),
      permalinkHref: link(permalinkPath),
      permalinkUrl: absolute(permalinkPath),
      isLanding: route.kind === "document",
      historyHref: link(paths.history(route.locale, doc.slug)),
      feedUrl: absolute(paths.feed(route.locale, doc.slug)),
      ...(hasPredecessor && { changesHref: link(paths.changes(route.locale, doc.slug, version.updated)) }),
      ...withCompare(comparePath(context, doc, index, route.locale), link),
      sourceSha256: translation.sourceSha256,
      ...withCorrections(correctionViews(translation, route.locale)),
    },
  };
}

const withCorrections = (corrections: CorrectionView[] | undefined) => (corrections ? { corrections } : {});

const withCompare = (path: string | undefined, link: (path: string) => string) => (path === undefined ? {} : { compareHref: link(path) });
