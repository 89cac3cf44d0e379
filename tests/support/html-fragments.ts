import fc from "fast-check";

/**
 * Random raw HTML for property tests: allowed and refused elements mixed with every trick that
 * makes a parser and a browser disagree (handlers, styles, addresses of every scheme, comments,
 * CDATA, raw-text elements, foreign content, nesting).
 */
const TAGS = [
  "p", "div", "span", "a", "img", "br", "table", "tr", "td", "th", "tbody", "ul", "li", "details", "summary", "abbr", "pre", "code", "em", "sup", "q", "blockquote", "dl", "dd",
  "script", "style", "iframe", "noscript", "textarea", "title", "xmp", "plaintext", "noembed", "noframes", "template", "svg", "math", "mtext", "mglyph", "annotation-xml",
  "foreignObject", "desc", "form", "input", "button", "meta", "base", "link", "object", "embed", "select", "option", "frameset", "image", "SCRIPT", "Svg",
];
/** The first of TAGS, the ones a document may hold. */
const ALLOWED_TAGS = TAGS.slice(0, TAGS.indexOf("script"));
const SCHEMES = ["", "https:", "http:", "javascript:", "JaVaScRiPt:", "java\tscript:", "jav&#x61;script:", "&#106;avascript:", "vbscript:", "data:", "mailto:", "//", "/\\", "\\\\", " \u0001javascript:", "ftp:"];
const HOSTS = ["legal.example", "evil.example", "legal.example@evil.example", ""];
const address = fc.tuple(fc.constantFrom(...SCHEMES), fc.constantFrom(...HOSTS), fc.constantFrom("/", "/p.gif", "alert(1)", "x?y#z")).map(([s, h, p]) => `${s}${h}${p}`);
const attributeName = fc.constantFrom("href", "src", "cite", "title", "id", "class", "style", "onclick", "onerror", "ONLOAD", "srcdoc", "formaction", "xlink:href", "srcset", "ping", "target", "rel", "action", "background", "data", "is", "encoding");
const attributeValue = fc.oneof(address, fc.constantFrom("_blank", "noopener", "text/html", "color: red", "background:url(//evil.example/p.gif)", "u\\72l(x)", "x\"><script>alert(1)</script>", "</noscript><img src=x onerror=alert(1)>"), fc.string({ maxLength: 8 }));
const quote = fc.constantFrom('"', "'", "");
const attribute = fc.tuple(attributeName, attributeValue, quote).map(([name, value, q]) => (q === "" ? ` ${name}=${value.replace(/[\s>"'=<`]/g, "")}` : ` ${name}=${q}${value.replaceAll(q, "")}${q}`));
const openTag = fc.tuple(fc.constantFrom(...TAGS), fc.array(attribute, { maxLength: 3 }), fc.constantFrom(">", "/>", " >")).map(([tag, attrs, end]) => `<${tag}${attrs.join("")}${end}`);
// Elements that take an address, often enough that accepted fragments carry many addresses.
const addressTag = fc.tuple(fc.constantFrom("img src", "a href", "q cite", "img alt=x src"), address, quote).map(([start, value, q]) => `<${start}=${q}${q === "" ? value.replace(/[\s>"'=<`]/g, "") : value.replaceAll(q, "")}${q}>`);
// The same, closed (an element left open is refused, so accepted fragments need these).
const closedAddressTag = fc.tuple(addressTag, fc.string({ maxLength: 4 })).map(([open, inner]) => (open.startsWith("<img") ? open : `${open}${inner.replace(/[<&]/g, "")}</${open.slice(1, 2)}>`));
const closeTag = fc.constantFrom(...TAGS).map((tag) => `</${tag}>`);
const oddity = fc.constantFrom("<pre>\n\n", "<!-- c -->", "<!-->", "<!--->", "--!>", "-->", "<![CDATA[ >", "]]>", "<?x >", "<!DOCTYPE html>", "<", ">", "&", "&lt;", "\n", "\n\n", "`", "[l](", ")", "![i](", "  ", "\t");
const text = fc.string({ maxLength: 6 });

/** A fragment whose tags nest (the tree builder's work) as well as random sequences of tokens. */
const nested: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(openTag, addressTag, closeTag, oddity, text),
    fc.tuple(openTag, fc.array(tie("node"), { maxLength: 3 }), closeTag).map(([open, inner, close]) => `${open}${inner.join("")}${close}`),
    // Elements closed where they were opened, more often: an element left open, or an end tag that
    // closes nothing, is refused, and the accepted fragments are the ones whose reading is tested.
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...ALLOWED_TAGS), fc.array(attribute, { maxLength: 3 }), fc.array(fc.oneof(tie("node"), closedAddressTag, oddity, text), { maxLength: 3 }))
        .map(([tag, attrs, inner]) => `<${tag}${attrs.join("")}>${inner.join("")}</${tag}>`),
      weight: 4,
    },
    { arbitrary: fc.oneof(closedAddressTag, text), weight: 4 },
  ),
})).node;
// A line that starts with <div> makes the rest of the block raw HTML, not a paragraph of Markdown.
export const htmlFragment = fc
  .tuple(fc.constantFrom(["", ""], ["<div>\n", "</div>"], ["<div>", "</div>"], ["<div>\n", ""]), fc.array(nested, { minLength: 1, maxLength: 5 }))
  .map(([[start, end], parts]) => `${start}${parts.join("")}${end}\n`);

