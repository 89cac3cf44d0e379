import MarkdownIt, { type Token } from "markdown-it";
import { error, warning, type Problem } from "../core/problems.ts";
import { cookieTablePlugin, type CookieTableHook } from "./cookie-table.ts";
import { findUnsafeHtml, isOtherOrigin, isScriptUrl } from "./html-safety.ts";
import type { TextSection, TocEntry } from "../model/text.ts";
import { textSections } from "./sections.ts";
import { headingAnchorsPlugin, headingText } from "./heading-anchors.ts";
import { inlineCachePlugin, usableInlineCache, type InlineCache } from "./inline-cache.ts";

/** What one render needs to know about the file it renders and the site around it. */
export interface RenderContext {
  /** File the Markdown comes from, and the file line its body starts on, for problem reports. */
  readonly file: string;
  readonly bodyLine: number;
  /** Localized text for the screen-reader label of a heading's permalink. */
  readonly permalinkLabel: (headingText: string) => string;
  /** Added in front of site-root links (`/en/cookies/`) so sites can live under a sub-path. */
  readonly pathPrefix: string;
  /** Renders `{% cookieTable %}` lines; undefined when the site has no content/cookies.yaml. */
  readonly cookieTable?: CookieTableHook;
  /** Paragraphs parsed in the document's other files (`inline-cache.ts`). */
  readonly inlineCache?: InlineCache;
}

export interface RenderedMarkdown {
  readonly html: string;
  readonly toc: TocEntry[];
  /** The text readers see, cut at headings: what the changes pages compare. */
  readonly sections: TextSection[];
  readonly links: LinkInText[];
  /** Every id a link may point at with `#…`: headings and ids in raw HTML. */
  readonly anchors: string[];
  /**
   * Site-root paths linked to, for the caller to check once every document's pages are known:
   * documents are rendered independently (in parallel), so no single render knows them all.
   */
  readonly internalLinks: InternalLink[];
  readonly problems: Problem[];
}

/** A link to a page of this site, as a decoded site-root path, and the line it is written on. */
export interface InternalLink {
  readonly path: string;
  readonly line: number;
}

interface RenderEnv extends RenderContext {
  problems: Problem[];
  links: LinkInText[];
  anchors: string[];
  internalLinks: InternalLink[];
}

/** A link as the editor wrote it, for the translation parity lint. */
export interface LinkInText {
  readonly href: string;
  readonly line: number;
}

/**
 * The one markdown-it instance. Options chosen for legal text:
 * - `html: true` because editors need the odd `<abbr>` or `<br>`; the safety rule rejects code.
 * - `linkify: true` so a bare https:// address in a policy is a working link.
 * - `typographer: false` because it would change quotes and dashes: legal text is never altered.
 */
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });

// markdown-it silently turns a link with a javascript: URL back into text. Accept every URL here
// so the safety rule below sees it and reports it as an error instead.
md.validateLink = () => true;

// A paragraph already parsed in another file of the same document is not parsed again.
md.use(inlineCachePlugin);

// Stable heading ids and a permalink after each heading that screen readers announce by name.
md.use(headingAnchorsPlugin);

// `{% cookieTable %}` on a line of its own becomes the site's cookie tables (SPEC section 5).
md.use(cookieTablePlugin);

md.core.ruler.push("codicil_safety", (state) => {
  // markdown-it types `env` as `any`: it is whatever renderMarkdown passed to parse().
  checkTokens(state.tokens, state.env as RenderEnv);
});

export function renderMarkdown(body: string, context: RenderContext): RenderedMarkdown {
  const renderEnv: RenderEnv = { ...context, problems: [], links: [], anchors: [], internalLinks: [] };
  const tokens = md.parse(body, renderEnv);
  const toc = tableOfContents(tokens);
  const sections = textSections(tokens, usableInlineCache(renderEnv));
  const html = md.renderer.render(tokens, md.options, renderEnv);
  return { html, toc, sections, links: renderEnv.links, anchors: renderEnv.anchors, internalLinks: renderEnv.internalLinks, problems: renderEnv.problems };
}

function checkTokens(tokens: Token[], env: RenderEnv): void {
  const lineOf = (token: Token) => env.bodyLine + (token.map?.[0] ?? 0);
  for (const token of tokens) {
    if (token.type === "html_block") {
      reportUnsafeHtml(token.content, lineOf(token), env);
    } else if (token.type === "heading_open" && token.attrGet("id") !== null) {
      env.anchors.push(String(token.attrGet("id")));
    } else if (token.type === "heading_open" && token.tag === "h1") {
      env.problems.push(
        warning(env.file, lineOf(token), "a level-1 heading (# …) in the body: the page's only <h1> is the title from front matter; start sections with ##."),
      );
    } else if (token.type === "inline" && token.children) {
      let line = lineOf(token);
      for (const child of token.children) {
        if (child.type === "softbreak" || child.type === "hardbreak") line++;
        else if (child.type === "html_inline") reportUnsafeHtml(child.content, line, env);
        else if (child.type === "link_open") checkLink(child, "href", line, env);
        else if (child.type === "image") checkLink(child, "src", line, env);
      }
    }
  }
}

function reportUnsafeHtml(html: string, firstLine: number, env: RenderEnv): void {
  // Findings come in document order: count lines incrementally, never from the start again,
  // so a huge block with many findings stays linear.
  let line = firstLine;
  let counted = 0;
  for (const finding of findUnsafeHtml(html, (id) => env.anchors.push(id))) {
    line += countNewlines(html.slice(counted, finding.offset));
    counted = finding.offset;
    const report = finding.severity === "error" ? error : warning;
    env.problems.push(report(env.file, line, finding.message));
  }
}

function checkLink(token: Token, attribute: "href" | "src", line: number, env: RenderEnv): void {
  const url = String(token.attrGet(attribute) ?? "");
  if (attribute === "href") env.links.push({ href: url, line });
  if (isScriptUrl(url)) {
    env.problems.push(error(env.file, line, `the link "${url.slice(0, 60)}" uses a javascript:, vbscript: or data: URL, which can run code; link to a page instead.`));
    return;
  }
  if (attribute === "src" && isOtherOrigin(url)) {
    env.problems.push(
      error(env.file, line, `the image "${url}" is loaded from another origin, which tells that origin who reads this page; publish the image on this site instead.`),
    );
    return;
  }
  if (url.startsWith("/") && !url.startsWith("//")) {
    const path = url.split(/[?#]/, 1)[0] ?? url;
    env.internalLinks.push({ path: decodeURI(path), line });
    token.attrSet(attribute, env.pathPrefix + url.slice(1));
    return;
  }
  if (url !== "" && !url.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    env.problems.push(
      error(
        env.file,
        line,
        `the relative link "${url}" would point somewhere else on a version's dated page than on the current page; write it from the site root, e.g. /en/cookies/.`,
      ),
    );
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

function countNewlines(text: string): number {
  return text.split("\n").length - 1;
}
