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
const closeTag = fc.constantFrom(...TAGS).map((tag) => `</${tag}>`);
const oddity = fc.constantFrom("<pre>\n\n", "<!-- c -->", "<!-->", "<!--->", "--!>", "-->", "<![CDATA[ >", "]]>", "<?x >", "<!DOCTYPE html>", "<", ">", "&", "&lt;", "\n", "\n\n", "`", "[l](", ")", "![i](", "  ", "\t");
const text = fc.string({ maxLength: 6 });

/** A fragment whose tags nest (the tree builder's work) as well as random sequences of tokens. */
const nested: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(openTag, addressTag, closeTag, oddity, text),
    fc.tuple(openTag, fc.array(tie("node"), { maxLength: 3 }), closeTag).map(([open, inner, close]) => `${open}${inner.join("")}${close}`),
  ),
})).node;
// A line that starts with <div> makes the rest of the block raw HTML, not a paragraph of Markdown.
export const htmlFragment = fc.tuple(fc.constantFrom("", "<div>\n", "<div>"), fc.array(nested, { minLength: 1, maxLength: 8 })).map(([start, parts]) => `${start}${parts.join("")}\n`);

