import { describe, expect, it } from "vitest";
import { renderMarkdown, type RenderContext } from "../../../src/markdown/renderer.ts";
import { slugify } from "../../../src/markdown/slugify.ts";

const context: RenderContext = {
  file: "content/privacy/en.md",
  bodyLine: 10,
  pathPrefix: "/legal/",
  permalinkLabel: (heading) => `Link to ${heading}`,
};
const render = (body: string) => renderMarkdown(body, context);
const errors = (body: string) => render(body).problems.filter((p) => p.severity === "error");

describe("raw HTML that can run code is rejected, with the line it is on", () => {
  it.each([
    ["script block", "Text.\n\n<script>alert(1)</script>\n", 12, "<script> is not allowed"],
    ["script inside a block", "<div>\n\n<p>ok</p>\n<script src=\"/x.js\"></script>\n</div>\n", 13, "<script> is not allowed"],
    ["inline script", "Hello <script>alert(1)</script> there.\n", 10, "<script> is not allowed"],
    ["style element", "<style>body { background: url(https://t.example/x) }</style>\n", 10, "<style> is not allowed"],
    ["event handler", "A <span onclick=\"steal()\">word</span>.\n", 10, "the onclick= attribute on <span> runs code"],
    ["event handler in upper case", "<DIV ONLOAD=\"x()\">a</DIV>\n", 10, "the onload= attribute"],
    ["event handler on the third line of a paragraph", "One\ntwo\nthree <img src=\"/a.png\" onerror=\"x()\">\n", 12, "the onerror= attribute"],
    ["javascript: in raw HTML", "<a href=\"javascript:alert(1)\">x</a>\n", 10, "javascript:, vbscript: or data: URL"],
    ["javascript: hidden with entities", "<a href=\"jav&#x61;script:alert(1)\">x</a>\n", 10, "javascript:, vbscript: or data: URL"],
    ["javascript: hidden with a tab", "<a href=\"java\tscript:alert(1)\">x</a>\n", 10, "javascript:, vbscript: or data: URL"],
    ["javascript: in a Markdown link", "[click](javascript:alert(1))\n", 10, "javascript:, vbscript: or data: URL"],
    ["vbscript: in a Markdown link", "[click](vbscript:msgbox(1))\n", 10, "javascript:, vbscript: or data: URL"],
    ["data: URL in a Markdown link", "[click](data:text/html;base64,PHNjcmlwdD4=)\n", 10, "javascript:, vbscript: or data: URL"],
    ["data: URL image", "![x](data:image/svg+xml;base64,PHN2Zz4=)\n", 10, "javascript:, vbscript: or data: URL"],
    ["iframe", "<iframe src=\"/en/cookies/\"></iframe>\n", 10, "<iframe> is not allowed"],
    ["object", "<object data=\"/a.swf\"></object>\n", 10, "<object> is not allowed"],
    ["embed", "<embed src=\"/a.swf\">\n", 10, "<embed> is not allowed"],
    ["svg with script", "<svg><script>alert(1)</script></svg>\n", 10, "<svg> is not allowed"],
    ["form", "<form action=\"https://x.example\"><button>Go</button></form>\n", 10, "<form> is not allowed"],
    ["meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">\n", 10, "<meta> is not allowed"],
    ["base", "<base href=\"https://x.example/\">\n", 10, "<base> is not allowed"],
    ["srcdoc", "<div srcdoc=\"<script>x</script>\">a</div>\n", 10, "srcdoc"],
    ["style attribute with expression", "<p style=\"width: expression(alert(1))\">a</p>\n", 10, "can load resources or run code"],
    ["image from another origin", "![tracker](https://t.example/pixel.gif)\n", 10, "loaded from another origin"],
    ["a ping to another origin", "<a href=\"/en/cookies/\" ping=\"https://t.example/p\">x</a>\n", 10, "the ping= attribute is not allowed on <a>"],
    ["raw image from another origin", "<img src=\"//t.example/pixel.gif\" alt=\"\">\n", 10, "loads from another origin"],
  ])("%s", (_, body, line, message) => {
    expect(errors(body)).toContainEqual(expect.objectContaining({ file: context.file, line, message: expect.stringContaining(message) }));
  });

  it.each([
    ["abbr", "The <abbr title=\"General Data Protection Regulation\">GDPR</abbr> applies.\n"],
    ["line break in a table cell", "| a | b |\n|---|---|\n| one<br>two | three |\n"],
    ["details", "<details><summary>More</summary>\n\nText.\n\n</details>\n"],
    ["a link to another site", "[Supervisory authority](https://www.example.org/authority)\n"],
    ["mailto", "<privacy@example.com> and [write](mailto:privacy@example.com)\n"],
    ["same-site image", "![logo](/en/cookies/)\n"],
  ])("allows harmless HTML and links: %s", (_, body) => {
    expect(errors(body)).toEqual([]);
  });

  it("warns that inline styles are blocked rather than silently dropping them", () => {
    expect(render("<p style=\"color: red\">a</p>\n").problems).toEqual([
      expect.objectContaining({ severity: "warning", message: expect.stringContaining("Content-Security-Policy") }),
    ]);
  });

  it("reports every problem of a body, not just the first", () => {
    expect(errors("<script>a</script>\n\n[x](javascript:y)\n\n<b onclick=\"z\">b</b>\n").map((p) => p.line)).toEqual([10, 12, 14]);
  });

  it.each([
    ["on the third line of an HTML block", 'Intro.\n\n<div>\n<p>ok</p>\n<span onclick="x">a</span>\n</div>\n', [14]],
    ["in an HTML block inside a quote", '> <div>\n> <p>x</p>\n> <img src="/a.png" onerror="x">\n> </div>\n', [12]],
    ["after a tag that spans two lines, for the tag and for a link after it", 'A <span\nonclick="x">b</span> and\n[x](javascript:y)\n', [10, 12]],
    ["in HTML after a table", '| a |\n|---|\n| b |\n\nText <b onclick="x">c</b>\n', [14]],
  ])("reports raw HTML at its Markdown line: %s", (_, body, lines) => {
    expect(errors(body).map((p) => p.line)).toEqual(lines);
  });

  it("refuses HTML nested deeper than legal text needs, at the line where it gets too deep, and publishes none of it", () => {
    const body = `Intro.\n\n<div>\n${"<div>".repeat(100)}\n${"<span>".repeat(20_000)}x\n`;
    const { html, problems } = render(body);
    expect(problems).toEqual([expect.objectContaining({ severity: "error", line: 14, message: expect.stringContaining("nested more than 256 elements deep") })]);
    expect(html).toBe("");
  });

  it("finds unsafe tags even when an earlier tag is left open", () => {
    expect(errors("<div><p><span>text <iframe src=x>\n").map((p) => p.message)).toEqual([
      expect.stringContaining("<iframe> is not allowed"),
      expect.stringContaining("<div> is opened here but never closed"),
      expect.stringContaining("<span> is opened here but never closed"),
    ]);
  });
});

describe("links inside the site", () => {
  it("collects site-root links, decoded and with their lines, and adds the pathPrefix", () => {
    const { html, problems, internalLinks } = render("See [cookies](/en/cookies/#table) and\n[the text](/de/privacy%20notice/) ![logo](/assets/logo.png).\n");
    expect(problems).toEqual([]);
    expect(internalLinks).toEqual([
      { path: "/en/cookies/", line: 10 },
      { path: "/de/privacy notice/", line: 11 },
      { path: "/assets/logo.png", line: 11 },
    ]);
    expect(html).toContain('href="/legal/en/cookies/#table"');
    expect(html).toContain('href="/legal/de/privacy%20notice/"');
  });

  it.each(["../cookies/", "cookies/", "./x"])("rejects the relative link %s", (url) => {
    expect(errors(`[x](${url})\n`)).toEqual([expect.objectContaining({ message: expect.stringContaining("write it from the site root") })]);
  });

  it("leaves same-page anchors alone", () => {
    expect(render("[up](#scope)\n").problems).toEqual([]);
  });
});

describe("rendering", () => {
  it("never runs legal text as a template", () => {
    expect(render("Price: {{ price }} and {% if x %}.\n").html).toContain("Price: {{ price }} and {% if x %}.");
  });

  it("does not change quotes or dashes (typographer is off)", () => {
    expect(render('"Data" -- (c) ...\n').html).toContain("&quot;Data&quot; -- (c) ...");
  });

  it("builds a two-level table of contents from ## and ###, without the permalink text", () => {
    const { toc } = render("## One\n\n### One *a*\n\n#### Deep\n\n## Two `code`\n");
    expect(toc).toEqual([
      { id: "one", text: "One", children: [{ id: "one-a", text: "One a", children: [] }] },
      { id: "two-code", text: "Two code", children: [] },
    ]);
  });

  it("makes repeated headings unique within a document", () => {
    expect(render("## Contact\n\n## Contact\n").toc.map((e) => e.id)).toEqual(["contact", "contact-1"]);
  });

  it("adds a permalink with a localized label for screen readers", () => {
    expect(render("## Scope\n").html).toContain('<a class="heading-permalink" href="#scope"><span class="visually-hidden">Link to Scope</span>');
  });

  it("renders GFM tables", () => {
    expect(render("| a | b |\n|---|---|\n| 1 | 2 |\n").html).toContain("<table>");
  });

  it("warns about a level-1 heading in the body", () => {
    expect(render("# Title again\n").problems).toEqual([expect.objectContaining({ severity: "warning", line: 10 })]);
  });
});

describe("slugify", () => {
  it.each([
    ["Who we are", "who-we-are"],
    ["Données personnelles", "données-personnelles"],
    ["البيانات التي نجمعها", "البيانات-التي-نجمعها"],
    ["1. Scope & purpose", "1-scope-purpose"],
    ["  --Hello--  ", "hello"],
    ["!!!", "section"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
  ])("%s → %s", (text, slug) => expect(slugify(text)).toBe(slug));
});
