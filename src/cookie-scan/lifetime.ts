import type { CookieDuration, DurationParts } from "../rules/cookie-duration.ts";

/**
 * A cookie's lifetime as the scan saw it: from the moment it was seen to its expiry. Chromium
 * reports expiry in whole seconds, and a cookie is seen a little after it was set, so the
 * observed lifetime is a little short: it is rounded to the unit a registry would use (whole
 * days from a day up, whole minutes below), and compared with a tolerance (`TOLERANCE_*`).
 */
export type ObservedLifetime =
  | { readonly kind: "session" }
  | { readonly kind: "period"; readonly seconds: number; readonly iso: string };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `expires` in seconds since the epoch (undefined, or Chromium's -1, for a session cookie). */
export function observedLifetime(expires: number | undefined, seenAtMs: number): ObservedLifetime {
  if (expires === undefined || expires < 0) return { kind: "session" };
  const seconds = Math.max(0, Math.round(expires - seenAtMs / 1000));
  return { kind: "period", seconds, iso: isoDuration(seconds) };
}

/**
 * Seconds as an ISO 8601 duration of the registry's kind: `P1Y` for 365 or 366 days (and whole
 * multiples, within a day), otherwise whole days (`P400D`); under 23.5 hours whole hours and
 * minutes (`PT1H30M`); under a minute whole seconds.
 */
export function isoDuration(seconds: number): string {
  if (seconds >= DAY - HOUR / 2) {
    const days = Math.round(seconds / DAY);
    const years = Math.round(days / 365.25);
    if (years >= 1 && Math.abs(days - years * 365.25) <= 1) return `P${years}Y`;
    return `P${days}D`;
  }
  if (seconds < MINUTE) return `PT${Math.max(1, seconds)}S`;
  const minutes = Math.round(seconds / MINUTE);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours > 0 ? `${hours}H` : ""}${rest > 0 ? `${rest}M` : ""}`;
}

/** Slack for declared lifetimes of a day or more: the observed one is rounded to whole days. */
export const TOLERANCE_LONG_SECONDS = DAY;
/** Slack for shorter declared lifetimes: the clock of the site and of the browser may differ. */
export const TOLERANCE_SHORT_SECONDS = MINUTE;

/**
 * When a declared lifetime, counted from `fromMs` on the calendar (P1M from 31 January is 3 March,
 * as JavaScript's Date counts), ends: years and months are not a fixed number of seconds.
 */
export function declaredEndMs(parts: DurationParts, fromMs: number): number {
  const end = new Date(fromMs);
  end.setUTCFullYear(end.getUTCFullYear() + parts.year, end.getUTCMonth() + parts.month, end.getUTCDate() + parts.week * 7 + parts.day);
  return end.getTime() + (parts.hour * HOUR + parts.minute * MINUTE + parts.second) * 1000;
}

/**
 * Whether a cookie outlives what the registry declares: a persistent cookie declared `session`,
 * or one whose expiry falls after the declared lifetime counted from when it was seen, beyond
 * the tolerance. A session cookie declared with a period is not longer: it goes when the browser
 * closes.
 */
export function outlivesDeclared(observed: ObservedLifetime, declared: CookieDuration, seenAtMs: number): boolean {
  if (observed.kind === "session") return false;
  if (declared.kind === "session") return true;
  const declaredEnd = declaredEndMs(declared.parts, seenAtMs);
  const tolerance = declaredEnd - seenAtMs >= DAY * 1000 ? TOLERANCE_LONG_SECONDS : TOLERANCE_SHORT_SECONDS;
  return seenAtMs + observed.seconds * 1000 > declaredEnd + tolerance * 1000;
}

export function lifetimeText(lifetime: ObservedLifetime): string {
  return lifetime.kind === "session" ? "session" : lifetime.iso;
}
