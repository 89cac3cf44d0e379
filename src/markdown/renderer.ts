import MarkdownIt, { type Token } from "markdown-it";
import { pushAll } from "../core/arrays.ts";
import { error, warning, type Problem } from "../core/problems.ts";
import { cookieTablePlugin, isCookieTableLine, type CookieTableHook } from "./cookie-table.ts";
import { checkHtml, type HtmlOrigin } from "./html-safety.ts";
import { readAddress, siteAddress } from "../addresses/browser-addresses.ts";
import type { TextSection, TocEntry } from "../model/text.ts";
import { textSections } from "./sections.ts";
import { addressSlip, unparsedLinkSlip } from "../rules/address-slips.ts";
import { COOKIE_TABLE_ID, isDocumentPageId } from "./page-ids.ts";
import { headingAnchorsPlugin, headingText } from "./heading-anchors.ts";
import { attributeListsPlugin, type ExplicitId } from "./attribute-lists.ts";
import { bareAddressesPlugin } from "./bare-addresses.ts";
import { leadingLevelOneHeading, leadingTitlePlugin } from "./leading-title.ts";
import { slugify } from "./slugify.ts";
import { describeCharacter, FORBIDDEN_CHARACTER } from "../core/text.ts";

/** What one render needs to know about the file it renders and the site around it. */
export interface RenderContext {
  /** File the Markdown comes from, and the file line its body starts on, for problem reports. */
  readonly file: string;
  readonly bodyLine: number;
  /** Localized text for the screen-reader label of a heading's permalink. */
  readonly permalinkLabel: (headingText: string) => string;
  /** Added in front of site-root links (`/en/cookies/`) so sites can live under a sub-path. */
  readonly pathPrefix: string;
  /**
   * The site's `url` from site.yaml: with the pathPrefix, the address addresses are resolved
   * against to tell this site from others (`readAddress`). Without it, a made-up origin.
   */
  readonly siteUrl?: string;
  /** Renders `{% cookieTable %}` lines; undefined when the site has no content/cookies.yaml. */
  readonly cookieTable?: CookieTableHook;
  /** The title from front matter: a leading `# heading` with this text is the title, not shown twice. */
  readonly title?: string;
}

export interface RenderedMarkdown {
  readonly html: string;
  readonly toc: TocEntry[];
  /** The text readers see, cut at headings: what the changes pages compare. */
  readonly sections: TextSection[];
  readonly links: LinkInText[];
  /** Every id a link may point at with `#…`: headings and ids in raw HTML. */
  readonly anchors: string[];
  /** The headings that have an anchor, in order, for translation parity to point at. */
  readonly headings: HeadingInText[];
  /**
   * Site-root paths linked to, for the caller to check once every document's pages are known:
   * documents are rendered independently (in parallel), so no single render knows them all.
   */
  readonly internalLinks: InternalLink[];
  /**
   * Ids the author set (attribute lists, raw HTML), with their lines: the anchors readers' deep
   * links rely on, which a newer version must keep.
   */
  readonly explicitIds: ExplicitId[];
  /** The file line of a leading `# heading` left out as the title, when there was one. */
  readonly leadingTitleLine?: number;
  readonly problems: Problem[];
}

/** A link to a page of this site, as a decoded site-root path, and the line it is written on. */
export interface InternalLink {
  readonly path: string;
  readonly line: number;
}

interface RenderEnv extends RenderContext {
  readonly page: URL;
  problems: Problem[];
  links: LinkInText[];
  anchors: string[];
  headings: HeadingInText[];
  internalLinks: InternalLink[];
  explicitIds: ExplicitId[];
  leadingTitleLine?: number;
}

/** A link as the editor wrote it, for the translation parity lint. */
export interface LinkInText {
  readonly href: string;
  readonly line: number;
}

/** A heading's level (2 for `##`) and the line it is written on. */
export interface HeadingInText {
  readonly level: number;
  readonly line: number;
}

/**
 * The markdown-it instances, alike but for attribute lists. Options chosen for legal text:
 * - `html: true` because editors need the odd `<abbr>` or `<br>`; the safety rule rejects code.
 * - `linkify: true` so a bare https:// address in a policy is a working link (and nothing else:
 *   `bare-addresses.ts`).
 * - `typographer: false` because it would change quotes and dashes: legal text is never altered.
 */
function createMarkdown(attributeLists: boolean): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });

  // markdown-it silently turns a link with a javascript: URL back into text. Accept every URL here
  // so the link check below sees it and reports it as an error instead.
  md.validateLink = () => true;

  // Attribute lists (`{: #data-tools }`, `## Heading {#id}`) as kramdown and Pandoc write them: ids and classes only.
  if (attributeLists) md.use(attributeListsPlugin);

  // Only https://, http:// and mailto: addresses become links, never bare domain names.
  md.use(bareAddressesPlugin);

  // Stable heading ids and a permalink after each heading that screen readers announce by name.
  md.use(headingAnchorsPlugin);

  // `{% cookieTable %}` on a line of its own becomes the site's cookie tables (SPEC section 5).
  md.use(cookieTablePlugin);

  // A body that begins with its title as `# Title` does not show it twice.
  md.use(leadingTitlePlugin);

  md.core.ruler.push("codicil_links", (state) => {
    // markdown-it types `env` as `any`: it is whatever renderMarkdown passed to parse().
    checkTokens(state.tokens, state.env as RenderEnv);
  });
  return md;
}

/** Renders every body, and parses those that may hold an attribute list. */
const md = createMarkdown(true);
/**
 * Parses a body without a `{` outside its `{% cookieTable %}` lines, which can hold no attribute
 * list: markdown-it-attrs tests each of its patterns on every token (its cost: docs/performance.md).
 * A test parses bodies with both and compares the tokens.
 */
const withoutAttributeLists = createMarkdown(false);

/** Both instances, for the test that compares their tokens. */
export const markdownInstances = { withAttributeLists: md, withoutAttributeLists } as const;

/** The instance that parses `body`: without attribute lists when it can hold none (`withoutAttributeLists`). */
export function markdownFor(body: string): MarkdownIt {
  for (let brace = body.indexOf("{"); brace !== -1; brace = body.indexOf("{", brace + 1)) {
    const lineStart = body.lastIndexOf("\n", brace) + 1;
    const lineEnd = body.indexOf("\n", brace);
    if (!isCookieTableLine(body.slice(lineStart, lineEnd === -1 ? body.length : lineEnd))) return md;
    if (lineEnd === -1) break;
    brace = lineEnd;
  }
  return withoutAttributeLists;
}

export function renderMarkdown(body: string, context: RenderContext): RenderedMarkdown {
  const renderEnv: RenderEnv = { ...context, page: siteAddress(context.siteUrl, context.pathPrefix), problems: [], links: [], anchors: [], headings: [], internalLinks: [], explicitIds: [] };
  const tokens = markdownFor(body).parse(body, renderEnv);
  if (body.includes("&#")) characterReferenceProblems(body, renderEnv);
  const toc = tableOfContents(tokens);
  const sections = textSections(tokens);
  const html = hasRawHtml(tokens) ? checkedRawHtml(tokens, renderEnv) : md.renderer.render(tokens, md.options, renderEnv);
  // The tokens' problems come first and the HTML's after; in line order they read as the file does.
  const problems = renderEnv.problems.sort((a, b) => a.line - b.line);
  return {
    html,
    toc,
    sections,
    links: renderEnv.links,
    anchors: renderEnv.anchors,
    headings: renderEnv.headings,
    internalLinks: renderEnv.internalLinks,
    explicitIds: renderEnv.explicitIds,
    ...(renderEnv.leadingTitleLine !== undefined && { leadingTitleLine: renderEnv.leadingTitleLine }),
    problems,
  };
}

/**
 * The title a body supplies when front matter has none: the text of its leading `# heading`, as
 * readers see it (markup dropped), or undefined when the body does not begin with one.
 */
export function titleFromBody(body: string): string | undefined {
  // Only the first block matters; the rest of a long body is not parsed for it.
  const firstBlock = body.replace(/^\uFEFF?(?:[ \t]*\r?\n)*/, "").split(/\r?\n[ \t]*\r?\n/, 1)[0] ?? "";
  if (!firstBlock.startsWith("#") && !/\n=+[ \t]*$/.test(firstBlock)) return undefined;
  const env: RenderEnv = { file: "", bodyLine: 1, pathPrefix: "/", permalinkLabel: (text) => text, page: siteAddress(undefined, "/"), problems: [], links: [], anchors: [], headings: [], internalLinks: [], explicitIds: [] };
  const text = leadingLevelOneHeading(md.parse(firstBlock, env));
  return text === "" ? undefined : text;
}

/**
 * Character references to characters no page may hold (`&#x1E;`, `&#157;`): markdown-it would
 * publish "�" in their place, and HTML the invisible character itself, so neither is published.
 */
function characterReferenceProblems(body: string, env: RenderEnv): void {
  const lines = body.split("\n");
  lines.forEach((text, index) => {
    for (const match of text.matchAll(/&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?/g)) {
      const code = match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2]);
      const character = code > 0x10ffff ? undefined : String.fromCodePoint(code);
      if (character !== undefined && code !== 0 && !FORBIDDEN_CHARACTER.test(character)) continue;
      const what = character === undefined ? "no character" : `the invisible character ${describeCharacter(character)}`;
      env.problems.push(error(env.file, env.bodyLine + index, `the character reference "${match[0]}" writes ${what}, which cannot be published (it would show as garbage or make the feed malformed); delete it.`));
    }
  });
}

function hasRawHtml(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.type === "html_block" || (token.type === "inline" && token.children?.some((child) => child.type === "html_inline")));
}

/**
 * A file with raw HTML is published as parse5 reads and serialises its whole rendered HTML, once
 * checked (`html-safety.ts`): the whole of it, as raw HTML can reach around markdown-it's own
 * markup (an unclosed `<div>`, a `<table>` the parser moves text out of). A file without raw HTML
 * holds only markup markdown-it and Codicil write, text escaped, addresses checked on their tokens:
 * it is published as rendered, sparing most files a second parse that costs three times the
 * Markdown's.
 */
function checkedRawHtml(tokens: readonly Token[], env: RenderEnv): string {
  const { html, origin } = renderTracingOrigin(tokens, env);
  const checked = checkHtml(html, origin, env.page);
  for (const finding of checked.findings) env.problems.push((finding.severity === "error" ? error : warning)(env.file, finding.line, finding.message));
  for (const id of new Set(checked.ids)) {
    if (!isDocumentPageId(id)) continue;
    const line = rawIdLine(tokens, id, env.bodyLine);
    // The cookie tables in the text carry such ids of their own; the author's are in the raw HTML.
    if (line === undefined && COOKIE_TABLE_ID.test(id)) continue;
    env.problems.push(error(env.file, line ?? env.bodyLine, `id="${id}" is an id the page itself uses (${pageIdRole(id)}); choose another id.`));
  }
  // An id in raw HTML that the text already has (a heading's anchor, an attribute list's id, the same
  // HTML id twice) leaves a link to it two places: the browser takes the first, the checker refuses it.
  const textIds = new Set(env.anchors);
  const rawSeen = new Set<string>();
  for (const id of checked.ids) {
    const twice = rawSeen.has(id);
    rawSeen.add(id);
    if (!twice && !textIds.has(id)) continue;
    const line = rawIdLine(tokens, id, env.bodyLine, twice ? 2 : 1) ?? env.bodyLine;
    const where = twice ? "already in the HTML above" : "also a heading's anchor or an attribute list's id in this text";
    env.problems.push(error(env.file, line, `id="${id}" is ${where}; every id on a page must be different, so choose another one.`));
  }
  for (const id of rawSeen) {
    env.explicitIds.push({ id, line: rawIdLine(tokens, id, env.bodyLine) ?? env.bodyLine });
  }
  pushAll(env.anchors, checked.ids);
  return checked.html;
}

/**
 * The line of the raw HTML that writes `id` (parse5 found it somewhere in the page's HTML), or
 * undefined when no raw HTML holds it as written (written with an entity, or not raw HTML at all).
 */
function rawIdLine(tokens: readonly Token[], id: string, bodyLine: number, occurrence = 1): number | undefined {
  let skip = occurrence - 1;
  const atLine = (content: string, first: number): number | undefined => {
    for (let index = content.indexOf(id); index !== -1; index = content.indexOf(id, index + id.length)) {
      if (skip-- === 0) return first + countNewlines(content.slice(0, index));
    }
    return undefined;
  };
  for (const token of tokens) {
    const first = bodyLine + (token.map?.[0] ?? 0);
    if (token.type === "html_block") {
      const line = atLine(token.content, first);
      if (line !== undefined) return line;
    } else if (token.type === "inline") {
      let line = first;
      for (const child of token.children ?? []) {
        if (child.type === "html_inline") {
          const found = atLine(child.content, line);
          if (found !== undefined) return found;
          line += countNewlines(child.content);
        } else if (child.type === "softbreak" || child.type === "hardbreak") line++;
      }
    }
  }
  return undefined;
}

/** Where each part of the HTML starts, the Markdown line it comes from, and whether it is raw HTML. */
interface HtmlPart {
  readonly start: number;
  readonly line: number;
  readonly raw: boolean;
}

/**
 * markdown-it's `Renderer.render`, through its public rules, noting which Markdown line and which
 * kind of token each part of the output comes from, so parse5's offsets map back to lines.
 */
function renderTracingOrigin(tokens: readonly Token[], env: RenderEnv): { html: string; origin: HtmlOrigin } {
  const { rules } = md.renderer;
  const parts: HtmlPart[] = [];
  let html = "";
  const mark = (line: number, raw: boolean) => {
    const last = parts[parts.length - 1];
    if (last?.line !== line || last.raw !== raw) parts.push({ start: html.length, line, raw });
  };
  const renderOne = (list: Token[], index: number, token: Token) => {
    const rule = rules[token.type];
    html += rule ? rule(list, index, md.options, env, md.renderer) : md.renderer.renderToken(list, index, md.options);
  };
  const list = tokens as Token[];
  list.forEach((token, index) => {
    let line = token.map ? env.bodyLine + token.map[0] : (parts[parts.length - 1]?.line ?? env.bodyLine);
    mark(line, token.type === "html_block");
    if (token.type !== "inline") return renderOne(list, index, token);
    const children = token.children ?? [];
    children.forEach((child, childIndex) => {
      mark(line, child.type === "html_inline");
      renderOne(children, childIndex, child);
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      else if (child.type === "html_inline") line += countNewlines(child.content);
    });
  });
  const newlines: number[] = [];
  for (let i = html.indexOf("\n"); i !== -1; i = html.indexOf("\n", i + 1)) newlines.push(i);
  const starts = parts.map((part) => part.start);
  const partAt = (offset: number): HtmlPart | undefined => parts[lastIndexAtOrBefore(starts, offset)];
  return {
    html,
    origin: {
      lineAt(offset) {
        const part = partAt(offset);
        if (!part) return env.bodyLine;
        // Raw HTML is copied as written, so its own line breaks are the Markdown's.
        return part.raw ? part.line + lastIndexAtOrBefore(newlines, offset - 1) - lastIndexAtOrBefore(newlines, part.start - 1) : part.line;
      },
      isRaw: (offset) => partAt(offset)?.raw ?? false,
    },
  };
}

/** Index of the last number in the ascending `numbers` that is at most `value`; -1 if none. */
function lastIndexAtOrBefore(numbers: readonly number[], value: number): number {
  let low = 0;
  let high = numbers.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((numbers[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

function checkTokens(tokens: Token[], env: RenderEnv): void {
  const lineOf = (token: Token) => env.bodyLine + (token.map?.[0] ?? 0);
  const explicit = explicitIdLines(env);
  tokens.forEach((token, index) => {
    if (token.type === "heading_open" && token.tag === "h1") {
      const title = env.title === undefined || leadingLevelOneHeading(tokens.slice(index, index + 2)) === undefined ? "" : ` (only a first line "# ${env.title}" is taken as the title)`;
      env.problems.push(
        warning(env.file, lineOf(token), `a level-1 heading (# …) in the body: the page's only <h1> is the title from front matter${title}; start sections with ##.`),
      );
    }
    if (token.type === "heading_open" && token.attrGet("id") !== null) {
      const id = String(token.attrGet("id"));
      env.anchors.push(id);
      env.headings.push({ level: Number(token.tag.slice(1)), line: lineOf(token) });
      const taken = explicit.get(slugify(headingText(tokens[index + 1])));
      if (!explicit.has(id) && taken !== undefined) {
        env.problems.push(
          error(env.file, taken.line, `the id "${taken.id}" is also the anchor the heading on line ${lineOf(token)} gets from its text, so #${taken.id} would name two places; give one of them another id (a heading takes one as ## Heading {#other-id}).`),
        );
      }
    } else if (token.type === "inline" && token.children) {
      // A link markdown-it could not read stays text with its brackets: say why, where it is.
      if (bracketed(token.content) && token.children.some((child) => child.type === "text" && bracketed(child.content))) {
        // The text as the reader sees it (linkify's links are text the author wrote); other tokens
        // (links, code) stand as a character no rule matches.
        const text = token.children
          .map((child) => (child.type === "text" ? child.content : child.type === "softbreak" || child.type === "hardbreak" ? "\n" : child.markup === "linkify" ? "" : "\u0000"))
          .join("");
        const unparsed = unparsedLinkSlip(text);
        if (unparsed) env.problems.push(error(env.file, lineOf(token) + countNewlines(text.slice(0, unparsed.offset)), unparsed.message));
      }
      let line = lineOf(token);
      for (const child of token.children) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        else if (child.type === "html_inline") line += countNewlines(child.content);
        else if (child.type === "link_open") checkLink(child, "href", line, env);
        else if (child.type === "image") checkLink(child, "src", line, env);
      }
    }
  });
}

/**
 * The ids attribute lists set, each at its first line; an id set twice, or one the page itself
 * uses, is an error here, as a link to it would lead to only one of the places, or to the wrong one.
 */
function explicitIdLines(env: RenderEnv): Map<string, ExplicitId> {
  const first = new Map<string, ExplicitId>();
  for (const explicit of env.explicitIds) {
    if (!explicit.heading) env.anchors.push(explicit.id);
    const earlier = first.get(explicit.id);
    if (earlier) {
      env.problems.push(error(env.file, explicit.line, `the id "${explicit.id}" is already set on line ${earlier.line}; every id on a page must be different, so choose another one.`));
    } else {
      first.set(explicit.id, explicit);
    }
    if (isDocumentPageId(explicit.id)) {
      env.problems.push(error(env.file, explicit.line, `the id "${explicit.id}" is an id the page itself uses (${pageIdRole(explicit.id)}); choose another id.`));
    }
  }
  return first;
}

function pageIdRole(id: string): string {
  return id === "main" ? "the skip link's target" : "the title, the table of contents or a cookie table";
}

function checkLink(token: Token, attribute: "href" | "src", line: number, env: RenderEnv): void {
  const url = String(token.attrGet(attribute) ?? "");
  if (attribute === "href") env.links.push({ href: url, line });
  const what = attribute === "href" ? "link" : "image";
  const reading = readAddress(url, env.page);
  if (reading.kind === "script") {
    env.problems.push(error(env.file, line, `the ${what} "${url.slice(0, 60)}" uses a javascript:, vbscript: or data: URL, which can run code; link to a page instead.`));
    return;
  }
  // A slip in writing the address is named as such ("wrapped in extra parentheses"), not by its effect.
  const slip = addressSlip(url);
  if (slip) {
    env.problems.push((slip.severity === "error" ? error : warning)(env.file, line, `the ${what} "${url.slice(0, 100)}" ${slip.message}`));
    if (slip.severity === "error") return;
  }
  if (reading.kind === "invalid") {
    env.problems.push(error(env.file, line, `the ${what} "${url.slice(0, 80)}" is not an address browsers can read; correct it.`));
    return;
  }
  if (reading.kind === "other-origin") {
    if (attribute === "src") {
      env.problems.push(
        error(env.file, line, `the image "${url}" is loaded from another origin (${reading.url.origin}), which tells that origin who reads this page; publish the image on this site instead.`),
      );
    }
    return;
  }
  // A site-root path; `//host/…` and `/\host/…` name a host, this site's or another's.
  if (url.startsWith("/") && !/^\/[/\\]/.test(url)) {
    const path = url.split(/[?#]/, 1)[0] ?? url;
    const decoded = decodedPath(path);
    if (decoded === undefined) {
      env.problems.push(
        // markdown-it has written a stray "%" as "%25"; the editor is shown the link as written.
        error(env.file, line, `the link "${url.replace(/%25(?![0-9A-Fa-f]{2})/g, "%").slice(0, 80)}" has a malformed %-escape: "%" must start a UTF-8 character in hexadecimal (%C3%A4 for ä); write the character itself instead.`),
      );
    } else {
      env.internalLinks.push({ path: decoded, line });
    }
    token.attrSet(attribute, env.pathPrefix + url.slice(1));
    return;
  }
  if (url !== "" && !/^[#/\\]/.test(url) && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    env.problems.push(
      error(
        env.file,
        line,
        `the relative link "${url}" would point somewhere else on a version's dated page than on the current page; write it from the site root, e.g. /en/cookies/.`,
      ),
    );
  }
}

/** A site-root path as the route list spells it, or undefined when a %-escape is malformed. */
function decodedPath(path: string): string | undefined {
  try {
    return decodeURI(path);
  } catch {
    return undefined;
  }
}

function tableOfContents(tokens: Token[]): TocEntry[] {
  const toc: TocEntry[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open" || (token.tag !== "h2" && token.tag !== "h3")) return;
    const id = token.attrGet("id")?.toString();
    if (!id) return;
    const entry: TocEntry = { id, text: headingText(tokens[i + 1]), children: [] };
    const parent = toc[toc.length - 1];
    if (token.tag === "h3" && parent) parent.children.push(entry);
    else toc.push(entry);
  });
  return toc;
}

/** Whether text holds what starts a Markdown link's address, `](` (or the slip `] (`). */
function bracketed(text: string): boolean {
  return text.includes("](") || text.includes("] (");
}

function countNewlines(text: string): number {
  return text.split("\n").length - 1;
}
