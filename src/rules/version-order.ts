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

/**
 * When a version was in force. The version in force on a day is the newest one whose effective
 * date has come, so a version is in force from its own effective date until the next version takes
 * effect (`until` is that date, the first day it no longer applied).
 */
export type InForcePeriod =
  | { readonly kind: "ended"; readonly from: IsoDate; readonly until: IsoDate }
  /** Replaced by a version that took effect on or before its own effective date: never applied. */
  | { readonly kind: "never"; readonly replacedOn: IsoDate }
  | { readonly kind: "current"; readonly since: IsoDate }
  | { readonly kind: "upcoming"; readonly from: IsoDate };

/** The period of `versions[index]`, for versions sorted oldest first with their statuses (`versionStatuses`). */
export function inForcePeriod(versions: readonly (Dated & { readonly status: VersionStatus })[], index: number): InForcePeriod {
  const version = versions[index];
  if (!version) throw new RangeError(`No version at index ${index}.`);
  const { status } = version;
  if (status === "current") return { kind: "current", since: version.effective };
  if (status === "upcoming") return { kind: "upcoming", from: version.effective };
  // Effective dates never decrease (assemble.ts refuses it), but the rule does not rely on it.
  let until: IsoDate | undefined;
  for (const later of versions.slice(index + 1)) if (until === undefined || later.effective < until) until = later.effective;
  if (until === undefined) throw new RangeError(`The earlier version at index ${index} has no later version.`);
  return until <= version.effective ? { kind: "never", replacedOn: until } : { kind: "ended", from: version.effective, until };
}

/**
 * The version in force in one language, which its earlier versions are compared with (their
 * `/compare/` pages): the newest one in effect that the language has (the current one, or its
 * latest translation when it lags behind); none while each of its versions is still upcoming.
 */
export function inForceInLanguage(available: readonly number[], statuses: readonly VersionStatus[]): number | undefined {
  const landing = landingIndex(available, statuses);
  return landing !== undefined && statuses[landing] !== "upcoming" ? landing : undefined;
}
