import { describe, expect, it } from "vitest";
import { parseCookieTableTag } from "../../../../src/markdown/cookie-table.ts";
import { renderMarkdown, type RenderContext } from "../../../../src/markdown/renderer.ts";

/** A hook that shows what it was asked for, so the tests see category and ordinal. */
const hook: RenderContext["cookieTable"] = (category, ordinal) => `<div class="table" data-category="${category ?? "all"}" data-ordinal="${ordinal}"></div>\n`;
const context: RenderContext = {
  file: "content/cookies/en.md",
  bodyLine: 8,
  pathPrefix: "/",
  permalinkLabel: (heading) => heading,
  cookieTable: hook,
};
const render = (body: string, extra: Partial<RenderContext> = {}) => renderMarkdown(body, { ...context, ...extra });

describe("parseCookieTableTag", () => {
  it.each([
    ["{% cookieTable %}", {}],
    ["{%cookieTable%}", {}],
    ['{% cookieTable "analytics" %}', { category: "analytics" }],
    ["{% cookieTable 'marketing' %}", { category: "marketing" }],
    ['  {% cookieTable "necessary" %}  ', { category: "necessary" }],
  ])("%s", (line, expected) => {
    expect(parseCookieTableTag(line)).toEqual(expected);
  });

  it.each([
    ['{% cookieTable "tracking" %}', 'unknown cookie category "tracking" in {% cookieTable %}; use one of necessary, functional, analytics, marketing'],
    ['{% cookieTable "" %}', 'unknown cookie category ""'],
    ['{% cookieTable "Analytics" %}', 'write the cookie category as "analytics"'],
    ["{% cookieTable analytics %}", 'is not a cookie table tag; write {% cookieTable %} for every cookie or {% cookieTable "analytics" %}'],
    ['{% cookieTable "analytics" "marketing" %}', "is not a cookie table tag"],
    ["{% cookietable %}", "is not a cookie table tag"],
    ["{% cookie_table %}", "is not a cookie table tag"],
    ["{% cookieTables %}", "is not a cookie table tag"],
    ['{% cookieTable "analytics"', "is not a cookie table tag"],
    ["{{ cookieTable }}", undefined],
  ])("%s", (line, message) => {
    const tag = parseCookieTableTag(line);
    if (message === undefined) expect(tag).toBeUndefined();
    else expect(tag && "problem" in tag && tag.problem).toContain(message);
  });

  it("leaves other lines alone", () => {
    for (const line of ["Text", "{% include 'x' %}", "{{ literal }}", "{%", ""]) expect(parseCookieTableTag(line)).toBeUndefined();
  });
});

describe("{% cookieTable %} in a document", () => {
  it("becomes the tables, counted per document so ids stay unique", () => {
    const { html, problems } = render('## Cookies\n\n{% cookieTable %}\n\nText.\n\n{% cookieTable "analytics" %}\n');
    expect(problems).toEqual([]);
    expect(html).toContain('<div class="table" data-category="all" data-ordinal="1"></div>');
    expect(html).toContain('<div class="table" data-category="analytics" data-ordinal="2"></div>');
    expect(html).not.toContain("{%");
  });

  it("needs no blank line around it, and works inside a list item or a quote", () => {
    const { html, problems } = render('Intro line\n{% cookieTable %}\nNext line\n\n- item\n\n  {% cookieTable "marketing" %}\n\n> {% cookieTable "necessary" %}\n');
    expect(problems).toEqual([]);
    expect(html).toMatch(/<p>Intro line<\/p>\n<div class="table" data-category="all" data-ordinal="1"><\/div>\n<p>Next line<\/p>/);
    expect(html).toContain('data-category="marketing" data-ordinal="2"');
    expect(html).toContain('data-category="necessary" data-ordinal="3"');
  });

  it("stays literal text in code, as all legal text does", () => {
    const { html, problems } = render("```\n{% cookieTable %}\n```\n\n    {% cookieTable %}\n\nUse `{% cookieTable %}` here.\n");
    expect(problems).toEqual([]);
    expect(html).not.toContain('class="table"');
    expect(html.match(/\{% cookieTable %\}/g)).toHaveLength(3);
  });

  it("reports an unknown category or a malformed tag at its line in the document", () => {
    const { html, problems } = render('## Cookies\n\n{% cookieTable "tracking" %}\n\n{% cookieTable analytics %}\n');
    expect(problems).toEqual([
      expect.objectContaining({ file: "content/cookies/en.md", line: 10, severity: "error", message: expect.stringContaining('unknown cookie category "tracking"') }),
      expect.objectContaining({ file: "content/cookies/en.md", line: 12, severity: "error", message: expect.stringContaining("is not a cookie table tag") }),
    ]);
    expect(html).not.toContain("cookieTable");
  });

  it("is an error that says to create content/cookies.yaml when the site has none", () => {
    const { problems } = render("Text.\n\n{% cookieTable %}\n", { cookieTable: undefined });
    expect(problems).toEqual([
      expect.objectContaining({ line: 10, severity: "error", message: expect.stringContaining("{% cookieTable %} needs content/cookies.yaml, which does not exist; create it") }),
    ]);
  });

  it("warns when a tag sits inside a sentence, where it would be printed as text", () => {
    const { html, problems } = render('One.\nSee {% cookieTable "analytics" %} below.\n\n<div>\n{% cookieTable %}\n</div>\n');
    expect(problems).toEqual([
      expect.objectContaining({ line: 9, severity: "warning", message: expect.stringContaining("printed as text") }),
      expect.objectContaining({ line: 12, severity: "warning", message: expect.stringContaining("printed as text") }),
    ]);
    // The file has raw HTML, so parse5 serialises it: quotes in text are no longer escaped.
    expect(html).toContain('See {% cookieTable "analytics" %} below.');
  });

  it("leaves the text sections and the table of contents as they were", () => {
    const { toc, sections } = render("## Cookies\n\n{% cookieTable %}\n\nText.\n");
    expect(toc.map((t) => t.id)).toEqual(["cookies"]);
    expect(sections).toEqual([{ id: "cookies", heading: "Cookies", level: 2, blocks: [{ kind: "paragraph", text: "Text.", targets: [] }] }]);
  });
});
