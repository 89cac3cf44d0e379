import nunjucks from "nunjucks";

/** A run of words of a compared text (`Segment` in src/diff/changes.ts). */
export interface MarkedWords {
  readonly kind: "same" | "inserted" | "deleted";
  readonly text: string;
}

/** The `t` filter: a UI string as plain text, or as markup when it says its own language. */
export type UiString = (key: string, locale: string) => string | nunjucks.runtime.SafeString;

/** What Nunjucks' autoescape makes of each character it escapes (a test compares the two). */
const ESCAPED: Readonly<Record<string, string>> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;", "\\": "&#92;" };
export const escapeAsNunjucks = (text: string) => text.replace(/[&"'<>\\]/g, (c) => ESCAPED[c] ?? c);

const asHtml = (value: string | nunjucks.runtime.SafeString) => (typeof value === "string" ? escapeAsNunjucks(value) : value.toString());

/**
 * `{{ segments | redlineWords(locale) }}`: the words of a compared paragraph, list item or table
 * cell, insertions in `<ins>` and deletions in `<del>`, each with words for screen readers and
 * print around it, so colour is never needed. Written here rather than as a template loop because
 * a changes page has thousands of word runs, and a Nunjucks loop step with its four UI strings
 * for each was the largest cost of those pages (measured in docs/performance.md). `macros/changes.njk`'s `inserted` and `deleted`
 * (changed link targets) print through it too, so this is the one place of the markup.
 */
export function redlineWords(segments: readonly MarkedWords[], locale: string, t: UiString): nunjucks.runtime.SafeString {
  let html = "";
  let marks: { ins: readonly [string, string]; del: readonly [string, string] } | undefined;
  for (const segment of segments) {
    const text = escapeAsNunjucks(segment.text);
    if (segment.kind === "same") {
      html += text;
      continue;
    }
    marks ??= {
      ins: [asHtml(t("changes.insertedStart", locale)), asHtml(t("changes.insertedEnd", locale))],
      del: [asHtml(t("changes.deletedStart", locale)), asHtml(t("changes.deletedEnd", locale))],
    };
    const [tag, [start, end]] = segment.kind === "inserted" ? ["ins", marks.ins] : ["del", marks.del];
    html += `<${tag}><span class="visually-hidden">${start}</span>${text}<span class="visually-hidden">${end}</span></${tag}>`;
  }
  return new nunjucks.runtime.SafeString(html);
}
