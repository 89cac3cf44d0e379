import nunjucks from "nunjucks";
import { sameLanguage, textDirection } from "../i18n/locales.ts";
import type { Translator } from "../i18n/translations.ts";

/** Codicil's partial that prints a UI string in its own language; a site may override it. */
const FOREIGN_STRING_TEMPLATE = "partials/foreign-string.njk";

/** Per environment: language and text of a fallback string → its marked HTML. */
let markedStrings = new WeakMap<nunjucks.Environment, Map<string, nunjucks.runtime.SafeString>>();

/**
 * The template filters for UI strings. `t`, for element content: a string found in another
 * language than the page (an English fallback on a Thai page) is printed through
 * `partials/foreign-string.njk` with its own `lang` and `dir`, so screen readers speak it in its
 * language and right-to-left pages do not reorder it; any other string is plain text that
 * autoescape escapes as usual. `tText`, for attributes, `<title>` and feeds, where no element can
 * go: always plain text.
 */
export function uiStringFilters(environment: nunjucks.Environment, translator: () => Translator) {
  const sameAsPage = new Map<string, boolean>();
  return {
    t: (key: string, locale: string, values?: Record<string, unknown>): string | nunjucks.runtime.SafeString => {
      const { text, language } = translator().resolve(locale, key, values);
      if (language === locale) return text;
      const pair = `${locale}\u0000${language}`;
      let same = sameAsPage.get(pair);
      if (same === undefined) sameAsPage.set(pair, (same = sameLanguage(locale, language)));
      if (same) return text;
      let byText = markedStrings.get(environment);
      if (!byText) markedStrings.set(environment, (byText = new Map<string, nunjucks.runtime.SafeString>()));
      const cacheKey = `${language}\u0000${text}`;
      let html = byText.get(cacheKey);
      if (html === undefined) {
        html = new nunjucks.runtime.SafeString(environment.render(FOREIGN_STRING_TEMPLATE, { text, language, dir: textDirection(language) }).trim());
        byText.set(cacheKey, html);
      }
      return html;
    },
    tText: (key: string, locale: string, values?: Record<string, unknown>): string => translator().t(locale, key, values),
  };
}

/** Templates were read again (`reloadSharedTemplates`): so is the partial fallback strings print through. */
export function forgetMarkedStrings(): void {
  markedStrings = new WeakMap();
}
