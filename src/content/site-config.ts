import { z } from "zod";
import { error, warning, type Problem } from "../core/problems.ts";
import { textDirection } from "../i18n/locales.ts";
import { unknownKeyErrors, validateYaml } from "./schema.ts";
import type { PositionedYaml } from "./yaml.ts";
import type { SiteSettings } from "../model/settings.ts";
import { pushAll } from "../core/arrays.ts";
import { brandSchemaShape, brandSettings, brandUnknownKeys } from "./brand-config.ts";

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
  url: requiredText("the absolute address of the published site, e.g. https://legal.example.com").superRefine((url, ctx) => {
    const problem = siteUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  pathPrefix: z.string({ error: "must be text such as / or /legal/" }).superRefine((prefix, ctx) => {
    const problem = pathPrefixProblem(prefix);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).optional(),
  defaultLocale: requiredText("the code of the authoritative language, e.g. en"),
  locales: z
    .array(localeSchema, { error: "is required: a list of languages, e.g. - { code: en, name: English }" })
    .min(1, { error: "must list at least one language" }),
  ...brandSchemaShape,
});

const SITE_KEYS = Object.keys(siteSchema.shape);
const LOCALE_KEYS = Object.keys(localeSchema.shape);

export function parseSiteSettings(yaml: PositionedYaml, file: string): { settings?: SiteSettings; problems: Problem[] } {
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  const { value, problems } = validateYaml(siteSchema, yaml, file);
  // Errors too, but the settings are still usable, so every document is checked in the same run.
  const unknownKeys = unknownKeyErrors(yaml.data, SITE_KEYS, yaml, file);
  pushAll(unknownKeys, brandUnknownKeys(yaml.data, yaml, file));
  const rawLocales = (yaml.data as { locales?: unknown } | undefined)?.locales;
  if (Array.isArray(rawLocales)) {
    rawLocales.forEach((entry, i) => pushAll(unknownKeys, unknownKeyErrors(entry, LOCALE_KEYS, yaml, file, ["locales", i])));
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
  const { logo, accent, accentDark, headerLinks, footerLinks } = value;
  const { brand, problems: brandProblems } = brandSettings({ logo, accent, accentDark, headerLinks, footerLinks }, [...seen.keys()], value.defaultLocale, yaml, file);
  pushAll(problems, brandProblems);
  if (problems.some((p) => p.severity === "error")) return { problems: [...problems, ...unknownKeys] };

  const prefix = value.pathPrefix ?? "/";
  return {
    problems: [...problems, ...unknownKeys],
    settings: {
      name: value.name,
      // The WHATWG parser's form (host lower-cased, default port dropped), as browsers read it.
      url: new URL(value.url).href.replace(/\/+$/, ""),
      pathPrefix: prefix,
      defaultLocale: value.defaultLocale,
      locales: value.locales.map((l) => ({ code: l.code, name: l.name, dir: l.dir ?? textDirection(l.code) })),
      ...(brand && { brand }),
    },
  };
}

/** Characters that print as nothing or break a line: an address holding one is not what it looks like. */
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u;

/**
 * Why `url` cannot be the published site's address, or undefined. Canonical links, hreflang, feeds
 * and the sitemap start with it, so it must be what a browser reads it as: an http(s) origin and
 * at most a path, nothing the WHATWG URL parser would drop or read as another host.
 */
export function siteUrlProblem(url: string): string | undefined {
  const example = "e.g. https://legal.example.com or https://example.com/legal";
  if (INVISIBLE.test(url)) return `must not contain spaces, tabs or other invisible characters; write the address alone, ${example}.`;
  if (url.includes("\\")) return `must not contain a backslash (browsers read it as "/"); write forward slashes, ${example}.`;
  if (!/^https?:\/\//i.test(url)) return `must be an absolute http(s) address starting with https:// or http://, ${example}.`;
  if (!URL.canParse(url)) return `is not an address a browser can read; write it as ${example}.`;
  const parsed = new URL(url);
  if (parsed.username !== "" || parsed.password !== "" || /^https?:\/\/[^/?#]*@/i.test(url)) {
    return `must not contain "@" before the host: browsers go to ${parsed.host}, the host after "@"; write the site's own address, ${example}.`;
  }
  if (parsed.hostname === "") return `must name a host, ${example}.`;
  if (url.includes("?")) return `must not contain a query ("?…"); write only the site's address and path, ${example}.`;
  if (url.includes("#")) return `must not contain a fragment ("#…"); write only the site's address and path, ${example}.`;
  return undefined;
}

/** A path segment: unreserved characters or percent-escapes (checked decoded below). */
const PATH_SEGMENT = /^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/;

/**
 * Why `prefix` cannot be the path every page's address starts with, or undefined. It is printed
 * before every link and stylesheet address, so it must stay a path on the site's own host.
 */
export function pathPrefixProblem(prefix: string): string | undefined {
  const example = "e.g. / or /legal/ or /en-gb/legal/";
  if (!prefix.startsWith("/")) return `must be a path starting with "/", ${example}.`;
  if (!prefix.endsWith("/")) return `must end with "/": write ${JSON.stringify(`${prefix}/`)}.`;
  if (prefix.includes("//")) return `must not contain "//" (a browser reads "//host/" as another site); ${example}.`;
  if (prefix.includes("\\")) return `must not contain a backslash (a browser reads it as "/"); ${example}.`;
  if (/[?#]/.test(prefix)) return `must not contain "?" or "#": it is only a path, ${example}.`;
  if (prefix === "/") return undefined;
  for (const segment of prefix.slice(1, -1).split("/")) {
    if (!PATH_SEGMENT.test(segment)) {
      return `"${segment}" may hold only letters a-z and A-Z, digits, "-", ".", "_", "~" and percent-escapes such as %C3%A4; ${example}.`;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `"${segment}" has a percent-escape that is not UTF-8; ${example}.`;
    }
    if (decoded === "." || decoded === ".." || /[/\\:]/.test(decoded)) {
      return `"${segment}" must not be "." or ".." or stand for "/", "\\" or ":", which would lead outside the path; ${example}.`;
    }
  }
  return undefined;
}

export function canonicalLocale(code: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(code)[0];
  } catch {
    return undefined;
  }
}
