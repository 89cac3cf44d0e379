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
 * Regions whose Spanish and Portuguese CLDR derives from a regional parent rather than from the
 * bare language (CLDR's parentLocales; Intl does not expose them): `es-MX` reads `es-419` first.
 */
const REGIONAL_PARENTS: Readonly<Record<string, { readonly parent: string; readonly regions: ReadonlySet<string> }>> = {
  es: {
    parent: "es-419",
    regions: new Set(["AR", "BO", "BR", "BZ", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN", "MX", "NI", "PA", "PE", "PR", "PY", "SV", "US", "UY", "VE"]),
  },
  pt: { parent: "pt-PT", regions: new Set(["AO", "CH", "CV", "FR", "GQ", "GW", "LU", "MO", "MZ", "ST", "TL"]) },
};

/**
 * Languages whose UI strings are published per script (`zh-Hans`, `sr-Latn`): for these the
 * script, which `Intl.Locale#maximize` infers from the region (`zh-TW` → Hant), is a step of the
 * chain. For any other language it would only add a step no file is named after (`en-Latn`).
 */
const SCRIPT_LOCALES = new Set(["az", "bs", "ff", "ha", "kk", "ks", "ku", "mn", "ms", "pa", "sd", "shi", "sr", "uz", "vai", "zh"]);

/**
 * Written standards of one language that each reader reads as their own, tried after the language
 * itself, before the default: Norwegian Bokmål and Nynorsk, and `no`, the code for both; Brazilian
 * Portuguese, which CLDR's `pt` is, for readers in Portugal, Angola or Mozambique.
 */
const SIBLING_LANGUAGES: Readonly<Record<string, readonly string[]>> = { nb: ["no"], no: ["nb"], nn: ["no", "nb"], pt: ["pt-BR"] };

/** The languages to try for `code` alone, most specific first, without the default's. */
function ownChain(code: string): string[] {
  const chain: string[] = [];
  const add = (step: string) => {
    if (!chain.includes(step)) chain.push(step);
  };
  add(code);
  const parts = code.split("-");
  // Every shorter prefix but the bare language, which comes after the regional and script steps.
  for (let n = parts.length - 1; n > 1; n--) add(parts.slice(0, n).join("-"));
  let locale: Intl.Locale | undefined;
  try {
    locale = new Intl.Locale(code);
  } catch {
    locale = undefined;
  }
  if (!locale) {
    add(parts[0] ?? code);
    return chain;
  }
  // Canonical subtags: a deprecated code (`iw`, `in`, `tl`) reads the files of its preferred one.
  const { language, region } = locale;
  const canonical = locale.toString();
  if (canonical !== code) add(canonical);
  const regional = REGIONAL_PARENTS[language];
  if (region !== undefined && regional?.regions.has(region)) add(regional.parent);
  const script = locale.script ?? (SCRIPT_LOCALES.has(language) ? locale.maximize().script : undefined);
  if (script !== undefined) add(`${language}-${script}`);
  if (parts[0] !== undefined && parts[0] !== language) add(parts[0]);
  add(language);
  for (const sibling of SIBLING_LANGUAGES[language] ?? []) add(sibling);
  return chain;
}

/**
 * The languages to try, most specific first, ending with the default locale's own chain:
 * `de-CH` → `de-CH, de, en`; `zh-TW` → `zh-TW, zh-Hant, zh, en`; `es-MX` → `es-MX, es-419, es, en`;
 * with the default `en-US`, `fr` → `fr, en-US, en`. UI strings, cookie purposes, the missing-string
 * warnings and the translation status all follow it.
 */
export function fallbackChain(code: string, defaultLocale: string): string[] {
  const chain = ownChain(code);
  for (const step of ownChain(defaultLocale)) if (!chain.includes(step)) chain.push(step);
  return chain;
}

/**
 * Whether text in `shown` reads as the language of a page in `page`: the same language and script
 * (`en` on an `en-US` page, `zh-Hant` on a `zh-TW` page), so it needs no `lang` of its own.
 */
export function sameLanguage(page: string, shown: string): boolean {
  if (page === shown) return true;
  try {
    const a = new Intl.Locale(page).maximize();
    const b = new Intl.Locale(shown).maximize();
    return a.language === b.language && a.script === b.script;
  } catch {
    return false;
  }
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

/**
 * A language's name for a sentence ("the English version prevails"), as readers of `inLocale` call
 * it: without its region ("Englisch", not "Englisch (Vereinigte Staaten)" for `en-US`) unless
 * another of the site's languages shares the language and only the full name tells them apart.
 */
export function languageNameInSentence(inLocale: string, code: string, siteCodes: readonly string[]): string {
  let language: string;
  try {
    const locale = new Intl.Locale(code);
    language = locale.script === undefined ? locale.language : `${locale.language}-${locale.script}`;
  } catch {
    return languageNameIn(inLocale, code);
  }
  const shared = siteCodes.some((other) => other !== code && other.split("-")[0] === code.split("-")[0]);
  return languageNameIn(inLocale, shared ? code : language);
}
