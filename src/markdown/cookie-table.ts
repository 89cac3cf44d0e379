import type { MarkdownIt, StateBlock, StateCore, Token } from "markdown-it";
import { COOKIE_CATEGORIES, COOKIE_REGISTRY_FILE, isCookieCategory, type CookieCategory } from "../model/cookies.ts";
import { error, warning, type Problem } from "../core/problems.ts";

/**
 * `{% cookieTable %}` and `{% cookieTable "analytics" %}` in legal Markdown (SPEC section 5).
 * Documents are never run through Nunjucks (a literal `{{` in a policy stays literal), so the tag
 * is a markdown-it block rule that recognises exactly this one line and nothing else; the table
 * itself comes from a hook the loader passes in, rendered by a template.
 */

/** HTML for the tables a tag asks for; `ordinal` (1, 2, … per document) keeps ids unique. */
export type CookieTableHook = (category: CookieCategory | undefined, ordinal: number) => string;

/** What this plugin reads from markdown-it's env; the renderer's env carries all of it. */
interface CookieTableEnv {
  readonly file: string;
  readonly bodyLine: number;
  readonly problems: Problem[];
  /** Undefined when the site has no cookie registry: a tag is then an error. */
  readonly cookieTable?: CookieTableHook;
}

interface CookieTableMeta {
  readonly category?: CookieCategory;
  readonly ordinal: number;
}

export type CookieTableTag = { readonly category?: CookieCategory } | { readonly problem: string };

const SYNTAX = '{% cookieTable %} for every cookie or {% cookieTable "analytics" %} for one category';
/** Anything an editor may have meant as the tag, so that a typo is an error rather than text. */
const LOOKS_LIKE_TAG = /^\{%-?\s*cookie[-_ ]?tables?\b/i;
const TAG = /^\{%\s*cookieTable(?:\s+(?:"([^"]*)"|'([^']*)'))?\s*%\}$/;
const TAG_IN_TEXT = /\{%-?\s*cookie[-_ ]?tables?\b/i;

/** A line that is nothing but a cookie table tag, written as it should be. */
export function isCookieTableLine(line: string): boolean {
  return TAG.test(line.trim());
}

/** The tag on one line: undefined when the line is not meant as one, a problem when it is wrong. */
export function parseCookieTableTag(line: string): CookieTableTag | undefined {
  const text = line.trim();
  if (!LOOKS_LIKE_TAG.test(text)) return undefined;
  const match = TAG.exec(text);
  if (!match) return { problem: `"${text}" is not a cookie table tag; write ${SYNTAX}, alone on its line.` };
  const category = match[1] ?? match[2];
  if (category === undefined) return {};
  if (isCookieCategory(category)) return { category };
  const meant = category.trim().toLowerCase();
  return {
    problem: isCookieCategory(meant)
      ? `write the cookie category as "${meant}" in {% cookieTable "${meant}" %}.`
      : `unknown cookie category "${category}" in {% cookieTable %}; use one of ${COOKIE_CATEGORIES.join(", ")}, or leave it out to show every category.`,
  };
}

export function cookieTablePlugin(md: MarkdownIt): void {
  // Like a fenced code block, the tag may interrupt a paragraph or list, so it needs no blank lines.
  md.block.ruler.before("table", "cookie_table", cookieTableBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.cookie_table = (tokens, idx, _options, env) => {
    const meta = tokens[idx]?.meta as CookieTableMeta | undefined;
    return meta ? ((env as CookieTableEnv).cookieTable?.(meta.category, meta.ordinal) ?? "") : "";
  };
  md.core.ruler.push("cookie_table_in_text", (state: StateCore) => {
    warnAboutTagsInText(state.tokens, state.env as CookieTableEnv);
  });
}

function cookieTableBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  // Four spaces of indent make a code block, whose text stays literal.
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  if (state.src.charCodeAt(start) !== 0x7b /* { */) return false;
  const tag = parseCookieTableTag(state.src.slice(start, state.eMarks[startLine]));
  if (!tag) return false;
  if (silent) return true;

  const env = state.env as unknown as CookieTableEnv;
  const line = env.bodyLine + startLine;
  state.line = startLine + 1;
  if ("problem" in tag) {
    env.problems.push(error(env.file, line, tag.problem));
    return true;
  }
  if (!env.cookieTable) {
    env.problems.push(
      error(env.file, line, `{% cookieTable %} needs ${COOKIE_REGISTRY_FILE}, which does not exist; create it with the site's cookies (see docs/cookies.md).`),
    );
  }
  // Nested blocks (list items, quotes) share the state's token list, so this counts the document.
  const ordinal = state.tokens.filter((t) => t.type === "cookie_table").length + 1;
  const token = state.push("cookie_table", "", 0);
  token.map = [startLine, state.line];
  token.block = true;
  token.meta = { ...(tag.category !== undefined && { category: tag.category }), ordinal } satisfies CookieTableMeta;
  return true;
}

/** A tag inside a sentence is printed as it is; tell the editor rather than publish `{%` text. */
function warnAboutTagsInText(tokens: readonly Token[], env: CookieTableEnv): void {
  const report = (line: number) =>
    env.problems.push(warning(env.file, line, `the cookie table tag is printed as text here; write ${SYNTAX} alone on its own line.`));
  for (const token of tokens) {
    const line = env.bodyLine + (token.map?.[0] ?? 0);
    if (token.type === "html_block" && TAG_IN_TEXT.test(token.content)) report(line + lineIndexOf(token.content));
    if (token.type !== "inline" || !token.children) continue;
    let childLine = line;
    for (const child of token.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") childLine++;
      else if (child.type === "text" && TAG_IN_TEXT.test(child.content)) report(childLine);
    }
  }
}

function lineIndexOf(text: string): number {
  const index = text.search(TAG_IN_TEXT);
  return text.slice(0, index).split("\n").length - 1;
}
