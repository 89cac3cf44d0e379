import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import i18next, { type i18n } from "i18next";
import { error, warning, type Problem } from "../core/problems.ts";
import { pushAll } from "../core/arrays.ts";
import { FORBIDDEN_CHARACTER, forbiddenCharacterMessage, readContentText } from "../core/text.ts";
import { fallbackChain, sameLanguage } from "./locales.ts";

/** Nested UI strings of one locale, as in `locales/<locale>.json`. */
type Messages = { [key: string]: string | Messages };

/** A UI string and the language it is written in: a fallback's may differ from the page's. */
export interface ResolvedString {
  readonly text: string;
  /** The step of the fallback chain the string came from (`en` for an `en-US` page or a Thai one). */
  readonly language: string;
}

export interface Translator {
  /** The UI string for `key` in `locale`, following the fallback chain; throws for an unknown key. */
  t(locale: string, key: string, values?: Record<string, unknown>): string;
  /** `t`, with the language the string was found in. */
  resolve(locale: string, key: string, values?: Record<string, unknown>): ResolvedString;
  /** The keys `locale`'s pages show in another language, found further down its chain; sorted. */
  missingKeys(locale: string): readonly string[];
}

interface LocaleSource {
  readonly file: string;
  readonly messages: Messages;
}

/**
 * Loads UI strings from Codicil's own `locales/` and, over them, the site's `locales/` (a site may
 * change any wording or add a language without copying every file). Every problem is returned with
 * its file and line; missing keys are warnings because the default language fills them in.
 */
export async function loadTranslations(options: {
  /** Directories in order of precedence, lowest first. */
  readonly localeDirs: readonly string[];
  /**
   * The site's own folder: only its files must be for languages the site lists. Undefined when the
   * site has none of its own (the example site, kept in Codicil's folder, shares Codicil's).
   */
  readonly siteLocalesDir: string | undefined;
  readonly root: string;
  readonly localeCodes: readonly string[];
  readonly defaultLocale: string;
  /** Line of `defaultLocale:` in content/site.yaml, where a default language without UI strings is reported. */
  readonly defaultLocaleLine?: number;
}): Promise<{ translator?: Translator; problems: Problem[] }> {
  const problems: Problem[] = [];
  // Files of every step of the site's languages' chains: `en.json` serves an `en-US` site.
  const wanted = new Set(options.localeCodes.flatMap((code) => fallbackChain(code, options.defaultLocale)));
  const resources = new Map<string, Messages>();
  const sources = new Map<string, LocaleSource[]>();
  // Locales whose file has a syntax error: that error is reported, not also "missing strings".
  const broken = new Set<string>();

  for (const dir of new Set(options.localeDirs)) {
    if (!existsSync(dir)) continue;
    const isSiteDir = options.siteLocalesDir !== undefined && path.resolve(dir) === path.resolve(options.siteLocalesDir);
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const isFile = entry.isFile() && entry.name.endsWith(".json");
      if (!isFile && !entry.isDirectory()) continue;
      const locale = isFile ? entry.name.slice(0, -".json".length) : entry.name;
      const relative = path.relative(options.root, path.join(dir, entry.name)).split(path.sep).join("/");
      if (!wanted.has(locale)) {
        // Codicil ships more languages than a site may use; only the site's own files must match.
        if (isSiteDir) {
          problems.push(
            error(relative, 1, `"${locale}" is not a language of this site (${options.localeCodes.join(", ")}); add it to locales in content/site.yaml or remove this file.`),
          );
        }
        continue;
      }
      const files = isFile
        ? [path.join(dir, entry.name)]
        : (await readdir(path.join(dir, entry.name))).filter((name) => name.endsWith(".json")).sort().map((name) => path.join(dir, entry.name, name));
      for (const file of files) {
        const relativeFile = path.relative(options.root, file).split(path.sep).join("/");
        const source = await readContentText(file, relativeFile);
        pushAll(problems, source?.problems ?? []);
        if (source?.text === undefined || source.problems.length > 0) {
          broken.add(locale);
          continue;
        }
        const parsed = parseMessages(source.text, relativeFile);
        pushAll(problems, parsed.problems);
        if (!parsed.messages) {
          broken.add(locale);
          continue;
        }
        resources.set(locale, deepMerge(resources.get(locale) ?? {}, parsed.messages));
        sources.set(locale, [...(sources.get(locale) ?? []), { file: relativeFile, messages: parsed.messages }]);
      }
    }
  }

  const defaultChain = fallbackChain(options.defaultLocale, options.defaultLocale);
  if (!defaultChain.some((code) => resources.has(code))) {
    problems.push(
      error("content/site.yaml", options.defaultLocaleLine ?? 1, `there are no UI strings for the default language ${options.defaultLocale}; add locales/${options.defaultLocale}.json.`),
    );
    return { problems };
  }
  const missing = missingKeysByLocale(options, resources, sources);
  pushAll(problems, missingKeyWarnings(options.localeCodes.filter((code) => !broken.has(code)), missing));

  // i18next asks for a language's chain on every string it looks up (it keeps no chain a function
  // gives), and working one out takes several Intl.Locale calls.
  const chains = new Map<string, readonly string[]>();
  const fallbackLng = (code: string): readonly string[] => {
    let chain = chains.get(code);
    // Frozen: i18next only reads it, and a later version that did not would fail loudly.
    if (!chain) chains.set(code, (chain = Object.freeze(fallbackChain(code, options.defaultLocale).slice(1))));
    return chain;
  };
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries([...resources].map(([locale, messages]) => [locale, { translation: messages }])),
    lng: options.defaultLocale,
    fallbackLng,
    // Only our chain: i18next's own would try `zh` before `zh-Hant` for `zh-TW`.
    load: "currentOnly",
    supportedLngs: false,
    initAsync: false,
    // Nunjucks escapes every value it prints; escaping here as well would show `&amp;` to readers.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(options.localeCodes.map((code) => [code, instance.getFixedT(code)]));
  // Templates ask for the same strings with the same values on page after page (the labels, each
  // heading's permalink label in every version): i18next's answer is kept per language, key and values.
  // Strings without values, the most asked for (around each insertion and deletion of a redline),
  // are kept by language, then key, so that no key is made for them on each call.
  const plainResults = new Map<string, Map<string, ResolvedString>>();
  const results = new Map<string, ResolvedString>();
  const known = new Set<string>();
  const resolve = (locale: string, key: string, values?: Record<string, unknown>): ResolvedString => {
    let plain: Map<string, ResolvedString> | undefined;
    let cacheKey: string | undefined;
    if (values === undefined) {
      plain = plainResults.get(locale);
      if (!plain) plainResults.set(locale, (plain = new Map<string, ResolvedString>()));
      const cached = plain.get(key);
      if (cached !== undefined) return cached;
    } else {
      cacheKey = valuesKey(values, `${locale}\u0000${key}`);
      const cached = cacheKey === undefined ? undefined : results.get(cacheKey);
      if (cached !== undefined) return cached;
    }
    // With its values, so that a plural key (`year` with `count`) is found by its suffixed forms.
    const knownKey = values?.count === undefined ? key : `${key}\u0000count`;
    if (!known.has(knownKey)) {
      if (!instance.exists(key, { ...values, lng: options.defaultLocale })) {
        throw new Error(`The UI string "${key}" is missing from locales/${options.defaultLocale}.json; templates may only use keys that exist there.`);
      }
      known.add(knownKey);
    }
    const t = fixed.get(locale) ?? instance.getFixedT(locale);
    const details = t(key, { ...values, returnDetails: true });
    const resolved = { text: details.res, language: details.usedLng };
    if (plain) plain.set(key, resolved);
    else if (cacheKey !== undefined) results.set(cacheKey, resolved);
    return resolved;
  };
  return {
    problems,
    translator: {
      t: (locale, key, values) => resolve(locale, key, values).text,
      resolve,
      missingKeys: (locale) => missing.get(locale)?.keys ?? [],
    },
  };
}

/**
 * `prefix` followed by each value's name and value (each with its length, so none can be read as
 * another), when every value is text, a number or a boolean: the same ones always get i18next's
 * same answer. Undefined for any other value.
 */
function valuesKey(values: Record<string, unknown>, prefix: string): string | undefined {
  let key = prefix;
  for (const name in values) {
    const value = values[name];
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
    const text = String(value);
    key += `\u0000${name.length}:${name}${typeof value}${text.length}:${text}`;
  }
  return key;
}

function parseMessages(text: string, file: string): { messages?: Messages; problems: Problem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : 1;
    return { problems: [error(file, line, `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, "")}. Check for a missing comma or quote, or a comma after the last entry.`)] };
  }
  const problems: Problem[] = [];
  const check = (value: unknown, keyPath: string): value is Messages => {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      problems.push(error(file, 1, `${keyPath || "the file"} must be an object of "key": "text" pairs.`));
      return false;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = keyPath ? `${keyPath}.${key}` : key;
      if (typeof child === "string") {
        // A \u escape can write what the raw-text check cannot see.
        const forbidden = FORBIDDEN_CHARACTER.exec(child);
        if (forbidden) problems.push(error(file, lineOfKey(text, key), forbiddenCharacterMessage(forbidden[0], `"${childPath}" `, "remove the \\u escape that writes it")));
        continue;
      }
      if (child && typeof child === "object" && !Array.isArray(child)) check(child, childPath);
      else problems.push(error(file, lineOfKey(text, key), `"${childPath}" must be text or an object of texts.`));
    }
    return true;
  };
  return check(data, "") && problems.length === 0 ? { messages: data, problems } : { problems };
}

function lineOfKey(text: string, key: string): number {
  const index = text.indexOf(JSON.stringify(key));
  return index === -1 ? 1 : text.slice(0, index).split("\n").length;
}

function deepMerge(base: Messages, override: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const existing = merged[key];
    merged[key] = typeof value === "object" && typeof existing === "object" ? deepMerge(existing, value) : value;
  }
  return merged;
}

/** Plural forms differ by language (Arabic has six), so keys are compared without the suffix. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

export function flattenKeys(messages: Messages, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") keys.add(full.replace(PLURAL_SUFFIX, ""));
    else for (const nested of flattenKeys(value, full)) keys.add(nested);
  }
  return keys;
}

/** Per site language: the keys its pages show in another language, and which languages those are. */
interface MissingKeys {
  readonly keys: readonly string[];
  /** The languages down the chain that fill them in, in chain order. */
  readonly shownIn: readonly string[];
  /** The file of the language's own strings (`de.json` for `de-CH`), where they are missing. */
  readonly file?: string;
}

/**
 * A key is missing for a language when no step of its chain in that same language has it (`en`
 * serves `en-GB`; `nb` does not serve `nn`, though it fills in for it).
 */
function missingKeysByLocale(
  options: { readonly localeCodes: readonly string[]; readonly defaultLocale: string },
  resources: ReadonlyMap<string, Messages>,
  sources: ReadonlyMap<string, LocaleSource[]>,
): Map<string, MissingKeys> {
  const keysOf = new Map([...resources].map(([code, messages]) => [code, flattenKeys(messages)]));
  const chainOfDefault = fallbackChain(options.defaultLocale, options.defaultLocale);
  const reference = new Set(chainOfDefault.flatMap((code) => [...(keysOf.get(code) ?? [])]));
  const result = new Map<string, MissingKeys>();
  for (const locale of options.localeCodes) {
    const chain = fallbackChain(locale, options.defaultLocale);
    const own = chain.filter((code) => sameLanguage(locale, code));
    const keys = [...reference].filter((key) => !own.some((code) => keysOf.get(code)?.has(key))).sort();
    if (keys.length === 0) continue;
    const others = chain.filter((code) => !own.includes(code));
    const shownIn = [...new Set(keys.map((key) => others.find((code) => keysOf.get(code)?.has(key)) ?? options.defaultLocale))];
    const file = own.map((code) => sources.get(code)?.at(-1)?.file).find((f) => f !== undefined);
    result.set(locale, { keys, shownIn, ...(file !== undefined && { file }) });
  }
  return result;
}

function missingKeyWarnings(localeCodes: readonly string[], missing: ReadonlyMap<string, MissingKeys>): Problem[] {
  const problems: Problem[] = [];
  for (const locale of localeCodes) {
    const entry = missing.get(locale);
    if (!entry) continue;
    const { keys, shownIn, file: own } = entry;
    const languages = shownIn.join(" or ");
    const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? `, and ${keys.length - 8} more` : "");
    problems.push(
      warning(
        own ?? "content/site.yaml",
        1,
        own
          ? `${keys.length} UI string${keys.length === 1 ? " is" : "s are"} missing for ${locale} and will show in ${languages}: ${shown}.`
          : `there are no UI strings for ${locale}; its pages will show labels in ${languages}. Add locales/${locale}.json.`,
      ),
    );
  }
  return problems;
}
