/**
 * Pure rules about languages: text direction and the fallback order. One function decides the
 * fallback order so that UI strings, the missing-key warnings and tests all agree on it.
 */

/**
 * Scripts written right to left (ISO 15924, from Unicode's bidi data). The script decides, not
 * the language: `az-Arab` is right to left, `ku` (Latin) is not. Node's `textInfo` is not used: it
 * says left to right for Divehi (Thaana) and for several Arabic-script languages.
 */
const RTL_SCRIPTS = new Set([
  "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar", "Lydi",
  "Mand", "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm", "Phli", "Phlp",
  "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi",
]);

/** Languages written right to left when the locale data cannot tell their script. */
const RTL_LANGUAGES = new Set(["ar", "arc", "bal", "ckb", "dv", "fa", "glk", "he", "ks", "lrc", "mzn", "nqo", "ota", "prs", "ps", "rhg", "sd", "syr", "ug", "ur", "yi"]);

/**
 * The direction of text in `code`: its script subtag if it has one, else the script its language
 * is usually written in (`Intl.Locale#maximize`, CLDR's likely subtags), else the language table.
 * `dir:` in site.yaml overrides it.
 */
export function textDirection(code: string): "ltr" | "rtl" {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(code);
  } catch {
    return "ltr";
  }
  const script = locale.script ?? locale.maximize().script;
  if (script !== undefined && script !== "Zzzz") return RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(locale.language) ? "rtl" : "ltr";
}

/**
 * The languages to try, most specific first, ending with the default locale:
 * `de-CH` → `de-CH, de, en`; `zh-Hans-CN` → `zh-Hans-CN, zh-Hans, zh, en`.
 */
export function fallbackChain(code: string, defaultLocale: string): string[] {
  const chain: string[] = [];
  const parts = code.split("-");
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join("-"));
  if (!chain.includes(defaultLocale)) chain.push(defaultLocale);
  return chain;
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** A language's name as readers of `inLocale` call it: `languageNameIn("de", "en")` → "Englisch". */
export function languageNameIn(inLocale: string, code: string): string {
  let names = displayNames.get(inLocale);
  if (!names) {
    names = new Intl.DisplayNames(inLocale, { type: "language", fallback: "code" });
    displayNames.set(inLocale, names);
  }
  return names.of(code) ?? code;
}
