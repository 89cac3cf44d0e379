import type { LegalDocument } from "../model/site.ts";
import type { Alternate, LanguageLink, PageContext } from "./page-context.ts";
import type { Route } from "../addresses/routes.ts";
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
  switch (route.kind) {
    case "home":
    case "localeIndex":
      return { available: settings.locales.map((l) => ({ locale: l.code, path: paths.localeIndex(l.code) })), xDefault: paths.home() };
    case "document": {
      const doc = context.document(route.slug);
      return { available: documentLocales(context, doc, (l) => paths.document(l, doc.slug)), xDefault: paths.document(defaultLocale, doc.slug) };
    }
    case "version": {
      const doc = context.document(route.slug);
      const version = doc.versions.find((v) => v.updated === route.updated);
      if (!version) throw new Error(`Internal error: route ${route.path} has no version in the model.`);
      return {
        available: settings.locales.filter((l) => l.code in version.translations).map((l) => ({ locale: l.code, path: paths.version(l.code, doc.slug, version.updated) })),
        xDefault: paths.version(defaultLocale, doc.slug, version.updated),
      };
    }
    case "history": {
      const doc = context.document(route.slug);
      return { available: documentLocales(context, doc, (l) => paths.history(l, doc.slug)), xDefault: paths.history(defaultLocale, doc.slug) };
    }
    case "changes": {
      const doc = context.document(route.slug);
      const version = doc.versions.find((v) => v.updated === route.updated);
      if (!version) throw new Error(`Internal error: route ${route.path} has no version in the model.`);
      // Other languages have this page when they have this version and an earlier one.
      const available = settings.locales
        .filter((l) => l.code in version.translations && doc.versions.some((v) => v.updated < version.updated && l.code in v.translations))
        .map((l) => ({ locale: l.code, path: paths.changes(l.code, doc.slug, version.updated) }));
      const xDefault = available.find((a) => a.locale === defaultLocale) ?? available[0];
      return { available, xDefault: xDefault?.path ?? route.path };
    }
    default:
      return undefined;
  }
}

/** A page's hreflang alternates and language switcher, and which entry of the switcher it is. */
export interface PageLanguages {
  readonly alternates: readonly Alternate[];
  readonly languages: readonly LanguageLink[];
  /** The switcher's entry for this very page (marked `aria-current`); none on the home page. */
  readonly currentLanguage?: string;
}

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
  return { alternates: family.alternates, languages: family.languages, ...(current && { currentLanguage: current.locale }) };
}

/** The locales (in switcher order) in which a document has a version, with the path there. */
function documentLocales(context: PageContext, doc: LegalDocument, pathIn: (locale: string) => string): { locale: string; path: string }[] {
  return context.site.settings.locales.filter((l) => doc.landingIndex[l.code] !== undefined).map((l) => ({ locale: l.code, path: pathIn(l.code) }));
}
