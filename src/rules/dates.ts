/** Calendar dates stay `YYYY-MM-DD` strings throughout: they compare correctly as text and never shift with time zones. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (so `2024-02-30` is false). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why a string is not a usable date, as advice for the editor; undefined when it is fine. */
export function dateProblem(value: string): string | undefined {
  if (isIsoDate(value)) return undefined;
  if (ISO_DATE.test(value)) return `"${value}" is not a date that exists in the calendar; check the month and day`;
  return `"${value}" is not a date in YYYY-MM-DD form, e.g. 2024-03-01`;
}

/**
 * The date versions are judged against, in UTC: `SOURCE_DATE_EPOCH` (seconds since 1970, the
 * reproducible-builds convention) when set, so that two builds of one commit agree; today otherwise.
 */
export function buildDate(env: Record<string, string | undefined> = process.env, now: Date = new Date()): IsoDate {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    const problem = sourceDateEpochProblem(epoch);
    if (problem) throw new Error(problem);
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  }
  return now.toISOString().slice(0, 10);
}

/** 9999-12-31T23:59:59Z: dates are written YYYY-MM-DD, so the last second a build date can be. */
export const LAST_SOURCE_DATE_EPOCH = 253_402_300_799;

/** What is wrong with a `SOURCE_DATE_EPOCH` value and what to set instead; undefined when it is usable. */
export function sourceDateEpochProblem(epoch: string): string | undefined {
  const advice = `set it to a whole number of seconds since 1970-01-01 UTC, from 0 to ${LAST_SOURCE_DATE_EPOCH} (9999-12-31), e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it to build as of today`;
  if (!/^\d+$/.test(epoch)) return `SOURCE_DATE_EPOCH is "${epoch.slice(0, 40)}", which is not a number of seconds: ${advice}.`;
  if (Number(epoch) > LAST_SOURCE_DATE_EPOCH) return `SOURCE_DATE_EPOCH is ${epoch.slice(0, 40)}, after the year 9999: ${advice}.`;
  return undefined;
}
