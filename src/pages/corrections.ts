import { displayDate, type DisplayDate } from "../i18n/dates.ts";
import type { Translation } from "../model/site.ts";

export interface CorrectionView {
  readonly date: DisplayDate;
  readonly note: string;
}

/** A translation's corrections as the pages show them, oldest first; undefined when it has none. */
export function correctionViews(translation: Translation | undefined, locale: string): CorrectionView[] | undefined {
  const corrections = translation?.corrections;
  if (!corrections || corrections.length === 0) return undefined;
  return [...corrections].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((c) => ({ date: displayDate(c.date, locale), note: c.note }));
}
