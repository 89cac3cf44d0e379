import { z } from "zod";
import { error, warning, type Problem } from "../core/problems.ts";
import { textDirection } from "../i18n/locales.ts";
import { unknownKeyErrors, validateYaml } from "./schema.ts";
import type { PositionedYaml } from "./yaml.ts";
import type { SiteSettings } from "../model/settings.ts";

const requiredText = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is required: ${what}` : `must be text: ${what}`) })
    .trim()
    .min(1, { error: `must not be empty: ${what}` });

const localeSchema = z.object({
  code: requiredText("the BCP 47 language code, e.g. en or pt-BR"),
  name: requiredText("the language's name in that language, e.g. Deutsch"),
  dir: z.enum(["ltr", "rtl"], { error: 'must be "ltr" or "rtl" (leave it out to derive it from the code)' }).optional(),
});

const siteSchema = z.object({
  name: requiredText("the organisation or site name"),
  url: requiredText("the absolute address of the published site, e.g. https://legal.example.com").refine(
    (url) => /^https?:\/\/[^/\s]+/.test(url) && URL.canParse(url),
    { error: "must be an absolute http(s) address such as https://legal.example.com" },
  ),
  pathPrefix: z
    .string({ error: "must be text such as / or /legal/" })
    .refine((prefix) => prefix.startsWith("/"), { error: 'must start with "/", e.g. /legal/' })
    .optional(),
  defaultLocale: requiredText("the code of the authoritative language, e.g. en"),
  locales: z
    .array(localeSchema, { error: "is required: a list of languages, e.g. - { code: en, name: English }" })
    .min(1, { error: "must list at least one language" }),
});

const SITE_KEYS = Object.keys(siteSchema.shape);
const LOCALE_KEYS = Object.keys(localeSchema.shape);

export function parseSiteSettings(yaml: PositionedYaml, file: string): { settings?: SiteSettings; problems: Problem[] } {
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  const { value, problems } = validateYaml(siteSchema, yaml, file);
  // Errors too, but the settings are still usable, so every document is checked in the same run.
  const unknownKeys = unknownKeyErrors(yaml.data, SITE_KEYS, yaml, file);
  const rawLocales = (yaml.data as { locales?: unknown } | undefined)?.locales;
  if (Array.isArray(rawLocales)) {
    rawLocales.forEach((entry, i) => unknownKeys.push(...unknownKeyErrors(entry, LOCALE_KEYS, yaml, file, ["locales", i])));
  }
  if (!value) return { problems: [...problems, ...unknownKeys] };

  const seen = new Map<string, number>();
  value.locales.forEach((locale, i) => {
    const line = yaml.lineOf(["locales", i, "code"]);
    const canonical = canonicalLocale(locale.code);
    if (canonical === undefined) {
      problems.push(error(file, line, `"${locale.code}" is not a valid BCP 47 language code; use one such as en, de, pt-BR or zh-Hans.`));
    } else if (canonical.toLowerCase() === locale.code.toLowerCase() && canonical !== locale.code) {
      problems.push(error(file, line, `write the language code "${locale.code}" as "${canonical}", its standard BCP 47 form (it appears in URLs as written).`));
    } else if (canonical !== locale.code) {
      // A deprecated but valid code (tl, iw, in…): sites already publish its addresses, so it stays.
      problems.push(warning(file, line, `"${locale.code}" is a deprecated code for "${canonical}"; it is used as written (addresses keep /${locale.code}/), but a new site should write "${canonical}".`));
    }
    const firstLine = seen.get(locale.code);
    if (firstLine !== undefined) {
      problems.push(error(file, line, `language "${locale.code}" is listed twice (first on line ${firstLine}); remove one entry.`));
    } else {
      seen.set(locale.code, line);
    }
  });
  if (!seen.has(value.defaultLocale)) {
    problems.push(
      error(
        file,
        yaml.lineOf(["defaultLocale"]),
        `defaultLocale "${value.defaultLocale}" is not one of the listed locales (${[...seen.keys()].join(", ")}); add it to locales or pick one of them.`,
      ),
    );
  }
  if (problems.some((p) => p.severity === "error")) return { problems: [...problems, ...unknownKeys] };

  const prefix = value.pathPrefix ?? "/";
  return {
    problems: [...problems, ...unknownKeys],
    settings: {
      name: value.name,
      url: value.url.replace(/\/+$/, ""),
      pathPrefix: prefix.endsWith("/") ? prefix : `${prefix}/`,
      defaultLocale: value.defaultLocale,
      locales: value.locales.map((l) => ({ code: l.code, name: l.name, dir: l.dir ?? textDirection(l.code) })),
    },
  };
}

export function canonicalLocale(code: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(code)[0];
  } catch {
    return undefined;
  }
}
