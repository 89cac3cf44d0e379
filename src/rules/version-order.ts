import type { IsoDate } from "./dates.ts";

/**
 * Version labels compare in natural order: `2` < `10`, `1.9` < `1.10`. A numeric collator does
 * exactly that for digit runs, and a fixed locale keeps the order the same on every machine.
 */
const naturalOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function compareLabels(a: string, b: string): number {
  return naturalOrder.compare(a, b);
}

/** Labels are numbers separated by dots (`3`, `2.1`, `2.10`), as legal teams number revisions. */
export const LABEL_PATTERN = /^\d+(\.\d+)*$/;

export type VersionStatus = "current" | "upcoming" | "older";

export interface Dated {
  readonly updated: IsoDate;
  readonly effective: IsoDate;
}

/**
 * The status of each version, for versions sorted oldest first: the newest one already in effect
 * on the build date is current, newer ones are upcoming, earlier ones older.
 */
export function versionStatuses(versions: readonly Dated[], buildDate: IsoDate): VersionStatus[] {
  let currentIndex = -1;
  versions.forEach((v, i) => {
    if (v.effective <= buildDate) currentIndex = i;
  });
  return versions.map((_, i) => (currentIndex === -1 || i > currentIndex ? "upcoming" : i === currentIndex ? "current" : "older"));
}

/**
 * Which of a language's versions its `/<locale>/<doc>/` page shows: its newest version already in
 * effect, or, when every one is still upcoming, the first to take effect. Indexes into `statuses`.
 */
export function landingIndex(available: readonly number[], statuses: readonly VersionStatus[]): number | undefined {
  const inEffect = available.filter((i) => statuses[i] !== "upcoming");
  return inEffect.length > 0 ? inEffect[inEffect.length - 1] : available[0];
}

/**
 * A translation is stale when the page a reader lands on in that language is an older version
 * than the current one (which the default language always has).
 */
export function isStaleTranslation(landingVersionIndex: number, currentVersionIndex: number | undefined): boolean {
  return currentVersionIndex !== undefined && landingVersionIndex < currentVersionIndex;
}
