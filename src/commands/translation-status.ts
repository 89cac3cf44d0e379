import type { Site } from "../model/site.ts";

export type TranslationState = "up-to-date" | "out-of-date" | "missing";

export interface TranslationStatus {
  readonly document: string;
  readonly locale: string;
  readonly state: TranslationState;
  /** The newest version this language has, if any. */
  readonly newest?: string;
  /** Versions of the default language newer than that, oldest first. */
  readonly behind: readonly string[];
}

/**
 * Per document and language: does the translation have the newest version of the authoritative
 * text (upcoming versions included, since they should be translated before they take effect)?
 */
export function translationStatus(site: Site): TranslationStatus[] {
  const rows: TranslationStatus[] = [];
  for (const doc of site.documents) {
    for (const { code } of site.settings.locales) {
      if (code === site.settings.defaultLocale) continue;
      const lastOwn = doc.versions.findLastIndex((v) => code in v.translations);
      const behind = doc.versions.slice(lastOwn + 1).map((v) => v.label);
      const newest = lastOwn === -1 ? undefined : doc.versions[lastOwn]?.label;
      rows.push({
        document: doc.slug,
        locale: code,
        state: lastOwn === -1 ? "missing" : behind.length > 0 ? "out-of-date" : "up-to-date",
        ...(newest !== undefined && { newest }),
        behind,
      });
    }
  }
  return rows;
}

/** A plain-text table for the terminal. */
export function formatStatusTable(rows: readonly TranslationStatus[]): string {
  const header = ["document", "language", "status", "has", "missing versions"];
  const lines = rows.map((r) => [r.document, r.locale, r.state.replace(/-/g, " "), r.newest ?? "–", r.behind.join(", ")]);
  const widths = header.map((h, i) => lines.reduce((width, l) => Math.max(width, (l[i] ?? "").length), h.length));
  return [header, ...lines].map((cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}
