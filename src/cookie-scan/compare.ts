import type { Cookie, CookieParty } from "../model/cookies.ts";
import { SESSION, type CookieDuration } from "../rules/cookie-duration.ts";
import type { IsoDate } from "../rules/dates.ts";
import { lifetimeText, outlivesDeclared, type ObservedLifetime } from "./lifetime.ts";
import { isNamePattern, nameMatches } from "./name-patterns.ts";

/** A cookie the scan saw, once per name and domain, where it first appeared. */
export interface SeenCookie {
  readonly name: string;
  /** The domain it belongs to, without the leading dot browsers add for Domain= cookies. */
  readonly domain: string;
  readonly party: CookieParty;
  readonly lifetime: ObservedLifetime;
  /** When it was first seen (ms since the epoch): its lifetime counts from here. */
  readonly seenAtMs: number;
  /** The page being visited when it first appeared. */
  readonly firstPage: string;
  /** Why Chromium refused a Set-Cookie header (then the cookie is only in the header), if it did. */
  readonly refused?: string;
}

/**
 * What the comparison needs of a registry entry: kept this small so that the registry can grow.
 * `since` and `until` (YYYY-MM-DD, the first day it was set and the first day it no longer was)
 * are optional, for registries that date their entries.
 */
export type RegistryEntry = Pick<Cookie, "service" | "names" | "party" | "duration" | "category"> & {
  readonly since?: IsoDate;
  readonly until?: IsoDate;
  /** Line of the entry's `names:` in the registry file, where a finding about it points. */
  readonly line?: number;
};

export type Finding =
  /** Seen, and no entry names it: an error, the cookie table is incomplete. */
  | { readonly kind: "undeclared"; readonly cookie: SeenCookie }
  /** An entry's name that no cookie matched: a note, it may be set only after signing in. */
  | { readonly kind: "declared-not-seen"; readonly entry: RegistryEntry; readonly name: string }
  /** Seen with a longer lifetime than declared: an error, the table understates it. */
  | { readonly kind: "lives-longer"; readonly cookie: SeenCookie; readonly entry: RegistryEntry }
  /** Declared first party and set by another site, or the reverse: an error. */
  | { readonly kind: "party-differs"; readonly cookie: SeenCookie; readonly entry: RegistryEntry };

export const isError = (finding: Finding): boolean => finding.kind !== "declared-not-seen";

/** The entries that apply on `date`: from `since` (included) until `until` (excluded). */
export function entriesInForce<T extends RegistryEntry>(entries: readonly T[], date: IsoDate): T[] {
  return entries.filter((entry) => (entry.since === undefined || entry.since <= date) && (entry.until === undefined || date < entry.until));
}

/**
 * The entries that declare a cookie. A name written out wins over a pattern: `_ga` declared on
 * its own is not also judged by an entry for `_ga*`.
 */
export function declaringEntries(name: string, entries: readonly RegistryEntry[]): RegistryEntry[] {
  const exact = entries.filter((entry) => entry.names.includes(name));
  if (exact.length > 0) return exact;
  return entries.filter((entry) => entry.names.some((declared) => isNamePattern(declared) && nameMatches(declared, name)));
}

/** The finding for one seen cookie, or undefined when an entry declares it as it was seen. */
export function judgeCookie(cookie: SeenCookie, entries: readonly RegistryEntry[]): Finding | undefined {
  const declaring = declaringEntries(cookie.name, entries);
  if (declaring.length === 0) return { kind: "undeclared", cookie };
  const sameParty = declaring.filter((entry) => entry.party === cookie.party);
  const [firstDeclaring] = declaring;
  const [firstSameParty] = sameParty;
  if (!firstSameParty) return firstDeclaring && { kind: "party-differs", cookie, entry: firstDeclaring };
  if (sameParty.some((entry) => !outlivesDeclared(cookie.lifetime, entry.duration, cookie.seenAtMs))) return undefined;
  return { kind: "lives-longer", cookie, entry: firstSameParty };
}

/** Every finding, errors first in the order the cookies were seen, then the notes in registry order. */
export function compareWithRegistry(seen: readonly SeenCookie[], entries: readonly RegistryEntry[]): Finding[] {
  const findings = seen.flatMap((cookie) => judgeCookie(cookie, entries) ?? []);
  for (const entry of entries) {
    for (const name of entry.names) {
      if (!seen.some((cookie) => nameMatches(name, cookie.name))) findings.push({ kind: "declared-not-seen", entry, name });
    }
  }
  return findings;
}

/** One line an editor can act on. */
export function findingMessage(finding: Finding): string {
  switch (finding.kind) {
    case "undeclared": {
      const { cookie } = finding;
      return `undeclared: ${cookie.name} (${cookie.party} party, set by ${cookie.domain}, ${lifetimeText(cookie.lifetime)}, first on ${cookie.firstPage}) is not in the registry; add it to content/cookies.yaml (a stub is printed below).`;
    }
    case "declared-not-seen":
      return `declared, not seen: ${finding.name} (${finding.entry.service}) was not set on the pages visited; perhaps only after signing in or consenting (try --click), or it is no longer used.`;
    case "lives-longer": {
      const { cookie, entry } = finding;
      return `lives longer than declared: ${cookie.name} (set by ${cookie.domain}, first on ${cookie.firstPage}) lives ${lifetimeText(cookie.lifetime)}, the registry says ${declaredText(entry.duration)} (${entry.service}); correct its duration.`;
    }
    case "party-differs": {
      const { cookie, entry } = finding;
      return `party differs: ${cookie.name} is declared ${entry.party} party (${entry.service}) but was set by ${cookie.domain}, ${cookie.party} party; correct its party or check who sets it.`;
    }
  }
}

/** A declared duration as the registry writes it (`P13M`, `session`). */
function declaredText(duration: CookieDuration): string {
  return duration.kind === "session" ? SESSION : duration.iso;
}
