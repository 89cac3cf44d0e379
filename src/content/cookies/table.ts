import type { LocaleSettings } from "../../model/settings.ts";
import { fallbackChain, sameLanguage, textDirection } from "../../i18n/locales.ts";
import type { Translator } from "../../i18n/translations.ts";
import type { CookieTableHook } from "../../markdown/cookie-table.ts";
import { warning, type Problem } from "../../core/problems.ts";
import { createTemplateEnvironment } from "../../templating/environment.ts";
import { uiStringFilters } from "../../templating/ui-strings.ts";
import { COOKIE_ROW_FORMAT, sha256 } from "../published-lock.ts";
import { durationText, durationUnits, type CookieDuration } from "../../rules/cookie-duration.ts";
import type { IsoDate } from "../../rules/dates.ts";
import { COOKIE_CATEGORIES, type Cookie, type CookieCategory, type CookiePurpose, type CookieRegistry } from "../../model/cookies.ts";
import { cookiesOn, registryStateOn, type CookieOnDate } from "./dates.ts";

/**
 * The view a `{% cookieTable %}` tag is rendered from: one table per category, every text already
 * in the page's language, so the template (templates/partials/cookie-table.njk) only places it.
 */
export interface CookieTableView {
  readonly locale: string;
  /** Categories that have cookies, in the order of COOKIE_CATEGORIES. */
  readonly groups: readonly CookieGroupView[];
  /** Said instead of a table when no cookie matches the tag. */
  readonly empty?: string;
  readonly emptyLang?: ForeignLabel;
}

/**
 * The language of a label found down the fallback chain in another language than the page's (an
 * English "Third party" on a Thai page), for its element's `lang` and `dir`, as the `t` filter marks
 * UI strings; undefined for a label in the page's language.
 */
export interface ForeignLabel {
  readonly lang: string;
  readonly dir: "ltr" | "rtl";
}

export interface CookieGroupView {
  /** Of the category's name in the caption, which also labels the scrolling region. */
  readonly id: string;
  readonly category: CookieCategory;
  readonly name: string;
  readonly nameLang?: ForeignLabel;
  readonly description: string;
  readonly descriptionLang?: ForeignLabel;
  readonly rows: readonly CookieRowView[];
}

export interface CookieRowView {
  readonly service: string;
  readonly names: readonly string[];
  /** `lang` (and `dir` where it differs from the page's) only when the text is a fallback. */
  readonly purpose: { readonly text: string; readonly lang?: string; readonly dir?: "ltr" | "rtl" };
  readonly party: string;
  readonly partyLang?: ForeignLabel;
  readonly duration: string;
  readonly durationLang?: ForeignLabel;
  readonly policy?: string;
}

/** A purpose shown in another language than the page's, to be reported once. */
export interface PurposeFallback {
  readonly cookie: Cookie;
  readonly purpose: CookiePurpose;
  readonly locale: string;
  readonly shown: string;
}

export interface CookieTableOptions {
  readonly registry: CookieRegistry;
  readonly translator: Translator;
  readonly locales: readonly LocaleSettings[];
  readonly defaultLocale: string;
}

/**
 * Pure: the tables for one tag on one page. Ids carry an underscore, which heading slugs never
 * contain (src/markdown/slugify.ts), and the tag's ordinal, so two tables of one category on a
 * page still differ.
 */
export function cookieTableView(
  options: CookieTableOptions,
  use: CookieTableUse,
): { view: CookieTableView; fallbacks: PurposeFallback[]; facts: [entry: string, facts: string][] } {
  const { registry, translator } = options;
  const { locale, category, ordinal, date } = use;
  const t = (key: string, values?: Record<string, unknown>) => translator.t(locale, key, values);
  const foreign = (language: string): ForeignLabel | undefined => (sameLanguage(locale, language) ? undefined : { lang: language, dir: textDirection(language) });
  /** A label and, when it is in another language than the page, that language (`ForeignLabel`). */
  const label = (key: string, values?: Record<string, unknown>): [string, ForeignLabel | undefined] => {
    const { text, language } = translator.resolve(locale, key, values);
    return [text, foreign(language)];
  };
  /** A duration: in the language its words were found in, said whole in that language when it is not the page's. */
  const duration = (d: CookieDuration): [string, ForeignLabel | undefined] => {
    const keys = d.kind === "session" ? [["cookies.duration.session", undefined] as const] : durationUnits(d.parts).map(({ unit, count }) => [`cookies.duration.${unit}`, { count }] as const);
    const languages = new Set(keys.map(([key, values]) => translator.resolve(locale, key, values).language));
    const [language] = languages;
    const other = languages.size === 1 && language !== undefined ? foreign(language) : undefined;
    return [durationText(d, other ? other.lang : locale, translator), other];
  };
  const directions = new Map(options.locales.map((l) => [l.code, l.dir]));
  const pageDir = directions.get(locale) ?? "ltr";
  const fallbacks: PurposeFallback[] = [];
  // What the registry says of each row, not its rendered labels: the lock compares these, so a new
  // translation of "Third party" or "1 year" is a rendering change, never a registry change.
  const facts: [string, string][] = [];

  const row = ({ cookie, purpose }: CookieOnDate): CookieRowView => {
    const shown = fallbackChain(locale, options.defaultLocale).find((code) => purpose.text[code] !== undefined) ?? options.defaultLocale;
    const purposeDir = directions.get(shown) ?? "ltr";
    if (shown !== locale) fallbacks.push({ cookie, purpose, locale, shown });
    facts.push([cookieEntryName(cookie), JSON.stringify([cookie.category, cookie.service, cookie.names, shown, purpose.text[shown] ?? "", cookie.party, cookie.duration, cookie.policy ?? null])]);
    return {
      service: cookie.service,
      names: cookie.names,
      purpose: {
        text: purpose.text[shown] ?? "",
        ...(shown !== locale && { lang: shown }),
        ...(shown !== locale && purposeDir !== pageDir && { dir: purposeDir }),
      },
      ...labelled("party", label(`cookies.party.${cookie.party}`)),
      ...labelled("duration", duration(cookie.duration)),
      ...(cookie.policy !== undefined && { policy: cookie.policy }),
    };
  };

  const setThen = cookiesOn(registry, date);
  const groups = (category === undefined ? COOKIE_CATEGORIES : [category]).flatMap((c): CookieGroupView[] => {
    const cookies = setThen.filter(({ cookie }) => cookie.category === c);
    if (cookies.length === 0) return [];
    return [
      {
        id: `cookie-table_${ordinal}_${c}`,
        category: c,
        ...labelled("name", label(`cookies.category.${c}.name`)),
        ...labelled("description", label(`cookies.category.${c}.description`)),
        rows: cookies.map(row),
      },
    ];
  });
  const empty: [string, ForeignLabel | undefined] | undefined =
    groups.length > 0 ? undefined : category === undefined ? label("cookies.empty.all") : label("cookies.empty.category", { category: t(`cookies.category.${category}.name`) });
  return { view: { locale, groups, ...(empty !== undefined && labelled("empty", empty)) }, fallbacks, facts };
}

/** `{ name: text }`, with `nameLang` when the text is in another language than the page's. */
function labelled<N extends string>(name: N, [text, lang]: [string, ForeignLabel | undefined]): Record<N, string> & Partial<Record<`${N}Lang`, ForeignLabel>> {
  return { [name]: text, ...(lang && { [`${name}Lang`]: lang }) } as Record<N, string> & Partial<Record<`${N}Lang`, ForeignLabel>>;
}

/** One `{% cookieTable %}` as a document uses it: its language, category, ordinal and date. */
export interface CookieTableUse {
  readonly locale: string;
  readonly category: CookieCategory | undefined;
  readonly ordinal: number;
  /** The effective date of the version whose page shows it: the table shows the registry as of that day. */
  readonly date: IsoDate;
}

export interface CookieTables {
  /** The hook the Markdown renderer calls for each tag in a version, in `locale`, effective on `date`. */
  forVersion(locale: string, date: IsoDate): CookieTableHook;
  /** One warning per cookie and language shown with a fallback purpose in the given tables (those one document uses). */
  fallbackWarnings(tables: readonly CookieTableUse[]): Problem[];
  /** Each row the given tables (one file's) show: registry entry → fingerprint of the row and the entry's line, for the lock. */
  rowFingerprints(tables: readonly CookieTableUse[]): Record<string, CookieRowFingerprint>;
}

export interface CookieRowFingerprint {
  /** SHA-256 of the row as shown, shortened: enough to tell that a row changed. */
  readonly sha: string;
  /** Line of the entry in the registry file. */
  readonly line: number;
}

/** How a registry entry is named in the lock and in messages. */
export const cookieEntryName = (cookie: Pick<Cookie, "service" | "names">): string => `${cookie.service} (${cookie.names.join(", ")})`;


/**
 * Renders tables at load time, before Eleventy runs (documents are rendered once, into the model),
 * through the same template search path and with the same `t` filter as the pages.
 */
export function createCookieTables(options: CookieTableOptions & { readonly templateDirs: readonly string[] }): CookieTables {
  const environment = createTemplateEnvironment(options.templateDirs);
  // The pages' `t`: a column heading found in another language than the page's says which.
  environment.addFilter("t", uiStringFilters(environment, () => options.translator).t);
  const fallbacksByTable = new Map<string, readonly PurposeFallback[]>();
  const rowsByTable = new Map<string, Record<string, CookieRowFingerprint>>();
  const lineOf = new Map(options.registry.cookies.map((cookie) => [cookieEntryName(cookie), cookie.line]));
  // A table depends on its language, category, place and what the registry says on its date, not
  // on the date itself: versions on dates with the same registry share one rendering.
  const states = new Map<string, string>();
  const stateOn = (date: IsoDate) => states.get(date) ?? states.set(date, registryStateOn(options.registry, date)).get(date) ?? "";
  const tableKey = (use: CookieTableUse) => `${use.locale} ${stateOn(use.date)} ${use.category ?? ""} ${use.ordinal}`;
  const htmlByTable = new Map<string, string>();

  return {
    forVersion: (locale, date) => (category, ordinal) => {
      const use = { locale, category, ordinal, date };
      const key = tableKey(use);
      const known = htmlByTable.get(key);
      if (known !== undefined) return known;
      const { view, fallbacks: found, facts } = cookieTableView(options, use);
      fallbacksByTable.set(key, found);
      const rows = facts.map(([name, shown]) => [name, { sha: `${COOKIE_ROW_FORMAT}${sha256(shown).slice(0, 16)}`, line: lineOf.get(name) ?? 1 }] as const);
      rowsByTable.set(key, Object.fromEntries(rows));
      const html = environment.render("partials/cookie-table.njk", { table: view });
      htmlByTable.set(key, html);
      return html;
    },
    rowFingerprints: (tables) => Object.assign({}, ...tables.map((use) => rowsByTable.get(tableKey(use)) ?? {})) as Record<string, CookieRowFingerprint>,
    fallbackWarnings(tables) {
      const fallbacks = new Map<string, PurposeFallback>();
      for (const fallback of tables.flatMap((use) => fallbacksByTable.get(tableKey(use)) ?? [])) fallbacks.set(`${fallback.purpose.line} ${fallback.locale}`, fallback);
      const localeOrder = options.locales.map((l) => l.code);
      return [...fallbacks.values()]
        .sort(
          (a, b) =>
            a.purpose.line - b.purpose.line ||
            localeOrder.indexOf(a.locale) - localeOrder.indexOf(b.locale),
        )
        .map(({ cookie, purpose, locale, shown }) =>
          warning(
            options.registry.file,
            purpose.line,
            `purpose of ${cookie.service} (${cookie.names.join(", ")}) has no ${locale} text, so ${locale} cookie tables show the ${shown} text; add "${locale}: …" under purpose.`,
          ),
        );
    },
  };
}
