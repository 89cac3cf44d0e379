/**
 * The ids a document page's own templates put on it: `templates/layouts/document.njk` with what it
 * extends and includes, and the cookie tables in its text (`partials/cookie-table.njk`). Keyed by
 * the id as the template writes it, with the values it can take; a test reads the templates and
 * fails when an id is added there and not here.
 */
/** The ids of the cookie tables Codicil writes into a document's text (`src/content/cookies/table.ts`). */
export const COOKIE_TABLE_ID = /^cookie-table_\d+_[a-z]+$/;

export const DOCUMENT_PAGE_IDS: ReadonlyMap<string, RegExp> = new Map([
  // The skip link's target (base.njk).
  ["main", /^main$/],
  ["document-title", /^document-title$/],
  ["toc-title", /^toc-title$/],
  // `cookie-table_<ordinal>_<category>` (src/content/cookies/table.ts): no heading slug has "_".
  ["{{ group.id }}", COOKIE_TABLE_ID],
]);

/** Whether the page around a document's text already uses `id`. */
export function isDocumentPageId(id: string): boolean {
  for (const pattern of DOCUMENT_PAGE_IDS.values()) if (pattern.test(id)) return true;
  return false;
}
