import type { CookieDuration } from "../rules/cookie-duration.ts";

/**
 * The cookie registry (`content/cookies.yaml`, SPEC section 5) as plain data: validated once at
 * load, then read by the cookie tables in every document and language and by `/cookies.json`.
 */

export const COOKIE_REGISTRY_FILE = "content/cookies.yaml";

/** In the order the tables show them: what a reader cannot refuse first. */
export const COOKIE_CATEGORIES = ["necessary", "functional", "analytics", "marketing"] as const;
export type CookieCategory = (typeof COOKIE_CATEGORIES)[number];

export const COOKIE_PARTIES = ["first", "third"] as const;
export type CookieParty = (typeof COOKIE_PARTIES)[number];

export function isCookieCategory(value: string): value is CookieCategory {
  return (COOKIE_CATEGORIES as readonly string[]).includes(value);
}

export interface Cookie {
  /** Who sets the cookie: a product or company name. */
  readonly service: string;
  /** One or more cookie names, as the browser shows them. */
  readonly names: readonly string[];
  readonly category: CookieCategory;
  readonly party: CookieParty;
  readonly duration: CookieDuration;
  /** The provider's privacy policy, an https:// address. */
  readonly policy?: string;
  /** `YYYY-MM-DD`, the first day the site set it; undefined when it was set before any version. */
  readonly since?: string;
  /** `YYYY-MM-DD`, the first day the site no longer set it; undefined while it still does. */
  readonly until?: string;
  /** What it is for, oldest text first: the first applies from `since`, each later one from its own. */
  readonly purposes: readonly CookiePurpose[];
  /** Line of the entry (`- service:`) in the registry file, where dating advice points. */
  readonly line: number;
}

export interface CookiePurpose {
  /** `YYYY-MM-DD` from which this text applies; undefined for the first text. */
  readonly since?: string;
  /** Keyed by locale, in the order of the site's locales; always holds the default locale. */
  readonly text: Readonly<Record<string, string>>;
  /** Line of this text (`purpose:` or its item under `purposes:`), where a missing translation is reported. */
  readonly line: number;
}

export interface CookieRegistry {
  /** Path relative to the site root: `content/cookies.yaml`. */
  readonly file: string;
  /** In the order of the file. */
  readonly cookies: readonly Cookie[];
}
