import { displayDate, type DisplayDate } from "../i18n/dates.ts";
import type { PageContext } from "./page-context.ts";
import type { PageViewOf } from "./page-view.ts";
import type { Route } from "../addresses/routes.ts";
import { paths } from "../addresses/urls.ts";
import { pageLanguages } from "./languages.ts";
import type { Comparison } from "../diff/compare.ts";
import { comparedPair, unshared, type ComparisonSource } from "./comparisons.ts";

/**
 * A redline of two versions in one language: the view of changes pages (a version against the one
 * before it) and compare pages (an earlier version against the version in force) alike. "version"
 * is the newer of the two, "previous" the older.
 */
export interface ChangesView {
  readonly title: string;
  readonly label: string;
  readonly updated: DisplayDate;
  readonly effective: DisplayDate;
  readonly previousLabel: string;
  readonly previousUpdated: DisplayDate;
  readonly previousEffective: DisplayDate;
  readonly versionHref: string;
  readonly previousHref: string;
  /** The versions' permanent addresses in full, printed with the redline. */
  readonly versionUrl: string;
  readonly previousUrl: string;
  readonly historyHref: string;
  /** The title changed too. */
  readonly previousTitle?: string;
  readonly comparison: Comparison;
  /** True when no section differs (a re-issue with the same text). */
  readonly identical: boolean;
}

/** `/<locale>/<doc>/<date>/changes/`: this version against the one before it in the same language. */
export function changesPage(
  context: PageContext,
  route: Extract<Route, { kind: "changes" }>,
  comparisons: ComparisonSource = unshared,
): PageViewOf<"changes"> {
  return { ...redlinePage(context, route, comparisons), kind: route.kind, template: "layouts/changes.njk" };
}

/** `/<locale>/<doc>/<date>/compare/`: this earlier version against the version in force in the same language. */
export function comparePage(
  context: PageContext,
  route: Extract<Route, { kind: "compare" }>,
  comparisons: ComparisonSource = unshared,
): PageViewOf<"compare"> {
  return { ...redlinePage(context, route, comparisons), kind: route.kind, template: "layouts/compare.njk" };
}

function redlinePage(context: PageContext, route: Extract<Route, { kind: "changes" | "compare" }>, comparisons: ComparisonSource) {
  const { link, absolute } = context;
  const { locale } = route;
  const doc = context.document(route.slug);
  const pair = comparedPair(route);
  const version = doc.versions.find((v) => v.updated === pair.newer);
  const previous = doc.versions.find((v) => v.updated === pair.older);
  const translation = version?.translations[locale];
  const previousTranslation = previous?.translations[locale];
  if (!version || !previous || !translation || !previousTranslation) {
    throw new Error(`Internal error: route ${route.path} has no versions to compare in the model.`);
  }
  const comparison = comparisons.comparison(route, previousTranslation.sections, translation.sections);
  const versionPath = paths.version(locale, doc.slug, version.updated);
  const previousPath = paths.version(locale, doc.slug, previous.updated);
  const changes: ChangesView = {
    title: translation.title,
    label: version.label,
    updated: displayDate(version.updated, locale),
    effective: displayDate(version.effective, locale),
    previousLabel: previous.label,
    previousUpdated: displayDate(previous.updated, locale),
    previousEffective: displayDate(previous.effective, locale),
    versionHref: link(versionPath),
    previousHref: link(previousPath),
    versionUrl: absolute(versionPath),
    previousUrl: absolute(previousPath),
    historyHref: link(paths.history(locale, doc.slug)),
    ...(previousTranslation.title !== translation.title && { previousTitle: previousTranslation.title }),
    comparison,
    identical: comparison.counts.unchanged === comparison.sections.length,
  };
  return {
    ...context.base(route, locale),
    ...pageLanguages(context, route, locale),
    title: translation.title,
    changes,
  };
}
