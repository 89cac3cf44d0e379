import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENT_PAGE_IDS, isDocumentPageId } from "../../../src/markdown/page-ids.ts";
import { renderMarkdown, type RenderContext } from "../../../src/markdown/renderer.ts";
import { REPO } from "../../support/sites.ts";

const TEMPLATES = path.join(REPO, "templates");

/** The templates a document page is made of: document.njk and everything it extends, imports and includes. */
function templatesOfDocumentPage(): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(path.join(TEMPLATES, name), "utf8");
    for (const match of text.matchAll(/\{%-?\s*(?:extends|include|import|from)\s+"([^"]+)"|renderOnce\("([^"]+)"\)/g)) visit((match[1] ?? match[2])!);
  };
  visit("layouts/document.njk");
  // The cookie tables are rendered into the document's text, which the page holds.
  visit("partials/cookie-table.njk");
  return [...seen];
}

const context: RenderContext = {
  file: "content/privacy/en.md",
  bodyLine: 6,
  pathPrefix: "/",
  permalinkLabel: (heading) => `Link to ${heading}`,
};

describe("the ids a document page holds besides its text", () => {
  it("are exactly those its templates write, so the list cannot go stale", () => {
    const files = templatesOfDocumentPage();
    expect(files).toContain("layouts/base.njk");
    expect(files).toContain("partials/toc.njk");
    const written = new Set(files.flatMap((file) => [...readFileSync(path.join(TEMPLATES, file), "utf8").matchAll(/\bid="([^"]*)"/g)].map((m) => m[1])));
    expect(written).toEqual(new Set(DOCUMENT_PAGE_IDS.keys()));
  });

  it.each([
    ["main", true],
    ["document-title", true],
    ["toc-title", true],
    ["cookie-table_2_analytics", true],
    ["main-1", false],
    ["mainly", false],
    ["scope", false],
  ])("%s is the page's own: %s", (id, own) => expect(isDocumentPageId(id)).toBe(own));
});

describe("heading ids never take the page's own", () => {
  const ids = (body: string) => [...renderMarkdown(body, context).html.matchAll(/<h[2-6] id="([^"]+)"/g)].map((m) => m[1]);

  it("suffixes a heading whose slug the page uses, the same way every time", () => {
    const body = "## Main\n\ntext\n\n## Document title\n\n## Main\n\n## TOC title\n\n## Main 1\n\n## Scope\n";
    expect(ids(body)).toEqual(["main-1", "document-title-1", "main-2", "toc-title-1", "main-1-1", "scope"]);
    expect(ids(body)).toEqual(ids(body));
    const rendered = renderMarkdown(body, context);
    expect(rendered.toc.map((entry) => entry.id)).toEqual(["main-1", "document-title-1", "main-2", "toc-title-1", "main-1-1", "scope"]);
    expect(rendered.html).toContain('href="#main-1"');
  });

  it("lets the cookie tables in the text keep their ids beside raw HTML", () => {
    const cookieTable = (_category: unknown, ordinal: number) => `<table><caption><span id="cookie-table_${ordinal}_analytics">Analytics</span></caption></table>\n`;
    const { problems, html } = renderMarkdown("## Cookies\n\n{% cookieTable %}\n\n<abbr title=\"x\">X</abbr>\n", { ...context, cookieTable });
    expect(html).toContain('id="cookie-table_1_analytics"');
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const written = renderMarkdown('## Cookies\n\n{% cookieTable %}\n\n<span id="cookie-table_1_analytics">x</span>\n', { ...context, cookieTable }).problems;
    expect(written).toContainEqual(expect.objectContaining({ line: 10, message: expect.stringContaining('id="cookie-table_1_analytics" is an id the page itself uses') }));
  });

  it("refuses an explicit id the page uses, on its line", () => {
    const { problems } = renderMarkdown('## Scope\n\ntext\n\n<span id="main">x</span>\n\n<p id="toc-title">y</p>\n', context);
    const errors = problems.filter((p) => p.severity === "error");
    expect(errors).toEqual([
      expect.objectContaining({ line: 10, message: expect.stringContaining('id="main" is an id the page itself uses (the skip link\'s target)') }),
      expect.objectContaining({ line: 12, message: expect.stringContaining('id="toc-title" is an id the page itself uses') }),
    ]);
  });
});
