import type { LegalDocument } from "../content/model.ts";
import type { Alternate, LanguageLink, PageContext } from "./page-context.ts";
import type { Route } from "./routes.ts";
import { paths } from "./urls.ts";

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

/**
 * A page's hreflang alternates and language switcher, from its language choices: the one way every
 * page kind (and the sitemap) gets them, so the two lists can never disagree.
 */
export function pageLanguages(context: PageContext, route: Route, pageLocale: string): { alternates: Alternate[]; languages: LanguageLink[] } {
  const choices = languageChoices(context, route);
  if (!choices) throw new Error(`Internal error: page ${route.path} has no language choices.`);
  return context.languageViews(route.path, pageLocale, choices.available, choices.xDefault);
}

/** The locales (in switcher order) in which a document has a version, with the path there. */
function documentLocales(context: PageContext, doc: LegalDocument, pathIn: (locale: string) => string): { locale: string; path: string }[] {
  return context.site.settings.locales.filter((l) => doc.landingIndex[l.code] !== undefined).map((l) => ({ locale: l.code, path: pathIn(l.code) }));
}
