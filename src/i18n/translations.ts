import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import i18next, { type i18n } from "i18next";
import { error, warning, type Problem } from "../core/problems.ts";
import { pushAll } from "../core/arrays.ts";
import { FORBIDDEN_CHARACTER, forbiddenCharacterMessage, readContentText } from "../core/text.ts";
import { fallbackChain } from "./locales.ts";

/** Nested UI strings of one locale, as in `locales/<locale>.json`. */
type Messages = { [key: string]: string | Messages };

export interface Translator {
  /** The UI string for `key` in `locale`, following the fallback chain; throws for an unknown key. */
  t(locale: string, key: string, values?: Record<string, unknown>): string;
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
  /** The site's own folder: only its files must be for languages the site lists. */
  readonly siteLocalesDir: string;
  readonly root: string;
  readonly localeCodes: readonly string[];
  readonly defaultLocale: string;
  /** Line of `defaultLocale:` in content/site.yaml, where a default language without UI strings is reported. */
  readonly defaultLocaleLine?: number;
}): Promise<{ translator?: Translator; problems: Problem[] }> {
  const problems: Problem[] = [];
  const resources = new Map<string, Messages>();
  const sources = new Map<string, LocaleSource[]>();
  // Locales whose file has a syntax error: that error is reported, not also "missing strings".
  const broken = new Set<string>();

  for (const dir of new Set(options.localeDirs)) {
    if (!existsSync(dir)) continue;
    const isSiteDir = path.resolve(dir) === path.resolve(options.siteLocalesDir);
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const isFile = entry.isFile() && entry.name.endsWith(".json");
      if (!isFile && !entry.isDirectory()) continue;
      const locale = isFile ? entry.name.slice(0, -".json".length) : entry.name;
      const relative = path.relative(options.root, path.join(dir, entry.name)).split(path.sep).join("/");
      if (!options.localeCodes.includes(locale)) {
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

  const reference = resources.get(options.defaultLocale);
  if (!reference) {
    problems.push(
      error("content/site.yaml", options.defaultLocaleLine ?? 1, `there are no UI strings for the default language ${options.defaultLocale}; add locales/${options.defaultLocale}.json.`),
    );
    return { problems };
  }
  pushAll(problems, missingKeyWarnings({ ...options, localeCodes: options.localeCodes.filter((code) => !broken.has(code)) }, resources, sources));

  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries([...resources].map(([locale, messages]) => [locale, { translation: messages }])),
    lng: options.defaultLocale,
    fallbackLng: (code: string) => fallbackChain(code, options.defaultLocale).slice(1),
    supportedLngs: false,
    initAsync: false,
    // Nunjucks escapes every value it prints; escaping here as well would show `&amp;` to readers.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(options.localeCodes.map((code) => [code, instance.getFixedT(code)]));
  // Templates ask for the same strings with the same values on page after page (the labels, each
  // heading's permalink label in every version): i18next's answer is kept per language, key and values.
  const results = new Map<string, string>();
  const known = new Set<string>();
  return {
    problems,
    translator: {
      t(locale, key, values) {
        const cacheKey = values === undefined ? `${locale}\u0000${key}` : valuesKey(values, `${locale}\u0000${key}`);
        const cached = cacheKey === undefined ? undefined : results.get(cacheKey);
        if (cached !== undefined) return cached;
        // With its values, so that a plural key (`year` with `count`) is found by its suffixed forms.
        const knownKey = values?.count === undefined ? key : `${key}\u0000count`;
        if (!known.has(knownKey)) {
          if (!instance.exists(key, { ...values, lng: options.defaultLocale })) {
            throw new Error(`The UI string "${key}" is missing from locales/${options.defaultLocale}.json; templates may only use keys that exist there.`);
          }
          known.add(knownKey);
        }
        const t = fixed.get(locale) ?? instance.getFixedT(locale);
        const text = t(key, values ?? {});
        if (cacheKey !== undefined) results.set(cacheKey, text);
        return text;
      },
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

function missingKeyWarnings(
  options: { localeCodes: readonly string[]; defaultLocale: string },
  resources: ReadonlyMap<string, Messages>,
  sources: ReadonlyMap<string, LocaleSource[]>,
): Problem[] {
  const reference = flattenKeys(resources.get(options.defaultLocale) ?? {});
  const problems: Problem[] = [];
  for (const locale of options.localeCodes) {
    if (locale === options.defaultLocale) continue;
    const chain = fallbackChain(locale, options.defaultLocale).filter((code) => code !== options.defaultLocale);
    const available = new Set(chain.flatMap((code) => [...flattenKeys(resources.get(code) ?? {})]));
    const missing = [...reference].filter((key) => !available.has(key));
    if (missing.length === 0) continue;
    const own = sources.get(locale)?.at(-1)?.file;
    const shown = missing.slice(0, 8).join(", ") + (missing.length > 8 ? `, and ${missing.length - 8} more` : "");
    problems.push(
      warning(
        own ?? "content/site.yaml",
        1,
        own
          ? `${missing.length} UI string${missing.length === 1 ? " is" : "s are"} missing for ${locale} and will show in ${options.defaultLocale}: ${shown}.`
          : `there are no UI strings for ${locale}; its pages will show labels in ${options.defaultLocale}. Add locales/${locale}.json.`,
      ),
    );
  }
  return problems;
}
