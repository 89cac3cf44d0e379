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
  /** Keyed by locale, in the order of the site's locales; always holds the default locale. */
  readonly purpose: Readonly<Record<string, string>>;
  /** The provider's privacy policy, an https:// address. */
  readonly policy?: string;
  /** Line of `purpose:` in the registry file, where a missing translation is reported. */
  readonly purposeLine: number;
}

export interface CookieRegistry {
  /** Path relative to the site root: `content/cookies.yaml`. */
  readonly file: string;
  /** In the order of the file. */
  readonly cookies: readonly Cookie[];
}
