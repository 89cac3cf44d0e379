/**
 * The HTML a document may contain: what legal text needs (docs/content.md lists it for editors),
 * plus what markdown-it and Codicil itself write (heading permalinks, cookie tables). Everything
 * else is refused, so a browser feature nobody thought of cannot slip through a deny list.
 */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  // text
  "p", "br", "wbr", "hr", "span", "div", "blockquote", "pre", "address",
  "h1", "h2", "h3", "h4", "h5", "h6",
  "em", "strong", "b", "i", "u", "s", "small", "mark", "sub", "sup", "abbr", "dfn", "cite", "q",
  "code", "kbd", "samp", "var", "time", "data", "bdi", "bdo", "ruby", "rt", "rp", "ins", "del",
  // lists
  "ul", "ol", "li", "dl", "dt", "dd",
  // tables
  "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
  // links, pictures, folding
  "a", "img", "figure", "figcaption", "details", "summary",
]);

/** Attributes any allowed element may carry: none of them loads, links or runs anything. */
const GLOBAL_ATTRIBUTES: ReadonlySet<string> = new Set(["id", "class", "title", "lang", "dir", "translate", "role", "tabindex", "style"]);

const ELEMENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "hreflang", "rel", "target", "type"],
  img: ["src", "alt", "width", "height", "loading", "decoding"],
  q: ["cite"],
  blockquote: ["cite"],
  ins: ["cite", "datetime"],
  del: ["cite", "datetime"],
  time: ["datetime"],
  data: ["value"],
  ol: ["start", "reversed", "type"],
  li: ["value"],
  td: ["colspan", "rowspan", "headers"],
  th: ["colspan", "rowspan", "headers", "scope", "abbr"],
  col: ["span"],
  colgroup: ["span"],
  details: ["open"],
};

/** Attributes whose value is an address (checked with `readAddress`), by element. */
export const ADDRESS_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href"],
  img: ["src"],
  q: ["cite"],
  blockquote: ["cite"],
  ins: ["cite"],
  del: ["cite"],
};

export function isAllowedAttribute(element: string, attribute: string): boolean {
  return GLOBAL_ATTRIBUTES.has(attribute) || /^aria-[a-z]+$/.test(attribute) || (ELEMENT_ATTRIBUTES[element]?.includes(attribute) ?? false);
}

/** Why the elements editors reach for most often are refused, for a message that says so. */
export const REFUSED_ELEMENT_REASONS: Readonly<Record<string, string>> = {
  script: "runs code",
  noscript: "is read differently depending on whether scripts run",
  style: "can load resources and restyle the whole page; styling belongs in the site's stylesheet",
  iframe: "embeds another page",
  frame: "embeds another page",
  frameset: "embeds other pages",
  object: "embeds plug-in content that can run code",
  embed: "embeds plug-in content that can run code",
  applet: "runs code",
  base: "changes where every link on the page points",
  link: "loads resources into the page",
  meta: "can redirect or reconfigure the page",
  form: "sends readers' data somewhere",
  svg: "can contain scripts and event handlers; publish the picture as an image file instead",
  math: "can carry links and handlers that bypass the checks; write formulas as text",
  portal: "embeds another page",
  template: "holds markup that scripts can activate",
  textarea: "turns the rest of the text into a form field",
  title: "changes the page's title",
  xmp: "turns the rest of the text into raw markup",
  plaintext: "turns the rest of the page into raw markup",
  video: "loads media",
  audio: "loads media",
  source: "loads media",
  picture: "loads images by rules of its own; use a plain <img>",
};
