import type { MarkdownIt, Token } from "markdown-it";
import { isDocumentPageId } from "./page-ids.ts";
import { slugify } from "./slugify.ts";

/**
 * Stable ids on `##`…`######` headings and, after each, a permalink that screen readers announce
 * by name ("Link to the section “Scope”") while sighted readers see `#`.
 *
 * This replaces markdown-it-anchor, which we used first: its permalinks splice tokens and then
 * search the whole token list again for every heading, quadratic in the number of headings
 * (docs/performance.md). Here ids are assigned in one pass and the permalink is written by renderer
 * rules, linear in the size of the document; the markup is the same.
 */
export interface HeadingAnchorEnv {
  /** Localized label for the permalink of the heading with this text. */
  readonly permalinkLabel: (headingText: string) => string;
  /** Ids the author set in attribute lists (`attribute-lists.ts`): kept, and never generated again. */
  readonly explicitIds?: readonly { readonly id: string }[];
}

const LEVELS = new Set(["h2", "h3", "h4", "h5", "h6"]);

/** The heading's plain text, as readers see it (markup dropped). */
export function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("")
    .trim();
}

export function headingAnchorsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("codicil_heading_anchors", (state) => {
    const tokens = state.tokens;
    const used = new Set<string>((state.env as HeadingAnchorEnv).explicitIds?.map((explicit) => explicit.id));
    const nextSuffix = new Map<string, number>();
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i] as Token;
      if (open.type !== "heading_open" || !LEVELS.has(open.tag)) continue;
      const text = headingText(tokens[i + 1]);
      const explicit = open.attrGet("id");
      if (explicit !== null) {
        // `## Heading {#id}`: the author's id replaces the slug.
        open.attrSet("tabindex", "-1");
        const close = tokens[i + 2];
        if (close?.type === "heading_close") close.meta = { anchorId: String(explicit), headingText: text };
        continue;
      }
      const base = slugify(text);
      let id = base;
      // Repeated headings get -1, -2… as markdown-it-anchor did; the counter keeps this linear. A
      // heading whose slug the page itself uses (`## Main`, the skip link's target) starts at -1.
      while (used.has(id) || isDocumentPageId(id)) {
        const suffix = nextSuffix.get(base) ?? 1;
        nextSuffix.set(base, suffix + 1);
        id = `${base}-${suffix}`;
      }
      used.add(id);
      open.attrSet("id", id);
      // Focus moves to the heading when a reader follows a link to it.
      open.attrSet("tabindex", "-1");
      const close = tokens[i + 2];
      if (close?.type === "heading_close") close.meta = { anchorId: id, headingText: text };
    }
  });

  const { escapeHtml } = md.utils;
  md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx] as Token;
    const wrap = LEVELS.has(token.tag) && token.attrGet("id") !== null;
    return `${wrap ? '<div class="heading">\n' : ""}${self.renderToken(tokens, idx, options)}`;
  };
  md.renderer.rules.heading_close = (tokens, idx, options, env, self) => {
    const token = tokens[idx] as Token;
    const closing = self.renderToken(tokens, idx, options);
    const meta = token.meta as { anchorId?: string; headingText?: string } | null;
    if (!meta?.anchorId) return closing;
    const label = (env as unknown as HeadingAnchorEnv).permalinkLabel(meta.headingText ?? "");
    return `${closing}<a class="heading-permalink" href="#${escapeHtml(meta.anchorId)}"><span class="visually-hidden">${escapeHtml(label)}</span> <span aria-hidden="true">#</span></a></div>\n`;
  };
}
