import { displayDate, type DisplayDate } from "../i18n/dates.ts";
import type { PageContext } from "./page-context.ts";
import type { PageViewOf } from "./page-view.ts";
import type { Route } from "../addresses/routes.ts";
import { paths } from "../addresses/urls.ts";
import { pageLanguages } from "./languages.ts";
import { compareSections, type Comparison } from "../diff/compare.ts";

export interface ChangesView {
  readonly title: string;
  readonly label: string;
  readonly updated: DisplayDate;
  readonly effective: DisplayDate;
  readonly previousLabel: string;
  readonly previousUpdated: DisplayDate;
  readonly versionHref: string;
  readonly previousHref: string;
  readonly historyHref: string;
  /** The title changed too. */
  readonly previousTitle?: string;
  readonly comparison: Comparison;
  /** True when no section differs (a re-issue with the same text). */
  readonly identical: boolean;
}

/** `/<locale>/<doc>/<date>/changes/`: this version against the one before it in the same language. */
export function changesPage(context: PageContext, route: Extract<Route, { kind: "changes" }>): PageViewOf<"changes"> {
  const { link } = context;
  const { locale } = route;
  const doc = context.document(route.slug);
  const version = doc.versions.find((v) => v.updated === route.updated);
  const previous = doc.versions.find((v) => v.updated === route.previous);
  const translation = version?.translations[locale];
  const previousTranslation = previous?.translations[locale];
  if (!version || !previous || !translation || !previousTranslation) {
    throw new Error(`Internal error: route ${route.path} has no versions to compare in the model.`);
  }
  const comparison = compareSections(previousTranslation.sections, translation.sections);

  return {
    ...context.base(route, locale),
    ...pageLanguages(context, route, locale),
    template: "layouts/changes.njk",
    title: translation.title,
    changes: {
      title: translation.title,
      label: version.label,
      updated: displayDate(version.updated, locale),
      effective: displayDate(version.effective, locale),
      previousLabel: previous.label,
      previousUpdated: displayDate(previous.updated, locale),
      versionHref: link(paths.version(locale, doc.slug, version.updated)),
      previousHref: link(paths.version(locale, doc.slug, previous.updated)),
      historyHref: link(paths.history(locale, doc.slug)),
      ...(previousTranslation.title !== translation.title && { previousTitle: previousTranslation.title }),
      comparison,
      identical: comparison.counts.unchanged === comparison.sections.length,
    },
  };
}
