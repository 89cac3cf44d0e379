import { Document, isMap, isSeq } from "yaml";
import type { CookieCategory, CookieParty } from "../model/cookies.ts";
import type { SeenCookie } from "./compare.ts";
import { lifetimeText } from "./lifetime.ts";
import type { CookieDatabase, KnownCookie } from "./open-cookie-database.ts";

/** A registry entry for undeclared cookies, filled with what the scan saw; the purpose is the editor's. */
export interface CookieStub {
  readonly service: string;
  readonly names: string[];
  readonly category: CookieCategory;
  readonly party: CookieParty;
  readonly duration: string;
  readonly purpose: Record<string, string>;
  readonly policy?: string;
  /** What to check before publishing, as a comment above the entry. */
  readonly note: string;
}

export const PURPOSE_TO_WRITE = "TODO: what this cookie is for, in words a reader understands.";

/**
 * A service name from the domain that set the cookie: the site's own name for first-party
 * cookies, the other domain (without `www.`) for third-party ones.
 */
export function guessService(cookie: SeenCookie, siteName: string): string {
  return cookie.party === "first" ? siteName : cookie.domain.replace(/^www\./, "");
}

/**
 * One stub per service, party, lifetime and category, listing its names, in the order the
 * cookies were seen. A name the database knows by a wildcard (`_ga_` for `_ga_K2X9`) is
 * written as the registry's pattern (`_ga_*`), so the next container id matches too.
 */
export function cookieStubs(
  undeclared: readonly SeenCookie[],
  options: { readonly siteName: string; readonly defaultLocale: string; readonly database?: CookieDatabase },
): CookieStub[] {
  const stubs = new Map<string, CookieStub & { names: string[] }>();
  for (const cookie of undeclared) {
    const known: KnownCookie | undefined = options.database?.lookup(cookie.name);
    const service = known?.platform || guessService(cookie, options.siteName);
    const category = known?.category ?? "functional";
    const duration = lifetimeText(cookie.lifetime);
    const name = known?.wildcard ? `${known.name}*` : cookie.name;
    const key = [service, cookie.party, duration, category].join("\u0000");
    const existing = stubs.get(key);
    if (existing) {
      if (!existing.names.includes(name)) existing.names.push(name);
      continue;
    }
    const policy = cookie.party === "third" && known && /^https:\/\/\S+$/.test(known.privacyPortal) ? known.privacyPortal : undefined;
    const seen = `seen: ${cookie.party} party, set by ${cookie.domain}, ${duration}, first on ${cookie.firstPage}`;
    stubs.set(key, {
      service,
      names: [name],
      category,
      party: cookie.party,
      duration,
      purpose: { [options.defaultLocale]: known?.description || PURPOSE_TO_WRITE },
      ...(policy !== undefined && { policy }),
      note: known
        ? `${seen}. From the Open Cookie Database (${known.platform}, retention "${known.retention}"): check the category, the duration and the purpose.`
        : `${seen}. Check the service and the category (guessed), and write the purpose.`,
    });
  }
  return [...stubs.values()];
}

/** The stubs as YAML entries to paste under `cookies:` in content/cookies.yaml, indented as there. */
export function stubsYaml(stubs: readonly CookieStub[]): string {
  if (stubs.length === 0) return "";
  const doc = new Document(stubs.map(({ note: _note, ...entry }) => entry));
  const entries = doc.contents;
  if (isSeq(entries)) {
    entries.items.forEach((item, i) => {
      if (!isMap(item)) return;
      item.commentBefore = ` ${stubs[i]?.note ?? ""}`;
      const names = item.get("names", true);
      if (isSeq(names)) names.flow = true;
    });
  }
  return doc
    .toString({ lineWidth: 0 })
    .trimEnd()
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
