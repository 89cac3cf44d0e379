/**
 * Pure rules about languages: text direction and the fallback order. One function decides the
 * fallback order so that UI strings, the missing-key warnings and tests all agree on it.
 */

/** Scripts written right to left, for engines whose `Intl.Locale` lacks `textInfo`. */
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"]);
const RTL_SCRIPTS = new Set(["Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"]);

export function textDirection(code: string): "ltr" | "rtl" {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(code);
  } catch {
    return "ltr";
  }
  // An explicit script decides (V8's textInfo says ltr for az-Arab). Otherwise Node 20 exposes
  // CLDR's direction for the language; the table covers engines that do not.
  if (locale.script) return RTL_SCRIPTS.has(locale.script) ? "rtl" : "ltr";
  const textInfo = (locale as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
  if (textInfo?.direction === "rtl" || textInfo?.direction === "ltr") return textInfo.direction;
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
