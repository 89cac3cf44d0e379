import { warning, type Problem } from "../../core/problems.ts";
import type { IsoDate } from "../../rules/dates.ts";
import type { Cookie, CookiePurpose, CookieRegistry } from "../../model/cookies.ts";

/**
 * Which registry entries a cookie table shows on a date (SPEC section 5: a published version's
 * table stays as it was published). A version's tables show the registry as of the version's
 * effective date: an entry with `since` after it, or `until` on or before it, is left out, and
 * each entry shows the purpose text that applied that day.
 */

/** A registry entry as of one date: the entry and the purpose text that applied then. */
export interface CookieOnDate {
  readonly cookie: Cookie;
  readonly purpose: CookiePurpose;
}

/** True when the site set the cookie on `date`: from `since` (included) to `until` (excluded). */
export function cookieSetOn(cookie: Cookie, date: IsoDate): boolean {
  return (cookie.since === undefined || cookie.since <= date) && (cookie.until === undefined || date < cookie.until);
}

/** The newest purpose text whose `since` is on or before `date` (the first text before any later one starts). */
export function purposeOn(cookie: Cookie, date: IsoDate): CookiePurpose {
  const first = cookie.purposes[0];
  if (!first) throw new Error(`cookie entry of ${cookie.service} has no purpose; parseCookieRegistry guarantees one`);
  return cookie.purposes.reduce((shown, purpose) => (purpose.since !== undefined && purpose.since <= date ? purpose : shown), first);
}

/** The entries of the registry the site set on `date`, in the order of the file. */
export function cookiesOn(registry: CookieRegistry, date: IsoDate): CookieOnDate[] {
  return registry.cookies.filter((cookie) => cookieSetOn(cookie, date)).map((cookie) => ({ cookie, purpose: purposeOn(cookie, date) }));
}

/**
 * What the registry says on `date`, as a key: which entries are set and which purpose text each
 * shows. Versions whose dates give the same key show the same tables, so each is rendered once.
 */
export function registryStateOn(registry: CookieRegistry, date: IsoDate): string {
  return registry.cookies.map((cookie) => (cookieSetOn(cookie, date) ? String(cookie.purposes.indexOf(purposeOn(cookie, date))) : "-")).join(",");
}

/**
 * How to date the registry so that the tables of a version effective on `date` show what they
 * showed when it was published, for a caller that knows they changed (the published-version
 * fingerprints): one problem at each entry that table shows without a date of its own, as those
 * are the entries an edit can have added or reworded unnoticed, and one at the top of the file
 * for an entry that was removed instead of retired. `version` names the version in the messages,
 * e.g. "content/cookies/versions/2025-05-01/en.md (effective 2025-05-01)".
 */
export function cookieDatingAdvice(registry: CookieRegistry, date: IsoDate, version: string): Problem[] {
  const advice: Problem[] = [];
  for (const { cookie } of cookiesOn(registry, date)) {
    const what = `${cookie.service} (${cookie.names.join(", ")})`;
    if (cookie.since === undefined) {
      advice.push(
        warning(
          registry.file,
          cookie.line,
          `${what} has no since: date, so the cookie table of ${version} shows it; if the site set it only later, add since: with the first day it did (after ${date}) so that table stays as published.`,
        ),
      );
    }
    if (cookie.purposes.length === 1 && cookie.purposes[0]?.since === undefined) {
      advice.push(
        warning(
          registry.file,
          cookie.purposes[0]?.line ?? cookie.line,
          `the purpose of ${what} is not dated, so the cookie table of ${version} shows its current text; if you reworded it, keep the old text and date the new one: purposes: [{ en: old text }, { since: ${nextDay(date)}, en: new text }].`,
        ),
      );
    }
  }
  advice.push(
    warning(
      registry.file,
      1,
      `if you removed a cookie that ${version} lists, put its entry back with until: and the first day the site no longer set it, instead of deleting it.`,
    ),
  );
  return advice;
}

function nextDay(date: IsoDate): IsoDate {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
