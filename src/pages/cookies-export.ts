import type { Site } from "../model/site.ts";
import { cookiesOn } from "../content/cookies/dates.ts";
import { SESSION } from "../rules/cookie-duration.ts";
import { COOKIE_CATEGORIES, type Cookie, type CookieCategory } from "../model/cookies.ts";

/**
 * `/cookies.json`: the registry for consent tools and audits, as plain data. Keys are built in a
 * fixed order and purposes follow the site's language order, so the same registry always gives
 * byte-identical JSON. Purposes are the texts editors wrote, without fallbacks. Only the entries
 * set on the build date are listed (docs/cookies.md).
 */
export interface CookieRegistryExport {
  /** Bumped if a field changes meaning, so consumers can tell. */
  readonly formatVersion: 1;
  readonly site: { readonly name: string; readonly url: string };
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  readonly categories: readonly CookieCategory[];
  readonly cookies: readonly CookieExport[];
}

/**
 * A registry entry as the site sets it on the build date: the duration as its ISO 8601 text or
 * "session", the purpose text that applies that day, `since` when the entry has one.
 */
export type CookieExport = Omit<Cookie, "duration" | "purposes" | "line" | "until"> & {
  readonly duration: string;
  readonly purpose: Readonly<Record<string, string>>;
};

/** Undefined when the site has no content/cookies.yaml (and so no /cookies.json). */
export function cookieRegistryExport(site: Site): CookieRegistryExport | undefined {
  if (!site.cookies) return undefined;
  return {
    formatVersion: 1,
    site: { name: site.settings.name, url: site.settings.url },
    defaultLocale: site.settings.defaultLocale,
    locales: site.settings.locales.map((l) => l.code),
    categories: [...COOKIE_CATEGORIES],
    // What consent tools configure is what the site sets now; the tables of older versions keep the rest.
    cookies: cookiesOn(site.cookies, site.buildDate).map(({ cookie, purpose }) => ({
      service: cookie.service,
      names: [...cookie.names],
      category: cookie.category,
      party: cookie.party,
      duration: cookie.duration.kind === "session" ? SESSION : cookie.duration.iso,
      // Already in the site's language order (src/content/cookies/parse-registry.ts).
      purpose: { ...purpose.text },
      ...(cookie.policy !== undefined && { policy: cookie.policy }),
      ...(cookie.since !== undefined && { since: cookie.since }),
    })),
  };
}
