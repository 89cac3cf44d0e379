import type { Site, UntranslatedText } from "../model/site.ts";
import type { Translator } from "../i18n/translations.ts";
import { fallbackChain, sameLanguage } from "../i18n/locales.ts";
import { isMostlyUntranslated } from "../content/untranslated.ts";

/** `untranslated`: the newest version is there but mostly still the default language's text. */
export type TranslationState = "up-to-date" | "out-of-date" | "untranslated" | "missing";

export interface TranslationStatus {
  readonly document: string;
  readonly locale: string;
  readonly state: TranslationState;
  /** The newest version this language has, if any. */
  readonly newest?: string;
  /** Versions of the default language newer than that, oldest first. */
  readonly behind: readonly string[];
  /** When some of the newest version's paragraphs are the default language's word for word. */
  readonly untranslated?: UntranslatedText & { readonly file: string };
}

/**
 * Per document and language: does the translation have the newest version of the authoritative
 * text (upcoming versions included, since they should be translated before they take effect), and
 * is that text translated (content/untranslated.ts)?
 */
export function translationStatus(site: Site): TranslationStatus[] {
  const rows: TranslationStatus[] = [];
  for (const doc of site.documents) {
    for (const { code } of site.settings.locales) {
      if (code === site.settings.defaultLocale) continue;
      const lastOwn = doc.versions.findLastIndex((v) => code in v.translations);
      const behind = doc.versions.slice(lastOwn + 1).map((v) => v.label);
      const newest = lastOwn === -1 ? undefined : doc.versions[lastOwn];
      const translation = newest?.translations[code];
      const untranslated = translation?.untranslated;
      const state: TranslationState =
        lastOwn === -1 ? "missing" : behind.length > 0 ? "out-of-date" : untranslated && isMostlyUntranslated(untranslated) ? "untranslated" : "up-to-date";
      rows.push({
        document: doc.slug,
        locale: code,
        state,
        ...(newest !== undefined && { newest: newest.label }),
        behind,
        ...(translation && untranslated && untranslated.identical > 0 && { untranslated: { ...untranslated, file: translation.sourceFile } }),
      });
    }
  }
  return rows;
}

/** What a language lacks besides its documents: cookie purposes and UI strings shown in another language. */
export interface LanguageStatus {
  readonly locale: string;
  /** Cookies whose purpose, as it reads today, has no text in this language: where to add it. */
  readonly missingCookiePurposes: readonly { readonly cookie: string; readonly file: string; readonly line: number }[];
  /** UI string keys this language's pages show in another language. */
  readonly missingUiStrings: readonly string[];
}

export function languageStatus(site: Site, translator: Translator): LanguageStatus[] {
  const { defaultLocale } = site.settings;
  const rows: LanguageStatus[] = [];
  for (const { code } of site.settings.locales) {
    if (code === defaultLocale) continue;
    const own = fallbackChain(code, defaultLocale).filter((step) => sameLanguage(code, step));
    const registry = site.cookies;
    const missingCookiePurposes = (registry?.cookies ?? []).flatMap((cookie) => {
      if (cookie.until !== undefined) return [];
      const purpose = cookie.purposes.at(-1);
      if (!purpose || own.some((step) => purpose.text[step] !== undefined)) return [];
      return [{ cookie: `${cookie.service} (${cookie.names.join(", ")})`, file: registry?.file ?? "content/cookies.yaml", line: purpose.line }];
    });
    const missingUiStrings = translator.missingKeys(code);
    if (missingCookiePurposes.length > 0 || missingUiStrings.length > 0) rows.push({ locale: code, missingCookiePurposes, missingUiStrings });
  }
  return rows;
}

/** A plain-text table for the terminal. */
export function formatStatusTable(rows: readonly TranslationStatus[]): string {
  const header = ["document", "language", "status", "has", "missing versions", "untranslated"];
  const lines = rows.map((r) => [r.document, r.locale, r.state.replace(/-/g, " "), r.newest ?? "–", r.behind.join(", "), untranslatedCell(r.untranslated)]);
  const widths = header.map((h, i) => lines.reduce((width, l) => Math.max(width, (l[i] ?? "").length), h.length));
  return [header, ...lines].map((cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}

function untranslatedCell(text: TranslationStatus["untranslated"]): string {
  if (!text) return "";
  const percent = Math.round((100 * text.identical) / text.paragraphs);
  return `${text.identical} of ${text.paragraphs} paragraphs (${percent} %) from ${text.file}:${text.firstLine ?? 1}`;
}

/** Per language, what else it lacks, one line each; empty when nothing is missing. */
export function formatLanguageStatus(rows: readonly LanguageStatus[]): string {
  return rows
    .map((r) => {
      const parts: string[] = [];
      if (r.missingCookiePurposes.length > 0) {
        parts.push(`${r.missingCookiePurposes.length} cookie purpose${r.missingCookiePurposes.length === 1 ? "" : "s"} to translate (${r.missingCookiePurposes.map((c) => `${c.file}:${c.line} ${c.cookie}`).join("; ")})`);
      }
      if (r.missingUiStrings.length > 0) {
        const shown = r.missingUiStrings.slice(0, 5).join(", ") + (r.missingUiStrings.length > 5 ? `, and ${r.missingUiStrings.length - 5} more` : "");
        parts.push(`${r.missingUiStrings.length} UI string${r.missingUiStrings.length === 1 ? "" : "s"} shown in another language (${shown}; add them to locales/${r.locale}.json)`);
      }
      return `${r.locale}: ${parts.join("; ")}`;
    })
    .join("\n");
}
