import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAddress } from "../../../src/addresses/browser-addresses.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";
import { outsideAllowlist, readAsBrowser, readTwice, type PlainNode } from "../../support/html-tree.ts";

/**
 * Random HTML fragments, allowed and refused elements mixed with every trick that makes a parser
 * and a browser disagree: whatever the renderer publishes without an error holds, as parse5 (a
 * browser) reads it, only allowed elements and attributes, no script address, no image from
 * another origin, and reads back the same when serialised and parsed again.
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
const closeTag = fc.constantFrom(...TAGS).map((tag) => `</${tag}>`);
const oddity = fc.constantFrom("<pre>\n\n", "<!-- c -->", "<!-->", "<!--->", "--!>", "-->", "<![CDATA[ >", "]]>", "<?x >", "<!DOCTYPE html>", "<", ">", "&", "&lt;", "\n", "\n\n", "`", "[l](", ")", "![i](", "  ", "\t");
const text = fc.string({ maxLength: 6 });

/** A fragment whose tags nest (the tree builder's work) as well as random sequences of tokens. */
const nested: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(openTag, closeTag, oddity, text),
    fc.tuple(openTag, fc.array(tie("node"), { maxLength: 3 }), closeTag).map(([open, inner, close]) => `${open}${inner.join("")}${close}`),
  ),
})).node;
// A line that starts with <div> makes the rest of the block raw HTML, not a paragraph of Markdown.
const fragment = fc.tuple(fc.constantFrom("", "<div>\n", "<div>"), fc.array(nested, { minLength: 1, maxLength: 8 })).map(([start, parts]) => `${start}${parts.join("")}\n`);

const render = (body: string) => renderMarkdown(body, { file: "content/x/en.md", bodyLine: 6, pathPrefix: "/", siteUrl: "https://legal.example", permalinkLabel: (h) => h });
const PAGE = new URL("https://legal.example/");

/** Script addresses anywhere, and images from another origin. */
function unsafeAddresses(nodes: readonly PlainNode[]): string[] {
  const found: string[] = [];
  const visit = (node: PlainNode) => {
    if (!("element" in node)) return;
    for (const [name, value] of node.attributes) {
      if (!["href", "src", "cite"].includes(name)) continue;
      const reading = readAddress(value, PAGE);
      if (reading.kind === "script" || (name === "src" && reading.kind !== "same-origin")) found.push(`${node.element}@${name}=${value}`);
    }
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return found;
}

describe("property: raw HTML", () => {
  it("publishes, without an error, only allowed elements and attributes, safe addresses, and a tree that reads back the same", () => {
    let published = 0;
    fc.assert(
      fc.property(fragment, (body) => {
        const { html, problems } = render(body);
        for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(6);
        if (problems.some((p) => p.severity === "error")) return;
        published++;
        const tree = readAsBrowser(html);
        expect(outsideAllowlist(tree)).toEqual([]);
        expect(unsafeAddresses(tree)).toEqual([]);
        expect(readTwice(html)).toEqual(tree);
      }),
      { numRuns: 3000 },
    );
    // A generator that only ever produced refused HTML would prove nothing.
    expect(published).toBeGreaterThan(300);
  });
});
