import type { LegalDocument } from "../model/site.ts";
import type { Alternate, LanguageLink, LanguageRef, PageContext } from "./page-context.ts";
import { documentLanguages, publishedLocales, type DocumentLanguages, type Route, type RouteDocument } from "../addresses/routes.ts";
import { paths } from "../addresses/urls.ts";

/** The languages a page exists in (switcher order), with the path there, and the x-default path. */
export interface LanguageChoices {
  readonly available: readonly { locale: string; path: string }[];
  readonly xDefault: string;
}

/**
 * Which languages an HTML page is available in. Shared by the page views (alternates and the
 * language switcher) and the sitemap, which needs only this and not the views themselves.
 */
export function languageChoices(context: PageContext, route: Route): LanguageChoices | undefined {
  const { settings } = context.site;
  const { defaultLocale } = settings;
  const choices = (locales: readonly string[], pathIn: (locale: string) => string, xDefault: string = pathIn(defaultLocale)) => ({
    available: locales.map((locale) => ({ locale, path: pathIn(locale) })),
    xDefault,
  });
  switch (route.kind) {
    case "home":
    case "localeIndex":
      return choices(
        languagesWithPages(context),
        (l) => paths.localeIndex(l),
        paths.home(),
      );
    case "document":
    case "history": {
      const doc = context.document(route.slug);
      const pathIn = route.kind === "document" ? (l: string) => paths.document(l, doc.slug) : (l: string) => paths.history(l, doc.slug);
      return choices(languagesOf(context, doc).document, pathIn);
    }
    case "version":
    case "changes":
    case "compare": {
      const doc = context.document(route.slug);
      const index = doc.versions.findIndex((v) => v.updated === route.updated);
      if (index === -1) throw new Error(`Internal error: route ${route.path} has no version in the model.`);
      const languages = languagesOf(context, doc);
      if (route.kind === "version") return choices(languages.versions[index] ?? [], (l) => paths.version(l, doc.slug, route.updated));
      const locales = (route.kind === "changes" ? languages.changes : languages.compare)[index] ?? [];
      // The default language may lack an earlier version, and so this page: then the first that has it.
      const xDefault = locales.includes(defaultLocale) ? defaultLocale : locales[0];
      const pathIn = (l: string) => paths[route.kind](l, doc.slug, route.updated);
      return choices(locales, pathIn, xDefault === undefined ? route.path : pathIn(xDefault));
    }
    default:
      return undefined;
  }
}

const publishedMemo = new WeakMap<PageContext, readonly string[]>();

/** The site's languages that have pages (`publishedLocales`), worked out once per page context. */
export function languagesWithPages(context: PageContext): readonly string[] {
  let locales = publishedMemo.get(context);
  if (!locales) {
    const { site } = context;
    locales = publishedLocales({ locales: site.settings.locales.map((l) => l.code), documents: site.documents.map(routeDocument) });
    publishedMemo.set(context, locales);
  }
  return locales;
}

/** A model document as the address rules see it: which locales each version exists in. */
export function routeDocument(doc: LegalDocument): RouteDocument {
  return {
    slug: doc.slug,
    versions: doc.versions.map((v) => ({ updated: v.updated, locales: Object.keys(v.translations), ...(v.status === "upcoming" && { upcoming: true }) })),
  };
}

const documentLanguagesMemo = new WeakMap<PageContext, Map<string, DocumentLanguages>>();

/** `documentLanguages` of one document, worked out once per page context. */
function languagesOf(context: PageContext, doc: LegalDocument): DocumentLanguages {
  let byDocument = documentLanguagesMemo.get(context);
  if (!byDocument) documentLanguagesMemo.set(context, (byDocument = new Map<string, DocumentLanguages>()));
  let languages = byDocument.get(doc.slug);
  if (!languages) {
    languages = documentLanguages(
      context.site.settings.locales.map((l) => l.code),
      routeDocument(doc),
    );
    byDocument.set(doc.slug, languages);
  }
  return languages;
}

/** The compare page of `doc.versions[index]` in `locale`, when it has one (an earlier version). */
export function comparePath(context: PageContext, doc: LegalDocument, index: number, locale: string): string | undefined {
  const version = doc.versions[index];
  return version && languagesOf(context, doc).compare[index]?.includes(locale) ? paths.compare(locale, doc.slug, version.updated) : undefined;
}

/** A page's hreflang alternates and language switcher, and which entry of the switcher it is. */
export interface PageLanguages {
  readonly alternates: readonly Alternate[];
  readonly languages: readonly LanguageLink[];
  /** The switcher's entry for this very page (marked `aria-current`); none on the home page. */
  readonly currentLanguage?: string;
  /** Past `OPEN_SWITCHER_LANGUAGES`, the switcher is a disclosure whose summary names this language. */
  readonly languageMenu?: LanguageRef;
}

/**
 * The most languages the switcher lists openly. Beyond them the list would fill a phone's first
 * screen before the title (47 names at 375 px), so it folds into a `<details>` disclosure.
 */
export const OPEN_SWITCHER_LANGUAGES = 6;

/**
 * The pages of one family (the same page in each language: one version, its changes, a history…)
 * share their alternates and switcher; only which entry is current differs. Built once per family
 * per page context: a large site has thirty languages and so sixty links on each of its pages.
 */
interface FamilyLanguages {
  readonly choices: LanguageChoices;
  readonly alternates: Alternate[];
  readonly languages: LanguageLink[];
}
const familyLanguages = new WeakMap<PageContext, Map<string, FamilyLanguages>>();

function familyKey(route: Route): string {
  const slug = "slug" in route ? route.slug : "";
  const updated = "updated" in route ? route.updated : "";
  return `${route.kind === "localeIndex" ? "home" : route.kind}\u0000${slug}\u0000${updated}`;
}

/**
 * A page's hreflang alternates and language switcher, from its language choices: the one way every
 * page kind (and the sitemap) gets them, so the two lists can never disagree.
 */
export function pageLanguages(context: PageContext, route: Route, pageLocale: string): PageLanguages {
  let families = familyLanguages.get(context);
  if (!families) familyLanguages.set(context, (families = new Map<string, FamilyLanguages>()));
  const key = familyKey(route);
  let family = families.get(key);
  if (!family) {
    const choices = languageChoices(context, route);
    if (!choices) throw new Error(`Internal error: page ${route.path} has no language choices.`);
    family = { choices, ...context.languageViews(choices.available, choices.xDefault) };
    families.set(key, family);
  }
  const current = family.choices.available.find((a) => a.locale === pageLocale && a.path === route.path);
  const folded = family.languages.length > OPEN_SWITCHER_LANGUAGES;
  return {
    alternates: family.alternates,
    languages: family.languages,
    ...(current && { currentLanguage: current.locale }),
    ...(folded && { languageMenu: context.ref(pageLocale) }),
  };
}
