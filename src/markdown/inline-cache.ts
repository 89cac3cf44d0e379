import type { MarkdownIt, StateCore, Token } from "markdown-it";
import inline from "markdown-it/lib/rules_core/inline.mjs";
import linkify from "markdown-it/lib/rules_core/linkify.mjs";
import replacements from "markdown-it/lib/rules_core/replacements.mjs";
import smartquotes from "markdown-it/lib/rules_core/smartquotes.mjs";
import textJoin from "markdown-it/lib/rules_core/text_join.mjs";

/**
 * Each version of a document repeats most of the one before it: a revision rewrites a section or
 * two. So most paragraphs of a document's files were parsed before, in an earlier version of the
 * same language. What markdown-it makes of a paragraph's text (emphasis, code, links, bare
 * addresses found by linkify: the tokens inside it) depends only on that text, the parser's
 * options and the link reference definitions (`[label]: url`) of its file; so within one document,
 * each text is parsed once and later files reuse its tokens. A file that defines link
 * references is parsed in full, as if there were no cache. In a document of the bench's large
 * site, nearly nine paragraphs in ten come from the cache (docs/performance-history.md).
 */
export interface InlineCache {
  /** A paragraph's text → its tokens as the core rules leave them, before Codicil's rules. */
  readonly tokens: Map<string, readonly Token[]>;
  /** A paragraph's text → the plain text readers see (`textSections`). */
  readonly plainText: Map<string, string>;
}

export function newInlineCache(): InlineCache {
  return { tokens: new Map(), plainText: new Map() };
}

/** The part of a render's `env` this plugin reads; markdown-it's reference rule sets `references`. */
interface CachingEnv {
  readonly inlineCache?: InlineCache;
  readonly references?: Readonly<Record<string, unknown>>;
}

/** The render's cache, unless there is none or the file defines link references. */
export function usableInlineCache(env: unknown): InlineCache | undefined {
  const { inlineCache, references } = env as CachingEnv;
  if (!inlineCache || (references && Object.keys(references).length > 0)) return undefined;
  return inlineCache;
}

/** markdown-it's own core rules from `inline` to `text_join`, in its order. */
const PARAGRAPH_RULES = [inline, linkify, replacements, smartquotes, textJoin];

/**
 * The tokens something writes into after this rule: Codicil's link check gives a site-root link
 * the site's path prefix, and markdown-it's image renderer sets the alt attribute. Each file gets
 * its own copy of these; the other tokens of a cached paragraph are shared, and frozen, so that a
 * rule that starts writing into them fails at once instead of changing other files' text.
 */
const WRITTEN_INTO = new Set(["link_open", "image"]);

/**
 * Replaces markdown-it's core rules that build a paragraph's tokens (`inline` and the ones after
 * it up to `text_join`) with one rule that runs them on the paragraphs the cache does not know,
 * and reuses the tokens of the ones it does.
 */
export function inlineCachePlugin(md: MarkdownIt): void {
  md.core.ruler.at("inline", (state: StateCore) => {
    const cache = usableInlineCache(state.env);
    if (!cache) {
      for (const rule of PARAGRAPH_RULES) rule(state);
      return;
    }
    const unseen: Token[] = [];
    for (const token of state.tokens) {
      if (token.type !== "inline") continue;
      const known = cache.tokens.get(token.content);
      if (known) token.children = known.map((child) => (WRITTEN_INTO.has(child.type) ? copyToken(child) : child));
      else unseen.push(token);
    }
    if (unseen.length === 0) return;
    // The same rules, on a state that holds only the unseen paragraphs (as the rules only read
    // `tokens`, `md`, `env` and `Token` from it).
    const part = Object.create(state, { tokens: { value: unseen } }) as StateCore;
    for (const rule of PARAGRAPH_RULES) rule(part);
    for (const token of unseen) cache.tokens.set(token.content, (token.children ?? []).map((child) => frozen(copyToken(child))));
  });
  md.core.ruler.disable(["linkify", "replacements", "smartquotes", "text_join"]);
}

function copyToken(token: Token): Token {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token) as object) as Token, token);
  copy.attrs = token.attrs?.map(([name, value]) => [name, value]) ?? null;
  copy.children = token.children?.map((child) => copyToken(child)) ?? null;
  return copy;
}

function frozen(token: Token): Token {
  for (const attribute of token.attrs ?? []) Object.freeze(attribute);
  if (token.attrs) Object.freeze(token.attrs);
  for (const child of token.children ?? []) frozen(child);
  if (token.children) Object.freeze(token.children);
  return Object.freeze(token);
}
