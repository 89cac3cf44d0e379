import { inForceInLanguage, type VersionStatus } from "../rules/version-order.ts";
import { paths } from "./urls.ts";
import { nearestWords } from "../rules/edit-distance.ts";
import { pushAll } from "../core/arrays.ts";

/** The shape of a site that decides which pages exist: nothing rendered, just who has what. */
export interface RouteInput {
  readonly locales: readonly string[];
  /** The language of the not-found page; default the first of `locales`. */
  readonly defaultLocale?: string;
  /** Whether content/cookies.yaml exists, which adds /cookies.json. */
  readonly hasCookieRegistry?: boolean;
  /** Whether site.yaml sets an accent colour, which adds its stylesheet. */
  readonly hasAccentColours?: boolean;
  readonly documents: readonly RouteDocument[];
}

/**
 * A document as far as addresses go: its versions, oldest first, with the locales each exists in
 * and whether it is still upcoming (which decides what its earlier versions are compared with).
 */
export interface RouteDocument {
  readonly slug: string;
  readonly versions: readonly { readonly updated: string; readonly locales: readonly string[]; readonly upcoming?: boolean }[];
}

/**
 * Which languages each page of one document exists in, in the site's locale order. The one rule
 * behind the routes, the language switcher and the hreflang alternates, so they cannot disagree.
 */
export interface DocumentLanguages {
  /** `/<locale>/<doc>/`, its history and its feed: every language that has a version. */
  readonly document: readonly string[];
  /** Per version, in the document's order: its dated page, in the languages that have it. */
  readonly versions: readonly (readonly string[])[];
  /** Per version: its changes page, in the languages that have it and an earlier version. */
  readonly changes: readonly (readonly string[])[];
  /**
   * Per version: its compare page (against the version in force), in the languages that have it
   * and, later, a version in force. The version in force itself has none, nor has an upcoming one.
   */
  readonly compare: readonly (readonly string[])[];
  /** Per language: the index of its version in force, which its compare pages compare with. */
  readonly inForce: Readonly<Record<string, number>>;
}

export function documentLanguages(siteLocales: readonly string[], doc: RouteDocument): DocumentLanguages {
  const seen = new Set<string>();
  const versions: string[][] = [];
  const changes: string[][] = [];
  for (const version of doc.versions) {
    const has = siteLocales.filter((locale) => version.locales.includes(locale));
    versions.push(has);
    changes.push(has.filter((locale) => seen.has(locale)));
    for (const locale of has) seen.add(locale);
  }
  const statuses = doc.versions.map((v): VersionStatus => (v.upcoming ? "upcoming" : "older"));
  const inForce: Record<string, number> = {};
  for (const locale of seen) {
    const index = inForceInLanguage(
      versions.flatMap((has, i) => (has.includes(locale) ? [i] : [])),
      statuses,
    );
    if (index !== undefined) inForce[locale] = index;
  }
  const compare = versions.map((has, i) => has.filter((locale) => (inForce[locale] ?? -1) > i));
  return { document: siteLocales.filter((locale) => seen.has(locale)), versions, changes, compare, inForce };
}

/**
 * The languages that get pages, in the site's order: those at least one document is written in. A
 * language listed in site.yaml before any document is translated into it gets no index page, no
 * place in the switcher, the sitemap or hreflang (content/load-site.ts warns). A site without
 * documents keeps every language: there is nothing to tell them apart by.
 */
export function publishedLocales(input: Pick<RouteInput, "locales" | "documents">): string[] {
  if (input.documents.length === 0) return [...input.locales];
  const written = new Set<string>();
  for (const doc of input.documents) for (const version of doc.versions) for (const locale of version.locales) written.add(locale);
  return input.locales.filter((locale) => written.has(locale));
}

type DocumentRoute<Kind extends string> = { readonly kind: Kind; readonly path: string; readonly locale: string; readonly slug: string };
type VersionRoute<Kind extends string> = DocumentRoute<Kind> & { readonly updated: string };

export type Route =
  | { readonly kind: "home"; readonly path: string }
  | { readonly kind: "localeIndex"; readonly path: string; readonly locale: string }
  | DocumentRoute<"document">
  | DocumentRoute<"history">
  | DocumentRoute<"feed">
  | VersionRoute<"version">
  /** `previous` is the version this one is compared with: the one before it in the same language. */
  | (VersionRoute<"changes"> & { readonly previous: string })
  /** `against` is the version in force in the same language, which this earlier one is compared with. */
  | (VersionRoute<"compare"> & { readonly against: string })
  | { readonly kind: "versionsIndex"; readonly path: string; readonly slug: string }
  | { readonly kind: "cookiesExport"; readonly path: string }
  | { readonly kind: "sitemap"; readonly path: string }
  | { readonly kind: "robots"; readonly path: string }
  /** In the default language, which `locale` names. */
  | { readonly kind: "notFound"; readonly path: string; readonly locale: string }
  | { readonly kind: "brandStylesheet"; readonly path: string }
  | { readonly kind: "siteStyle"; readonly path: string };

/** Pages readers open in a browser (the sitemap lists these), as opposed to feeds and data files. */
export const HTML_KINDS: ReadonlySet<Route["kind"]> = new Set(["home", "localeIndex", "document", "history", "version", "changes", "compare"]);

/** Every page and file of the site (SPEC section 3), in a stable order. */
export function listRoutes(input: RouteInput): Route[] {
  const routes: Route[] = [{ kind: "home", path: paths.home() }];
  const defaultLocale = input.defaultLocale ?? input.locales[0];
  // Hosts serve it for any address that has no page; noindex, so not in the sitemap (not an HTML_KIND).
  if (defaultLocale !== undefined) routes.push({ kind: "notFound", path: paths.notFound(), locale: defaultLocale });
  const documents = input.documents.map((doc) => ({ doc, languages: documentLanguages(input.locales, doc) }));
  for (const locale of publishedLocales(input)) {
    routes.push({ kind: "localeIndex", path: paths.localeIndex(locale), locale });
    for (const { doc, languages } of documents) {
      if (!languages.document.includes(locale)) continue;
      const slug = doc.slug;
      routes.push({ kind: "document", path: paths.document(locale, slug), locale, slug });
      routes.push({ kind: "history", path: paths.history(locale, slug), locale, slug });
      routes.push({ kind: "feed", path: paths.feed(locale, slug), locale, slug });
      let previous: string | undefined;
      doc.versions.forEach((version, i) => {
        if (!languages.versions[i]?.includes(locale)) return;
        routes.push({ kind: "version", path: paths.version(locale, slug, version.updated), locale, slug, updated: version.updated });
        if (previous !== undefined && languages.changes[i]?.includes(locale)) {
          routes.push({ kind: "changes", path: paths.changes(locale, slug, version.updated), locale, slug, updated: version.updated, previous });
        }
        const against = doc.versions[languages.inForce[locale] ?? -1];
        if (against && languages.compare[i]?.includes(locale)) {
          routes.push({ kind: "compare", path: paths.compare(locale, slug, version.updated), locale, slug, updated: version.updated, against: against.updated });
        }
        previous = version.updated;
      });
    }
  }
  for (const doc of input.documents) routes.push({ kind: "versionsIndex", path: paths.versionsIndex(doc.slug), slug: doc.slug });
  if (input.hasCookieRegistry) routes.push({ kind: "cookiesExport", path: paths.cookiesExport() });
  if (input.hasAccentColours) routes.push({ kind: "brandStylesheet", path: paths.brandStylesheet() });
  routes.push({ kind: "sitemap", path: paths.sitemap() }, { kind: "robots", path: paths.robots() }, { kind: "siteStyle", path: paths.siteStyle() });
  return routes;
}

/** At most this many candidates are named in a message, so that it stays one readable line. */
const MAX_CANDIDATES = 3;
/** Lists this long are named whole. */
const MAX_LISTED = 5;

/**
 * Why a site-root path leads nowhere, worded for the editor who wrote the link, in one line with
 * at most a few candidates (the nearest by spelling) and the fix; undefined when a page exists there.
 */
export function explainMissingPath(path: string, input: RouteInput, existing: ReadonlySet<string>): string | undefined {
  const normalized = path.endsWith("/") || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
  if (existing.has(normalized)) return undefined;
  const segments = normalized.split("/").filter(Boolean);
  const [locale, slug, date] = segments;
  const shown = path.length > 100 ? `${path.slice(0, 99)}…` : path;
  const prefix = `the link ${shown} leads nowhere:`;
  if (locale !== undefined && !input.locales.includes(locale)) {
    const meant = meantPage(segments, input, existing);
    const near = nearestLanguages(locale, input.locales);
    const fix = meant ? `did you mean ${meant}?` : `write /<language>/<document>/, e.g. /${near[0] ?? input.locales[0] ?? "en"}/${input.documents[0]?.slug ?? "…"}/.`;
    return `${prefix} "${locale}" is not a language of this site (${someOf(input.locales, near, "languages")}); every page of this site starts with its language: ${fix}`;
  }
  if (locale !== undefined && !publishedLocales(input).includes(locale)) {
    return `${prefix} no document is written in ${locale} yet, so it has no pages.`;
  }
  const doc = input.documents.find((d) => d.slug === slug);
  if (slug !== undefined && !doc) {
    const slugs = input.documents.map((d) => d.slug);
    return `${prefix} there is no document "${slug}" (${someOf(slugs, nearest(slug, slugs), "documents")}); a document's address is its folder name under content/.`;
  }
  if (doc && locale !== undefined && !doc.versions.some((v) => v.locales.includes(locale))) {
    return `${prefix} the document "${slug}" has no ${locale} text yet; link /${doc.versions.at(-1)?.locales[0] ?? input.locales[0]}/${slug}/ or add content/${slug}/${locale}.md.`;
  }
  if (doc && date !== undefined && locale !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    if (normalized.endsWith("/compare/") && doc.versions.some((v) => v.updated === date && v.locales.includes(locale))) {
      return `${prefix} only earlier versions have a compare page, and the ${locale} version dated ${date} is not earlier than the one in force; link to ${paths.version(locale, slug ?? "", date)} instead.`;
    }
    const inLocale = doc.versions.filter((v) => v.locales.includes(locale)).map((v) => v.updated);
    const distance = (day: string) => Math.abs(Date.parse(day) - Date.parse(date));
    const closest = [...inLocale].sort((a, b) => distance(a) - distance(b)).slice(0, MAX_CANDIDATES).sort();
    return `${prefix} "${slug}" has no version dated ${date} in ${locale} (${someOf(inLocale, closest, "dated versions")}).`;
  }
  return `${prefix} there is no page at that address.`;
}

/**
 * A short list for a message: every one of `all` when they are few, else how many there are and
 * the nearest (`75 languages; nearest: en, en-GB`), or the first few when none is near.
 */
function someOf(all: readonly string[], near: readonly string[], what: string): string {
  if (all.length === 0) return `no ${what}`;
  if (all.length <= MAX_LISTED) return `${what}: ${all.join(", ")}`;
  return near.length > 0 ? `${all.length} ${what}; nearest: ${near.join(", ")}` : `${all.length} ${what}, e.g. ${all.slice(0, MAX_CANDIDATES).join(", ")}`;
}

const nearest = (typed: string, known: readonly string[]) => nearestWords(typed, known, MAX_CANDIDATES);

/**
 * The site's languages nearest to a language code as written: the same code in other case or
 * with `_` (`en_us`), the same language with or without a region (`en` and `en-US`, `de-DE` and
 * `de`); failing those (and unless `bySpelling` is false), the nearest by spelling.
 */
function nearestLanguages(typed: string, locales: readonly string[], bySpelling = true): string[] {
  const lower = typed.toLowerCase().replaceAll("_", "-");
  const language = (code: string) => code.toLowerCase().split("-", 1)[0];
  const found = locales.filter((code) => code.toLowerCase() === lower);
  for (const code of locales) if (language(code) === language(lower) && !found.includes(code)) found.push(code);
  if (bySpelling && found.length === 0) pushAll(found, nearest(lower, locales));
  return found.slice(0, MAX_CANDIDATES);
}

/**
 * The page a path written for another site's layout most likely means: a language and a document
 * found anywhere in it (`/media/docs/privacy/en-US.html` → `/en-US/privacy/`), when that page exists.
 */
function meantPage(segments: readonly string[], input: RouteInput, existing: ReadonlySet<string>): string | undefined {
  const words = segments.map((segment) => segment.replace(/\.[a-z0-9]+$/i, "").toLowerCase());
  const locale = input.locales.find((code) => words.includes(code.toLowerCase())) ?? words.map((word) => nearestLanguages(word, input.locales, false)[0]).find((code) => code !== undefined);
  const slug = input.documents.find((d) => words.includes(d.slug))?.slug;
  const candidates = [locale && slug && paths.document(locale, slug), slug && paths.document(input.locales[0] ?? "en", slug), locale && paths.localeIndex(locale)];
  return candidates.find((candidate): candidate is string => typeof candidate === "string" && existing.has(candidate));
}
