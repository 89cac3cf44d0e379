import type { CorrectionView } from "./corrections.ts";
import type { DisplayDate } from "../i18n/dates.ts";
import type { TocEntry } from "../model/text.ts";
import type { VersionStatus } from "../rules/version-order.ts";
import type { ChangesView } from "./changes-page.ts";
import type { FeedView } from "./feed.ts";
import type { HistoryView } from "./history-page.ts";
import type { Notice } from "./notices.ts";
import type { Alternate, FileFields, LanguageLink, LanguageRef, PageBase } from "./page-context.ts";
import type { SiteStyleView } from "./site-style.ts";
import type { SitemapIndexView, SitemapView } from "./sitemap.ts";

/**
 * View models: everything a template prints, computed once per page from the content model, so
 * templates only place values and look up UI strings. One variant per kind of page, told apart by
 * `kind`: a template's payload is typed by the page it prints.
 */
export type PageView =
  | HomePageView
  | LocaleIndexPageView
  | DocumentPageView
  | HistoryPageView
  | ChangesPageView
  | ComparePageView
  | FeedPageView
  | SitemapPageView
  | SitemapIndexPageView
  | NotFoundPageView
  | TextFileView
  | SiteStylePageView;

export type PageKind = PageView["kind"];

/** The view of one kind of page: `PageViewOf<"history">`, `PageViewOf<"robots">`. */
export type PageViewOf<Kind extends PageKind> = VariantOf<PageView, Kind>;
// Distributes over the union; a variant that serves several kinds (text files) narrows to the one asked.
type VariantOf<View, Kind> = View extends { readonly kind: infer K } ? ([Kind] extends [K] ? View & { readonly kind: Kind } : never) : never;

/** An HTML page in a language: its title, hreflang alternates and language switcher. */
interface LanguagePage<Kind extends PageKind> extends PageBase<Kind> {
  /** Template path under templates/. */
  readonly template: string;
  /** The page's own name (document title, language name…); the layout adds the site name. */
  readonly title: string;
  readonly alternates: readonly Alternate[];
  readonly languages: readonly LanguageLink[];
  /** The code of the switcher's entry that is this very page. */
  readonly currentLanguage?: string;
  /**
   * Set when the page exists in so many languages that the switcher folds into a disclosure:
   * the language its summary names (this page's).
   */
  readonly languageMenu?: LanguageRef;
}

/** A file that is no page in a language (feed, sitemap, robots.txt, JSON): no switcher, no alternates. */
type FilePage<Kind extends PageKind> = PageBase<Kind> & FileFields;

/** `/`: every language with its documents. */
export interface HomePageView extends LanguagePage<"home"> {
  readonly catalog: readonly { readonly language: LanguageRef; readonly href: string; readonly documents: readonly DocumentListItem[] }[];
}

/** `/<locale>/`: the documents in that language. */
export interface LocaleIndexPageView extends LanguagePage<"localeIndex"> {
  readonly documents: readonly DocumentListItem[];
  /** Documents not (yet) available in this page's language, linked in the default one. */
  readonly otherDocuments: readonly DocumentListItem[];
}

/** `/<locale>/<doc>/` (kind "document") and the dated `/<locale>/<doc>/<date>/` (kind "version"). */
export interface DocumentPageView extends LanguagePage<"document" | "version"> {
  readonly description?: string;
  readonly document: DocumentView;
}

/**
 * `/404.html`, in the default language: what hosts serve for an address without a page. Its
 * links start at the site's root, so they lead the same way from any address it is served at;
 * no canonical link or alternates (it has no address of its own to index).
 */
export interface NotFoundPageView extends LanguagePage<"notFound"> {
  /** Every language's index, each link in its own language. */
  readonly indexes: readonly LanguageLink[];
}

export interface HistoryPageView extends LanguagePage<"history"> {
  readonly history: HistoryView;
}

export interface ChangesPageView extends LanguagePage<"changes"> {
  readonly changes: ChangesView;
}

/** `/<locale>/<doc>/<date>/compare/`: the changes page's view, for an earlier version against the one in force. */
export interface ComparePageView extends LanguagePage<"compare"> {
  readonly changes: ChangesView;
}

export type FeedPageView = FilePage<"feed"> & { readonly feed: FeedView };

export type SitemapPageView = FilePage<"sitemap"> & { readonly sitemap: SitemapView };

/** `/sitemap.xml` of a site too large for one sitemap file: the index of its parts. */
export type SitemapIndexPageView = FilePage<"sitemapIndex"> & { readonly sitemapIndex: SitemapIndexView };

export type SiteStylePageView = FilePage<"siteStyle"> & { readonly style: SiteStyleView };

/** A data file (JSON) or plain-text file, printed as is. */
export type TextFileView = FilePage<"versionsIndex" | "cookiesExport" | "robots" | "brandStylesheet"> & { readonly text: string };

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
  /** What changed since this version: it against the version in force, for an earlier version. */
  readonly compareHref?: string;
  /** SHA-256 of the source file, so an archive can prove what was published (also in versions.json). */
  readonly sourceSha256: string;
  /** Corrections made to this published text, oldest first. */
  readonly corrections?: readonly CorrectionView[];
}

export interface DocumentListItem {
  readonly title: string;
  readonly href: string;
  readonly label: string;
  readonly updated: DisplayDate;
  /** Set when the item is in another language than the page. */
  readonly language?: LanguageRef;
}
