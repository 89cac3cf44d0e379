import type { MarkdownIt, PluginWithOptions, StateCore, Token } from "markdown-it";
import markdownItAttrsCommonJs from "markdown-it-attrs";
import { error, type Problem } from "../core/problems.ts";
import { headingText } from "./heading-anchors.ts";

/**
 * Attribute lists as legal repositories already write them: kramdown's and Python-Markdown's
 * `{: #data-tools }` on the line after a paragraph or heading, and `### Heading {#id}` (Pandoc,
 * PHP Markdown Extra). markdown-it-attrs reads them; only ids and classes may be set. The plugin's
 * own `allowedAttributes` would drop any other attribute without a word, so it reads every
 * attribute and this module reports the others as errors at their line and removes them.
 */
export interface AttributeListEnv {
  readonly file: string;
  readonly bodyLine: number;
  problems: Problem[];
  /** Every id an attribute list sets, with its file line, in text order. */
  explicitIds: ExplicitId[];
}

export interface ExplicitId {
  readonly id: string;
  readonly line: number;
  /** The heading's level-and-text (`## Data tools`) when the id is on a heading. */
  readonly heading?: string;
}

/** Ids readers can link to and type: letters and digits of any script, `-`, `_`, `.`, `:`. */
const ID = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_.:-]*$/u;
const CLASS = /^[\p{L}_-][\p{L}\p{M}\p{N}_-]*$/u;

/** The file line of an attribute list written on a line of its own, by the token it was moved to. */
const movedListLines = new WeakMap<Token, number>();

/** Each token's attributes before markdown-it-attrs ran, for the parse under way. */
const attributesBefore = new WeakMap<StateCore, Map<Token, readonly (readonly [string, string])[]>>();

// The plugin's types describe markdown-it's CommonJS typings; the instance is the same at run time.
const markdownItAttrs = markdownItAttrsCommonJs as unknown as PluginWithOptions<Parameters<typeof markdownItAttrsCommonJs>[1]>;

export function attributeListsPlugin(md: MarkdownIt): void {
  md.use(markdownItAttrs, {
    leftDelimiter: "{",
    rightDelimiter: "}",
    // The ids and classes are read here, never on <pre>'s child; no attribute is dropped by the plugin.
    allowedAttributes: [],
    errorHandler: (e: Error) => {
      throw e;
    },
  });
  md.core.ruler.before("curly_attributes", "codicil_attributes_before", (state) => {
    // Text without a brace has no attribute list: most legal text, spared the walk below.
    if (!state.src.includes("{")) return;
    const before = new Map<Token, readonly (readonly [string, string])[]>();
    forEachToken(state.tokens, (token) => {
      if (token.attrs) before.set(token, token.attrs.map(([name, value]) => [name, value] as const));
    });
    attributesBefore.set(state, before);
  });
  md.core.ruler.after("curly_attributes", "codicil_attributes_checked", (state) => {
    const before = attributesBefore.get(state);
    if (!before) return;
    attributesBefore.delete(state);
    checkAttributeLists(state, before);
  });
}

function forEachToken(tokens: readonly Token[], visit: (token: Token, block: Token) => void): void {
  for (const token of tokens) {
    visit(token, token);
    if (token.children) for (const child of token.children) visit(child, token);
  }
}

function checkAttributeLists(state: StateCore, before: ReadonlyMap<Token, readonly (readonly [string, string])[]>): void {
  const env = state.env as AttributeListEnv;
  const lines = state.src.split("\n");
  const withList = new Set<Token>();
  forEachToken(state.tokens, (token, block) => {
    if (!token.attrs) return;
    const earlier = before.get(token) ?? [];
    if (token.attrs.length === earlier.length && token.attrs.every(([n, v], i) => earlier[i]?.[0] === n && earlier[i]?.[1] === v)) return;
    const kept: [string, string][] = [];
    for (const [name, value] of token.attrs) {
      if (earlier.some(([n, v]) => n === name && v === value)) {
        kept.push([name, value]);
        continue;
      }
      const line = listLine(lines, block, env.bodyLine, name);
      const attribute = kramdownAttribute(name, value);
      if (attribute === undefined) continue;
      const problem = attributeProblem(attribute[0], attribute[1]);
      if (problem) {
        env.problems.push(error(env.file, line, problem));
        continue;
      }
      const existing = kept.find(([n]) => n === attribute[0]);
      if (existing && attribute[0] === "class") existing[1] = `${existing[1]} ${attribute[1]}`;
      else if (existing) existing[1] = attribute[1];
      else kept.push([attribute[0], attribute[1]]);
    }
    token.attrs = kept.length > 0 ? kept : null;
    withList.add(token);
  });
  moveListsOnLinesOfTheirOwn(state, withList, env);
  moveListsAfterTables(state, withList);
  unreadListProblems(state, env);
  const tokens = state.tokens;
  tokens.forEach((block, index) => {
    for (const token of [block, ...(block.children ?? [])]) {
      const id = withList.has(token) ? token.attrGet("id") : null;
      if (id === null) continue;
      const heading = token.type === "heading_open" ? `${token.markup} ${headingText(tokens[index + 1])}` : undefined;
      const line = movedListLines.get(token) ?? listLine(lines, block, env.bodyLine, "#");
      env.explicitIds.push({ id: String(id), line, ...(heading !== undefined && { heading }) });
    }
  });
}

/**
 * The attribute as the author meant it. markdown-it-attrs reads kramdown's `{: #id }` as an
 * attribute named ":" and `{:#id}` as one named ":#id"; undefined for the bare colon.
 */
function kramdownAttribute(name: string, value: string): [string, string] | undefined {
  if (name === ":" && value === "") return undefined;
  if (name.startsWith(":#") && value === "") return ["id", name.slice(2)];
  if (name.startsWith(":.") && value === "") return ["class", name.slice(2)];
  return [name.startsWith(":") ? name.slice(1) : name, value];
}

function attributeProblem(name: string, value: string): string | undefined {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  if (name === "id") {
    return ID.test(value) ? undefined : `the attribute list's id "${shown}" is not an id readers can link to; use letters, digits and hyphens, e.g. {: #data-tools }.`;
  }
  if (name === "class") {
    return value.split(/\s+/).every((word) => word === "" || CLASS.test(word)) && value.trim() !== ""
      ? undefined
      : `the attribute list's class "${shown}" is not a class name; use letters, digits and hyphens, e.g. {: .note }.`;
  }
  if (name.toLowerCase().startsWith("on")) return `the attribute list sets ${name}=, which runs code; an attribute list may set only an id ({: #name }) and classes ({: .name }); remove it.`;
  const what = name === "css-module" ? "a CSS module class (..name)" : `${name}=`;
  return `the attribute list sets ${what}, but an attribute list may set only an id ({: #name }) and classes ({: .name }); remove it, or write the element in HTML if docs/content.md allows the attribute there.`;
}

/**
 * kramdown puts an attribute list on a line of its own after a heading, where markdown-it reads
 * it as a paragraph of its own: it belongs to the block right before it, or, after a blank line,
 * to the block right after it.
 */
function moveListsOnLinesOfTheirOwn(state: StateCore, withList: Set<Token>, env: AttributeListEnv): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i] as Token;
    const inline = tokens[i + 1];
    if (open.type !== "paragraph_open" || !withList.has(open) || inline?.type !== "inline") continue;
    if ((inline.children ?? []).some((child) => child.type !== "text" || child.content !== "")) continue;
    const previous = blockOpening(tokens, i - 1);
    const next = tokens[i + 3];
    const target =
      previous?.map && open.map && previous.map[1] === open.map[0]
        ? previous
        : next?.map && open.map && next.map[0] === open.map[1] && next.nesting !== -1
          ? next
          : undefined;
    const line = env.bodyLine + (open.map?.[0] ?? 0);
    if (!target) {
      env.problems.push(error(env.file, line, "this attribute list stands alone, so it belongs to no block; write it on the line right after the paragraph or heading it is for."));
    } else if (target.type === "html_block") {
      env.problems.push(error(env.file, line, "an attribute list cannot add to HTML; write the id or class in the HTML element itself."));
    } else {
      for (const [name, value] of open.attrs ?? []) {
        if (name === "class") target.attrJoin(name, value);
        else target.attrSet(name, value);
      }
      withList.add(target);
      movedListLines.set(target, line);
    }
    withList.delete(open);
    tokens.splice(i, 3);
    i--;
  }
}

/** The opening token of the block that ends at `index` (an `…_close` or a block without children). */
function blockOpening(tokens: readonly Token[], index: number): Token | undefined {
  const last = tokens[index];
  if (!last || last.nesting === 1) return undefined;
  if (last.nesting === 0) return last;
  const type = last.type.replace(/_close$/, "_open");
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i] as Token;
    if (token.type === type && token.level === last.level) return token;
  }
  return undefined;
}

/** The file line of the attribute list of `block` that mentions `what`: the block's lines, searched for `{`. */
function listLine(lines: readonly string[], block: Token, bodyLine: number, what: string): number {
  const [first, end] = block.map ?? [0, 1];
  let fallback: number | undefined;
  for (let i = first; i < end; i++) {
    const text = lines[i] ?? "";
    const brace = text.lastIndexOf("{");
    if (brace === -1) continue;
    fallback ??= i;
    if (text.slice(brace).includes(what.replace(/^:/, ""))) return bodyLine + i;
  }
  return bodyLine + (fallback ?? first);
}

/**
 * `{: .wide }` on the line right after a table is read by markdown-it as one more row: an empty
 * row whose first cell carries the list. It belongs to the table, and the row is no row.
 */
function moveListsAfterTables(state: StateCore, withList: Set<Token>): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const row = tokens[i] as Token;
    if (row.type !== "tr_open" || !withList.has(tokens[i + 1] as Token)) continue;
    let end = i + 1;
    while (end < tokens.length && tokens[end]?.type !== "tr_close") end++;
    const cells = tokens.slice(i + 1, end);
    const empty = cells.every((token) => token.type !== "inline" || (token.children ?? []).every((child) => child.type === "text" && child.content === ""));
    if (!empty) continue;
    let table = i - 1;
    while (table >= 0 && tokens[table]?.type !== "table_open") table--;
    const tableOpen = tokens[table];
    if (!tableOpen) continue;
    for (const [name, value] of tokens[i + 1]?.attrs ?? []) {
      if (name === "class") tableOpen.attrJoin(name, value);
      else tableOpen.attrSet(name, value);
    }
    withList.delete(tokens[i + 1] as Token);
    withList.add(tableOpen);
    const bodyOnlyRow = tokens[i - 1]?.type === "tbody_open" && tokens[end + 1]?.type === "tbody_close";
    if (bodyOnlyRow) tokens.splice(i - 1, end - i + 3);
    else tokens.splice(i, end - i + 1);
  }
}

/** kramdown's `{: …}` left in the text: not where an attribute list is read, so never published as text. */
function unreadListProblems(state: StateCore, env: AttributeListEnv): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.content.includes("{:")) continue;
    let line = env.bodyLine + (block.map?.[0] ?? 0);
    for (const child of block.children ?? []) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      else if (child.type === "text" && /\{:[^}]*\}/.test(child.content)) {
        env.problems.push(
          error(env.file, line, "this attribute list is not read where it stands; write it on the line right after the paragraph, heading, list or table it is for (e.g. {: #data-tools }), or escape the brace (\\{) if it is text."),
        );
      }
    }
  }
}
