import type { Route } from "../addresses/routes.ts";
import { displayDate, type DisplayDate } from "../i18n/dates.ts";
import { correctionViews, type CorrectionView } from "./corrections.ts";
import { comparePath, pageLanguages } from "./languages.ts";
import { periodView, type PeriodView } from "./notices.ts";
import type { LanguageRef, PageContext } from "./page-context.ts";
import type { PageViewOf } from "./page-view.ts";
import { paths } from "../addresses/urls.ts";
import type { VersionStatus } from "../rules/version-order.ts";

export interface HistoryEntry {
  readonly label: string;
  readonly status: VersionStatus;
  readonly updated: DisplayDate;
  readonly effective: DisplayDate;
  readonly summary?: string;
  /** Set when the summary comes from another language than the page's. */
  readonly summaryLanguage?: LanguageRef;
  readonly href: string;
  /** Set when this version exists only in other languages: the link leads to one of them. */
  readonly hrefLanguage?: LanguageRef;
  readonly changesHref?: string;
  /** What changed since this version, for an earlier version with a later one in force in this language. */
  readonly compareHref?: string;
  /** When it was, is or will be in force. */
  readonly period: PeriodView;
  /** The version `/<locale>/<doc>/` shows in this language. */
  readonly isLanding: boolean;
  /** Corrections of the text the entry links to, oldest first. */
  readonly corrections?: readonly CorrectionView[];
  /** Set when the corrections' notes are in another language than the page's. */
  readonly correctionsLanguage?: LanguageRef;
}

export interface HistoryView {
  readonly title: string;
  readonly documentHref: string;
  readonly feedUrl: string;
  readonly feedHref: string;
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
}

const withCorrections = (corrections: CorrectionView[] | undefined) => (corrections ? { corrections } : {});

/** `/<locale>/<doc>/history/`: every version of the document, newest first, in every language's terms. */
export function historyPage(context: PageContext, route: Extract<Route, { kind: "history" }>): PageViewOf<"history"> {
  const { site, link, ref } = context;
  const { locale } = route;
  const { defaultLocale } = site.settings;
  const doc = context.document(route.slug);
  const landing = doc.landingIndex[locale];
  const title = (landing === undefined ? undefined : doc.versions[landing]?.translations[locale])?.title ?? route.slug;

  const entries = doc.versions
    .map((version, index): HistoryEntry => {
      const own = version.translations[locale];
      const shown = own ?? version.translations[defaultLocale];
      const shownLocale = own ? locale : defaultLocale;
      const hasPredecessor = doc.versions.slice(0, index).some((v) => locale in v.translations);
      const compare = comparePath(context, doc, index, locale);
      return {
        label: version.label,
        status: version.status,
        updated: displayDate(version.updated, locale),
        effective: displayDate(version.effective, locale),
        ...(shown?.summary !== undefined && { summary: shown.summary }),
        ...(shown?.summary !== undefined && !own && { summaryLanguage: ref(defaultLocale) }),
        href: link(paths.version(shownLocale, doc.slug, version.updated)),
        ...(!own && { hrefLanguage: ref(defaultLocale) }),
        ...(own && hasPredecessor && { changesHref: link(paths.changes(locale, doc.slug, version.updated)) }),
        ...(own && compare !== undefined && { compareHref: link(compare) }),
        period: periodView(doc, index, locale),
        isLanding: index === landing,
        ...withCorrections(correctionViews(shown, locale)),
        ...(shown?.corrections !== undefined && !own && { correctionsLanguage: ref(defaultLocale) }),
      };
    })
    .reverse();

  return {
    ...context.base(route, locale),
    ...pageLanguages(context, route, locale),
    template: "layouts/history.njk",
    title,
    history: {
      title,
      documentHref: link(paths.document(locale, doc.slug)),
      feedUrl: context.absolute(paths.feed(locale, doc.slug)),
      feedHref: link(paths.feed(locale, doc.slug)),
      entries,
    },
  };
}
