import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../../src/i18n/dates.ts";
import { textDirection } from "../../../src/i18n/locales.ts";
import { loadTranslations, type Translator } from "../../../src/i18n/translations.ts";
import { REPO } from "../../support/sites.ts";

/**
 * Codicil's own UI strings, file by file, against locales/en.json: every key, every plural form the
 * language has, the same placeholders, nothing left in English. A site shows these words around
 * every legal text it publishes, so a gap here is a gap on every page in that language.
 */

const LOCALES_DIR = path.join(REPO, "locales");

type Messages = { [key: string]: string | Messages };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const COUNT_PLACEHOLDER = /^count\b/;
/** A date to see whether the language's long dates end with a period ("1 марта 2024 г."). */
const SAMPLE_DATE = "2024-03-01";
/** Bidi controls that force left to right; in a right-to-left file they only hide a wrong order. */
const LTR_CONTROLS = /[\u200E\u202A\u202D\u2066]/u;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thaana}\p{Script=Syriac}\p{Script=Nko}\p{Script=Adlam}]/u;

/**
 * Words that are the same in English and in these languages, and why. A string that reads exactly
 * like the English is reported unless each of its words is listed here for its language: anything
 * else identical was most likely left untranslated.
 */
const SAME_WORDS: readonly { readonly words: readonly string[]; readonly languages: readonly string[]; readonly why: string }[] = [
  { words: ["version"], languages: ["da", "de", "fr", "sv"], why: "“version” is the word in these languages too" },
  { words: ["minute"], languages: ["fr", "hr", "ro", "sl"], why: "a form of these languages’ word for minute: French singular, Croatian, Romanian and Slovenian plural after a few" },
  { words: ["minutes"], languages: ["fr"], why: "the French plural of minute" },
  { words: ["service"], languages: ["fr"], why: "the French word for service" },
  { words: ["week"], languages: ["nl"], why: "the Dutch word for week" },
  { words: ["marketing"], languages: ["da", "de", "nl", "pt-BR"], why: "these languages’ consent banners and authorities call the category “Marketing”" },
];

/** Whether `text`, identical to the English, is made only of words `code` shares with English. */
function sharedWithEnglish(code: string, text: string): boolean {
  const words = text.replace(PLACEHOLDER, " ").toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.every((word) => SAME_WORDS.some((entry) => entry.words.includes(word) && entry.languages.includes(code)));
}

function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") flat.set(full, value);
    else for (const [nested, text] of flatten(value, full)) flat.set(nested, text);
  }
  return flat;
}

/** The `{{…}}` placeholders of a string, spacing normalized: `{{count, number}}` → "count, number". */
function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => (m[1] ?? "").replace(/\s*,\s*/g, ", ")));
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));
const show = (set: ReadonlySet<string>) => [...set].map((p) => `{{${p}}}`).join(" ") || "none";

/**
 * Whether a plural category of `code` stands for a single whole number (Arabic's "two" is 2 only),
 * so that its text may say the number in words ("سنتان") instead of printing {{count}}. Russian's
 * "one" is also 21, 31…: there the number must be printed.
 */
function categoryIsOneNumber(code: string, category: string): boolean {
  const rules = new Intl.PluralRules(code);
  let numbers = 0;
  for (let n = 0; n <= 1_000; n++) if (rules.select(n) === category) numbers++;
  return numbers === 1;
}

/** Every way the UI strings of `code` differ from the English reference, one line each. */
function localeFileProblems(code: string, messages: Messages, english: Messages): string[] {
  const problems: string[] = [];
  const reference = flatten(english);
  const own = flatten(messages);
  const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
  const pluralBases = new Set([...reference.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, "")));

  // key in this file → the placeholders the English has for it
  const expected = new Map<string, { placeholders: Set<string>; english: Set<string> }>();
  for (const [key, text] of reference) {
    if (PLURAL_SUFFIX.test(key)) continue;
    expected.set(key, { placeholders: placeholders(text), english: new Set([text]) });
  }
  for (const base of pluralBases) {
    const variants = [...reference].filter(([key]) => key.replace(PLURAL_SUFFIX, "") === base && PLURAL_SUFFIX.test(key));
    const union = new Set(variants.flatMap(([, text]) => [...placeholders(text)]));
    for (const category of categories) expected.set(`${base}_${category}`, { placeholders: union, english: new Set(variants.map(([, text]) => text)) });
  }

  for (const key of expected.keys()) {
    if (own.has(key)) continue;
    const base = key.replace(PLURAL_SUFFIX, "");
    problems.push(pluralBases.has(base) && key !== base ? `${key}: missing; ${code} has the plural forms ${categories.join(", ")}` : `${key}: missing`);
  }
  for (const [key, text] of own) {
    const wanted = expected.get(key);
    if (!wanted) {
      problems.push(`${key}: not a key of en.json${PLURAL_SUFFIX.test(key) ? ` or not a plural form of ${code} (${categories.join(", ")})` : ""}`);
      continue;
    }
    if (text.trim() === "") {
      problems.push(`${key}: empty`);
      continue;
    }
    const found = placeholders(text);
    const category = PLURAL_SUFFIX.exec(key)?.[1];
    let needed = wanted.placeholders;
    if (category !== undefined && !found.has([...needed].find((p) => COUNT_PLACEHOLDER.test(p)) ?? "") && categoryIsOneNumber(code, category)) {
      needed = new Set([...needed].filter((p) => !COUNT_PLACEHOLDER.test(p)));
    }
    if (!sameSet(found, needed)) problems.push(`${key}: placeholders ${show(found)}, en has ${show(needed)}`);
    if (code !== "en" && wanted.english.has(text) && !sharedWithEnglish(code, text)) {
      problems.push(`${key}: the same as the English "${text}"`);
    }
    const dateThenPeriod = /\{\{\s*(date|from|until|since)\s*\}\}\./.exec(text);
    if (dateThenPeriod && formatDate(SAMPLE_DATE, code).endsWith(".")) {
      problems.push(`${key}: a date in ${code} ends with its own period ("${formatDate(SAMPLE_DATE, code)}"); leave out the period after {{${dateThenPeriod[1] ?? "date"}}}`);
    }
    if (/["']/.test(text)) problems.push(`${key}: a straight quote or apostrophe; write the language's own (“ ” „ “ « » ’ …)`);
    if (textDirection(code) === "rtl") {
      if (LTR_CONTROLS.test(text)) problems.push(`${key}: a left-to-right bidi control in a right-to-left language`);
      if (/\p{L}/u.test(text.replace(PLACEHOLDER, "")) && !RTL_LETTER.test(text)) problems.push(`${key}: no right-to-left letter; is it translated?`);
    }
  }
  return problems;
}

const files = readdirSync(LOCALES_DIR, { withFileTypes: true }).map((entry) => entry.name).sort();
const codes = files.filter((name) => name.endsWith(".json")).map((name) => name.slice(0, -".json".length));
const read = (code: string): Messages => JSON.parse(readFileSync(path.join(LOCALES_DIR, `${code}.json`), "utf8")) as Messages;
const english = read("en");

describe("Codicil's locale files", () => {
  it("are one JSON file per language, named by a canonical BCP 47 code", () => {
    expect(files.every((name) => name.endsWith(".json"))).toBe(true);
    for (const code of codes) expect(Intl.getCanonicalLocales(code)[0], code).toBe(code);
    // The issue's forty languages; more may come, none may go.
    expect(codes).toEqual(expect.arrayContaining(
      "ar bg cs da de el en es es-419 et fa fi fr ga he hi hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr uk vi zh-Hans zh-Hant".split(" "),
    ));
  });

  it.each(codes)("%s.json has every key of en.json, its own plural forms and the same placeholders", (code) => {
    const text = readFileSync(path.join(LOCALES_DIR, `${code}.json`), "utf8");
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(localeFileProblems(code, read(code), english)).toEqual([]);
  });
});

describe("localeFileProblems", () => {
  const de = read("de");
  const withValue = (messages: Messages, keyPath: string, value: string | undefined): Messages => {
    const copy = structuredClone(messages);
    const parts = keyPath.split(".");
    let node: Messages = copy;
    for (const part of parts.slice(0, -1)) node = node[part] as Messages;
    const last = parts.at(-1) ?? "";
    if (value === undefined) delete node[last];
    else node[last] = value;
    return copy;
  };

  it.each([
    ["a missing key", "de", withValue(de, "nav.languages", undefined), "nav.languages: missing"],
    ["a missing plural form", "ru", withValue(read("ru"), "cookies.duration.day_few", undefined), "cookies.duration.day_few: missing; ru has the plural forms few, many, one, other"],
    ["a plural form the language does not have", "ja", withValue(read("ja"), "cookies.duration.day_one", "1 日"), "cookies.duration.day_one: not a key of en.json or not a plural form of ja (other)"],
    ["an extra key", "de", withValue(de, "nav.home", "Start"), "nav.home: not a key of en.json"],
    ["an extra placeholder", "de", withValue(de, "notice.older.text", "Sie gilt seit {{date}} nicht mehr."), "notice.older.text: placeholders {{date}}, en has none"],
    ["a missing placeholder", "de", withValue(de, "notice.upcoming.text", "Sie tritt bald in Kraft."), "notice.upcoming.text: placeholders none, en has {{date}}"],
    ["a renamed placeholder", "de", withValue(de, "feed.title", "{{titel}}: neue Versionen"), "feed.title: placeholders {{titel}}, en has {{title}}"],
    ["a count printed without its number format", "de", withValue(de, "cookies.duration.day_other", "{{count}} Tage"), "cookies.duration.day_other: placeholders {{count}}, en has {{count, number}}"],
    ["a count left out of a form that covers many numbers", "ru", withValue(read("ru"), "cookies.duration.day_one", "день"), "cookies.duration.day_one: placeholders none, en has {{count, number}}"],
    ["an empty string", "de", withValue(de, "nav.languages", " "), "nav.languages: empty"],
    ["a string left in English", "de", withValue(de, "nav.languages", "Languages"), 'nav.languages: the same as the English "Languages"'],
    ["a period after a date that ends with one", "ru", withValue(read("ru"), "feed.effective", "Вступает в силу {{date}}."), 'feed.effective: a date in ru ends with its own period ("1 марта 2024 г."); leave out the period after {{date}}'],
    ["a straight quote", "de", withValue(de, "cookies.empty.category", 'In der Kategorie "{{category}}" gibt es keine Cookies.'), "cookies.empty.category: a straight quote or apostrophe; write the language's own (“ ” „ “ « » ’ …)"],
    ["a left-to-right mark in a right-to-left file", "he", withValue(read("he"), "nav.languages", "\u200Eשפות"), "nav.languages: a left-to-right bidi control in a right-to-left language"],
    ["English in a right-to-left file", "fa", withValue(read("fa"), "nav.languages", "Sprachen"), "nav.languages: no right-to-left letter; is it translated?"],
  ])("finds %s", (_, code, messages, problem) => {
    expect(localeFileProblems(code, messages, english)).toEqual([problem]);
  });

  it("lets a form for a single number say it in words, as Arabic does", () => {
    expect(localeFileProblems("ar", withValue(read("ar"), "cookies.duration.day_two", "يومان"), english)).toEqual([]);
  });

  it("allows the English word only in the languages listed for it", () => {
    expect(localeFileProblems("fr", withValue(read("fr"), "document.version", "Version"), english)).toEqual([]);
    expect(localeFileProblems("fi", withValue(read("fi"), "document.version", "Version"), english)).toEqual(['document.version: the same as the English "Version"']);
  });
});

describe("plurals through i18next", () => {
  let translator: Translator;
  beforeAll(async () => {
    const loaded = await loadTranslations({
      localeDirs: [LOCALES_DIR],
      siteLocalesDir: path.join(REPO, "no-site-locales"),
      root: REPO,
      localeCodes: codes,
      defaultLocale: "en",
    });
    expect(loaded.problems).toEqual([]);
    if (!loaded.translator) throw new Error("Codicil's own UI strings do not load");
    translator = loaded.translator;
  });

  const bases = [...flatten(english).keys()].filter((k) => k.endsWith("_other")).map((k) => k.replace(PLURAL_SUFFIX, ""));

  it("has plural strings to check", () => {
    expect(bases).toContain("cookies.duration.day");
  });

  it.each(codes)("%s: each count gets the form Intl.PluralRules picks, with the number in the language's digits", (code) => {
    const own = flatten(read(code));
    const rules = new Intl.PluralRules(code);
    const numbers = new Intl.NumberFormat(code);
    for (const base of bases) {
      for (const count of [0, 1, 2, 3, 5, 11, 21, 101]) {
        const form = own.get(`${base}_${rules.select(count)}`);
        expect(form, `${code} ${base} ${count}`).toBeDefined();
        const wanted = (form ?? "").replace(/\{\{\s*count\s*,\s*number\s*\}\}/g, numbers.format(count)).replace(/\{\{\s*count\s*\}\}/g, String(count));
        expect(translator.t(code, base, { count }), `${code} ${base} ${count}`).toBe(wanted);
      }
    }
  });
});
