import type { LegalDocument, Site, Translation, Version } from "../model/site.ts";
import { displayDate, type DisplayDate } from "../i18n/dates.ts";
import { languageNameInSentence } from "../i18n/locales.ts";
import { inForcePeriod, isStaleTranslation } from "../rules/version-order.ts";
import type { LanguageRef } from "./page-context.ts";
import { paths } from "../addresses/urls.ts";

/** When a version was in force (`inForcePeriod`), with its dates as the page's language writes them. */
export type PeriodView =
  | { readonly kind: "ended"; readonly from: DisplayDate; readonly until: DisplayDate }
  | { readonly kind: "never"; readonly replacedOn: DisplayDate }
  | { readonly kind: "current"; readonly since: DisplayDate }
  | { readonly kind: "upcoming"; readonly from: DisplayDate };

export function periodView(doc: LegalDocument, index: number, locale: string): PeriodView {
  const period = inForcePeriod(doc.versions, index);
  switch (period.kind) {
    case "ended":
      return { kind: "ended", from: displayDate(period.from, locale), until: displayDate(period.until, locale) };
    case "never":
      return { kind: "never", replacedOn: displayDate(period.replacedOn, locale) };
    case "current":
      return { kind: "current", since: displayDate(period.since, locale) };
    case "upcoming":
      return { kind: "upcoming", from: displayDate(period.from, locale) };
  }
}

/** A notice at the top of a version page (SPEC section 4). */
export type Notice =
  /**
   * An earlier version: not the one in force. `compareHref` leads to what changed since, when
   * the language has a later version in force to compare it with.
   */
  | { readonly kind: "older"; readonly latestHref: string; readonly period: PeriodView; readonly compareHref?: string }
  /** Not yet in force; `currentHref` is the version that is. */
  | { readonly kind: "upcoming"; readonly effective: DisplayDate; readonly currentHref?: string }
  /** On the page in force: a newer version has been published and takes effect later. */
  | { readonly kind: "announce"; readonly effective: DisplayDate; readonly href: string; readonly hrefLang?: LanguageRef }
  /** This language lags behind the authoritative one. */
  | {
      readonly kind: "stale";
      readonly href: string;
      readonly language: LanguageRef;
      /** The authoritative language's name in the page's language ("Englisch" on a German page). */
      readonly languageName: string;
      readonly currentLabel: string;
    };

/** Which notices a version page shows (SPEC section 4), in the order they are printed. */
export function noticesFor(
  site: Site,
  doc: LegalDocument,
  index: number,
  translation: Translation,
  isLanding: boolean,
  helpers: {
    link: (path: string) => string;
    ref: (code: string) => LanguageRef;
    /** The compare page of a version in a language, when it has one. */
    comparePath: (index: number, locale: string) => string | undefined;
  },
): Notice[] {
  const { locale } = translation;
  const { defaultLocale } = site.settings;
  const version = doc.versions[index] as Version;
  const landing = doc.landingIndex[locale];
  const landingPath = paths.document(locale, doc.slug);
  const notices: Notice[] = [];
  const stale = landing === index && locale !== defaultLocale && isStaleTranslation(index, doc.currentIndex);

  if (version.status === "upcoming") {
    notices.push({
      kind: "upcoming",
      effective: displayDate(version.effective, locale),
      ...(landing !== undefined && landing !== index && { currentHref: helpers.link(landingPath) }),
    });
  } else if (stale) {
    const current = doc.versions[doc.currentIndex ?? index] as Version;
    // On its dated page it is also simply an earlier version; the newest is in the default language.
    if (!isLanding) notices.push({ kind: "older", latestHref: helpers.link(paths.document(defaultLocale, doc.slug)), period: periodView(doc, index, locale) });
    notices.push({
      kind: "stale",
      href: helpers.link(paths.document(defaultLocale, doc.slug)),
      language: helpers.ref(defaultLocale),
      languageName: languageNameInSentence(locale, defaultLocale, site.settings.locales.map((l) => l.code)),
      currentLabel: current.label,
    });
  } else if (version.status === "older") {
    const explicit = translation.latestVersion;
    const comparePath = helpers.comparePath(index, locale);
    notices.push({
      kind: "older",
      latestHref: explicit === undefined ? helpers.link(landingPath) : explicit.startsWith("/") ? helpers.link(explicit) : explicit,
      period: periodView(doc, index, locale),
      ...(comparePath !== undefined && { compareHref: helpers.link(comparePath) }),
    });
  }

  // The page in force announces the next version, in this language when it exists.
  const next = doc.versions.findIndex((v) => v.status === "upcoming");
  const showsVersionInForce = version.status === "current" || (isLanding && version.status !== "upcoming");
  const nextVersion = doc.versions[next];
  if (nextVersion && showsVersionInForce && next > index) {
    const hasOwn = locale in nextVersion.translations;
    notices.push({
      kind: "announce",
      effective: displayDate(nextVersion.effective, locale),
      href: helpers.link(paths.version(hasOwn ? locale : defaultLocale, doc.slug, nextVersion.updated)),
      ...(!hasOwn && { hrefLang: helpers.ref(defaultLocale) }),
    });
  }
  return notices;
}
