import { defaultTreeAdapter, html as htmlSpec, parseFragment, serialize, type DefaultTreeAdapterMap, type TreeAdapter } from "parse5";
import { readAddress } from "../addresses/browser-addresses.ts";
import { pushAll } from "../core/arrays.ts";
import { ADDRESS_ATTRIBUTES, ALLOWED_ELEMENTS, REFUSED_ELEMENT_REASONS, isAllowedAttribute } from "./html-allowlist.ts";

/**
 * Raw HTML is allowed in legal Markdown (an `<abbr>`, a `<br>` in a table), checked against an
 * allowlist (`html-allowlist.ts`). parse5 is here because it parses HTML as the WHATWG standard
 * says browsers do (comments, CDATA, raw-text elements, foreign content, entities); and what is
 * published is its serialisation of the tree that was checked, never the string the editor
 * wrote, so no reading of the markup can differ between this check and a reader's browser.
 */
type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["node"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

export interface HtmlFinding {
  readonly line: number;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** Where the HTML of a rendered file came from, by character offset in that HTML. */
export interface HtmlOrigin {
  /** The Markdown line that produced the HTML at `offset`. */
  lineAt(offset: number): number;
  /** Whether the markup at `offset` is raw HTML the editor wrote, not markdown-it's or Codicil's. */
  isRaw(offset: number): boolean;
}

export interface CheckedHtml {
  /** The serialisation of the checked tree: what is published. */
  readonly html: string;
  readonly findings: HtmlFinding[];
  /** Every `id` the raw HTML defines, so links to raw-HTML anchors can be checked. */
  readonly ids: string[];
}

/**
 * Deeper nesting than any legal text needs is refused while parsing: parse5 looks through every
 * open element for each new one, time quadratic in the depth (docs/performance.md), and its
 * serialiser recurses through the tree.
 */
export const MAX_HTML_DEPTH = 256;

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super("HTML nested too deep");
  }
}

/** parse5's own tree adapter, stopping the parse once an element would be nested too deep. */
function depthLimitedTreeAdapter(): TreeAdapter<DefaultTreeAdapterMap> {
  let lastOffset = 0;
  const checkDepth = (parent: ParentNode) => {
    let depth = 0;
    for (let node: ParentNode | null = parent; node; node = "parentNode" in node ? node.parentNode : null) {
      if (++depth > MAX_HTML_DEPTH) throw new TooDeep(lastOffset);
    }
  };
  return {
    ...defaultTreeAdapter,
    appendChild(parent, child) {
      checkDepth(parent);
      defaultTreeAdapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      checkDepth(parent);
      defaultTreeAdapter.insertBefore(parent, child, reference);
    },
    setNodeSourceCodeLocation(node, location) {
      if (location) lastOffset = location.startOffset;
      defaultTreeAdapter.setNodeSourceCodeLocation(node, location);
    },
  };
}

/** Body context: the published HTML goes inside the page's `<div class="document-body">`. */
const BODY = defaultTreeAdapter.createElement("body", htmlSpec.NS.HTML, []);

/**
 * Checks a rendered file's HTML as a browser will read it and returns what to publish.
 * @param page the address of the file's pages, that addresses are resolved against.
 */
export function checkHtml(html: string, origin: HtmlOrigin, page: URL): CheckedHtml {
  const findings: HtmlFinding[] = [];
  const ids: string[] = [];
  let tree: DefaultTreeAdapterMap["documentFragment"];
  try {
    tree = parseFragment(BODY, html, { sourceCodeLocationInfo: true, treeAdapter: depthLimitedTreeAdapter() });
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    const message = `HTML nested more than ${MAX_HTML_DEPTH} elements deep cannot be published; close the elements you open.`;
    return { html: "", findings: [{ line: origin.lineAt(e.offset), severity: "error", message }], ids };
  }
  const report = (node: Node, severity: HtmlFinding["severity"], message: string) => findings.push({ line: origin.lineAt(offsetOf(node)), severity, message });

  const stack: Node[] = [...tree.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    const allowed = checkElement(node, origin.isRaw(offsetOf(node)), page, report, ids);
    // Inside <svg> or <math> every element is refused with its root: one finding is enough.
    if (allowed || node.namespaceURI === htmlSpec.NS.HTML) {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node);
    }
  }

  pushAll(findings, unclosedElementFindings(tree, html, origin));
  const published = serialize(tree);
  // Some trees the parser builds are read differently once serialised (nested links, a <pre>
  // starting with two line breaks): the mutations that mutation XSS is made of. Such HTML is
  // refused, so what is published always reads back as the tree checked here.
  const changed = firstDifference(tree, parseFragment(BODY, published, {}));
  if (changed) {
    report(changed, "error", "this HTML would be read differently by a browser than it is written (an element that cannot be nested where it is, such as a link inside a link); write it plainly, closing each element where it belongs.");
  }
  return { html: published, findings, ids };
}

function checkElement(element: Element, raw: boolean, page: URL, report: (node: Node, severity: HtmlFinding["severity"], message: string) => void, ids: string[]): boolean {
  const name = element.tagName;
  const foreign = element.namespaceURI !== htmlSpec.NS.HTML;
  if (foreign || !ALLOWED_ELEMENTS.has(name)) {
    const reason = REFUSED_ELEMENT_REASONS[name];
    const why = reason ? `because it ${reason}` : "(docs/content.md lists the elements a document may use)";
    report(element, "error", `<${name}> is not allowed in a document ${why}; remove it.`);
    return false;
  }
  for (const attribute of element.attrs) {
    const attributeName = attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;
    if (!isAllowedAttribute(name, attributeName)) {
      report(element, "error", refusedAttributeMessage(name, attributeName));
    } else if (attributeName === "style") {
      const problem = styleProblem(name, attribute.value, raw);
      if (problem) report(element, problem.severity, problem.message);
    } else if (attributeName === "id" && raw) {
      ids.push(attribute.value);
    }
  }
  // Markdown links and images are checked on their tokens (renderer.ts), with their own messages.
  if (raw) checkAddresses(element, page, report);
  return true;
}

function refusedAttributeMessage(element: string, attribute: string): string {
  if (attribute.startsWith("on")) return `the ${attribute}= attribute on <${element}> runs code; remove it.`;
  if (attribute === "srcdoc") return `the srcdoc= attribute on <${element}> embeds a page that can run code; remove it.`;
  if (attribute === "formaction" || attribute === "action") return `the ${attribute}= attribute on <${element}> sends readers' data somewhere; remove it.`;
  return `the ${attribute}= attribute is not allowed on <${element}> (docs/content.md lists the attributes a document may use); remove it.`;
}

/**
 * Inline styles do nothing on Codicil's pages (their Content-Security-Policy blocks them), but a
 * function (`url(…)`, `image-set(…)`, `expression(…)`), an at-rule, an escape or a comment
 * can load from another origin where that policy is missing or bypassed. Refused outright: no
 * legal text needs them, and a plain rule needs no CSS parser to be sure of.
 */
function styleProblem(element: string, value: string, raw: boolean): Omit<HtmlFinding, "line"> | undefined {
  if (/[(\\@]|\/\*/.test(value)) {
    return { severity: "error", message: `the style= attribute on <${element}> can load resources or run code (a function such as url(), an @-rule, an escape or a comment); remove it.` };
  }
  // markdown-it writes `style="text-align:…"` into aligned table cells itself.
  if (!raw) return undefined;
  return {
    severity: "warning",
    message: `the style= attribute on <${element}> has no effect: the pages' Content-Security-Policy blocks inline styles; ask for a class in the stylesheet instead.`,
  };
}

function checkAddresses(element: Element, page: URL, report: (node: Node, severity: HtmlFinding["severity"], message: string) => void): void {
  const name = element.tagName;
  for (const attributeName of ADDRESS_ATTRIBUTES[name] ?? []) {
    const value = element.attrs.find((a) => a.name === attributeName && !a.prefix)?.value;
    if (value === undefined) continue;
    const reading = readAddress(value, page);
    if (reading.kind === "script") {
      report(element, "error", `the ${attributeName}= attribute on <${name}> uses a javascript:, vbscript: or data: URL, which can run code; link to a page or file instead.`);
    } else if (reading.kind === "invalid") {
      report(element, "error", `the ${attributeName}= attribute on <${name}> holds "${value.slice(0, 80)}", which browsers cannot read as an address; correct it.`);
    } else if (reading.kind === "other-origin" && name === "img") {
      report(element, "error", `the src= attribute on <img> loads from another origin (${reading.url.origin}), which tells that origin who reads this page; publish the file on this site instead.`);
    } else if (reading.kind === "other-origin" && name === "a" && element.attrs.some((a) => a.name === "target")) {
      keepOpenerAway(element);
    }
  }
}

/**
 * A page opened in a new window by a link keeps a handle on the page that opened it, and learns
 * its address, unless the link says otherwise: Codicil adds `rel="noopener noreferrer"` to such
 * links to other origins (docs/content.md).
 */
function keepOpenerAway(link: Element): void {
  const rel = link.attrs.find((a) => a.name === "rel");
  const words = new Set((rel?.value ?? "").toLowerCase().split(/[\t\n\f\r ]+/).filter((w) => w !== ""));
  const missing = ["noopener", "noreferrer"].filter((w) => !words.has(w));
  if (missing.length === 0) return;
  if (rel) rel.value = [rel.value.trim(), ...missing].filter((w) => w !== "").join(" ");
  else link.attrs.push({ name: "rel", value: missing.join(" ") });
}

/** Where a node starts in the parsed HTML; elements the parser implied start where their parent does. */
function offsetOf(node: Node): number {
  for (let current: Node | null = node; current; current = "parentNode" in current ? current.parentNode : null) {
    const location = "sourceCodeLocation" in current ? current.sourceCodeLocation : undefined;
    if (location) return location.startOffset;
  }
  return 0;
}

/** The first node of `checked` that `reread` does not have as it is, if any. */
function firstDifference(checked: ParentNode, reread: ParentNode): Node | undefined {
  const pairs: [ParentNode, ParentNode][] = [[checked, reread]];
  while (pairs.length > 0) {
    const [a, b] = pairs.pop() as [ParentNode, ParentNode];
    const count = Math.max(a.childNodes.length, b.childNodes.length);
    for (let i = 0; i < count; i++) {
      const x = a.childNodes[i];
      const y = b.childNodes[i];
      if (!x || !y) return x ?? a;
      if (!sameNode(x, y)) return x;
      if (defaultTreeAdapter.isElementNode(x) && defaultTreeAdapter.isElementNode(y)) pairs.push([x, y]);
    }
  }
  return undefined;
}

function sameNode(a: Node, b: Node): boolean {
  if (a.nodeName !== b.nodeName) return false;
  if (defaultTreeAdapter.isTextNode(a) && defaultTreeAdapter.isTextNode(b)) return a.value === b.value;
  if (defaultTreeAdapter.isCommentNode(a) && defaultTreeAdapter.isCommentNode(b)) return a.data === b.data;
  if (defaultTreeAdapter.isElementNode(a) && defaultTreeAdapter.isElementNode(b)) {
    return (
      a.namespaceURI === b.namespaceURI &&
      a.attrs.length === b.attrs.length &&
      a.attrs.every((attribute, i) => {
        const other = b.attrs[i];
        return other !== undefined && other.name === attribute.name && other.value === attribute.value && other.prefix === attribute.prefix;
      })
    );
  }
  return true;
}

/** Elements that have no end tag, or whose end tag the HTML standard lets authors leave out. */
const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const OPTIONAL_END_TAG = new Set(["html", "head", "body", "li", "dt", "dd", "p", "rt", "rp", "rb", "rtc", "optgroup", "option", "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"]);

/**
 * Elements opened and never closed, and end tags that close nothing: a browser repairs both where
 * it guesses (an `<address>` left open in a list item ends with the item), the HTML checker refuses
 * them, and what the author meant is unclear; so they are errors here, at their line.
 */
function unclosedElementFindings(tree: ParentNode, html: string, origin: HtmlOrigin): HtmlFinding[] {
  const findings: HtmlFinding[] = [];
  const matchedEndTags = new Set<number>();
  const reported = new Set<number>();
  const skipped: [number, number][] = [];
  const stack: Node[] = [...tree.childNodes];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (defaultTreeAdapter.isCommentNode(node)) {
      const location = node.sourceCodeLocation;
      if (location) skipped.push([location.startOffset, location.endOffset]);
      continue;
    }
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    const location = node.sourceCodeLocation;
    if (location?.endTag) matchedEndTags.add(location.endTag.startOffset);
    for (const attribute of Object.values(location?.attrs ?? {})) skipped.push([attribute.startOffset, attribute.endOffset]);
    const name = node.tagName;
    // The parser reopens formatting elements left open (<b>, <i>) in each block after: one error each.
    if (location?.startTag && !location.endTag && !reported.has(location.startOffset) && !VOID_ELEMENTS.has(name) && !OPTIONAL_END_TAG.has(name) && ALLOWED_ELEMENTS.has(name) && node.namespaceURI === htmlSpec.NS.HTML && origin.isRaw(location.startOffset)) {
      reported.add(location.startOffset);
      findings.push({
        line: origin.lineAt(location.startOffset),
        severity: "error",
        message: `<${name}> is opened here but never closed, so a browser ends it where it guesses (an element left open in a list item ends with the item); close it with </${name}> where it should end.`,
      });
    }
    for (const child of node.childNodes) stack.push(child);
  }
  for (const match of html.matchAll(/<\/([a-zA-Z][^\s/>]*)/g)) {
    const offset = match.index;
    if (matchedEndTags.has(offset) || !origin.isRaw(offset) || skipped.some(([start, end]) => offset >= start && offset < end)) continue;
    const name = (match[1] ?? "").toLowerCase();
    findings.push({
      line: origin.lineAt(offset),
      severity: "error",
      message: `</${name}> closes no <${name}> that is open here (it is closed already, or was never opened); remove it, or move it to where the element ends.`,
    });
  }
  return findings;
}
