/**
 * Translation parity compares the links of a translation with those of the default language's
 * text. A translation rightly links to the same page in its own language, so the language is taken
 * out of an address where sites put it before comparing: the first two path segments
 * (`/de/kb/x`, `/intl/fr/policies/`), the usual query parameters (`?hl=fr`, `?lang=`, `?locale=`)
 * and the first label of the host (`de.wikipedia.org`).
 */

/** Query parameters that name the reader's language on the sites legal texts link to most. */
const LANGUAGE_PARAMETERS = new Set(["hl", "lang", "language", "locale", "lng", "ln", "setlang", "uilang"]);

/** Stands for the language that was taken out. */
const ANY_LANGUAGE = "*";

const known = new Map<string, boolean>();
let languageNames: Intl.DisplayNames | undefined;

/**
 * Whether `text` names a language: one of the site's locale codes, or a well-formed BCP 47 tag
 * (`_` accepted for `-`, any case) whose language Intl knows by name. The name test keeps path
 * words that are merely well-formed (`faq`, `api`, `kb`) from being taken for languages.
 */
export function isLanguageTag(text: string, siteLocales: readonly string[]): boolean {
  const lower = text.toLowerCase();
  if (siteLocales.some((code) => code.toLowerCase() === lower)) return true;
  const cached = known.get(lower);
  if (cached !== undefined) return cached;
  let answer = false;
  if (/^[a-z]{2,3}([-_][a-z0-9]{1,8})*$/.test(lower)) {
    try {
      const canonical = Intl.getCanonicalLocales(lower.replaceAll("_", "-"))[0];
      const language = canonical?.split("-", 1)[0];
      languageNames ??= new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
      answer = language !== undefined && languageNames.of(language) !== undefined;
    } catch {
      answer = false;
    }
  }
  known.set(lower, answer);
  return answer;
}

/**
 * The address without its fragment and with the language replaced by `*` wherever it is written:
 * two addresses with the same key are the same link in different languages. Site-root paths
 * (`/de/terms/`) lose their first segment when it is a language; `mailto:` and others are kept.
 */
export function languageNeutralAddress(href: string, siteLocales: readonly string[]): string {
  const withoutFragment = href.split("#", 1)[0] ?? href;
  if (withoutFragment.startsWith("/") && !withoutFragment.startsWith("//")) return neutralPath(withoutFragment, siteLocales, 1);
  if (!/^https?:\/\//i.test(withoutFragment)) return withoutFragment;
  let url: URL;
  try {
    url = new URL(withoutFragment);
  } catch {
    return withoutFragment;
  }
  const labels = url.hostname.split(".");
  const host = labels.length > 2 && labels[0] !== undefined && isLanguageTag(labels[0], siteLocales) ? [ANY_LANGUAGE, ...labels.slice(1)].join(".") : url.hostname;
  const query = [...url.searchParams].map(([name, value]) =>
    LANGUAGE_PARAMETERS.has(name.toLowerCase()) && isLanguageTag(value, siteLocales) ? `${name}=${ANY_LANGUAGE}` : `${name}=${value}`,
  );
  const port = url.port === "" ? "" : `:${url.port}`;
  return `${url.protocol}//${host}${port}${neutralPath(url.pathname, siteLocales, 2)}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}

/** The path with its first `segments` segments replaced by `*` where they are languages. */
function neutralPath(path: string, siteLocales: readonly string[], segments: number): string {
  const [queryless = path, query] = path.split("?", 2);
  const parts = queryless.split("/");
  for (let i = 1; i <= segments && i < parts.length; i++) {
    const part = parts[i];
    if (part !== undefined && part !== "" && isLanguageTag(part, siteLocales)) parts[i] = ANY_LANGUAGE;
  }
  return parts.join("/") + (query === undefined ? "" : `?${query}`);
}
