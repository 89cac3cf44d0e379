import { describe, expect, it } from "vitest";
import { newInlineCache } from "../../../src/markdown/inline-cache.ts";
import { renderMarkdown, type RenderContext } from "../../../src/markdown/renderer.ts";

/**
 * A document's files share one cache of parsed paragraphs (`src/markdown/inline-cache.ts`). Every
 * file must render exactly as it would alone: same HTML, sections, links and problems with their
 * lines, whatever the files before it held.
 */
const context = (file: string): RenderContext => ({ file, bodyLine: 5, pathPrefix: "/legal/", permalinkLabel: (heading) => `Link to ${heading}` });

const FILES: readonly (readonly [string, string])[] = [
  [
    "content/privacy/en.md",
    [
      "## Scope",
      "",
      "We keep *your* data for [30 days](/en/retention/#periods) and write to privacy@example.com or https://example.com/contact. ![The *seal*](/en/seal.png)",
      "",
      "- See the [cookie policy](/en/cookies/).",
      "- A <span onclick=\"x()\">handler</span> here.",
      "",
      "| Name | Purpose |",
      "| --- | --- |",
      "| `sid` | keeps you signed in |",
      "",
    ].join("\n"),
  ],
  [
    "content/privacy/versions/2024-01-01/en.md",
    [
      "Intro line before any heading.",
      "",
      "## Scope",
      "",
      "A paragraph only this version has,",
      "over two lines with a [link](/en/terms/).",
      "",
      "We keep *your* data for [30 days](/en/retention/#periods) and write to privacy@example.com or https://example.com/contact. ![The *seal*](/en/seal.png)",
      "",
      "- A <span onclick=\"x()\">handler</span> here.",
      "- See the [cookie policy](/en/cookies/).",
      "",
    ].join("\n"),
  ],
  [
    // Defines a link reference: `[the terms]` is a link in this file and plain text in the others.
    "content/privacy/versions/2023-01-01/en.md",
    ["## Scope", "", "Read [the terms] first.", "", "We keep *your* data for [30 days](/en/retention/#periods) and write to privacy@example.com or https://example.com/contact. ![The *seal*](/en/seal.png)", "", "[the terms]: /en/terms/", ""].join("\n"),
  ],
  ["content/privacy/versions/2022-01-01/en.md", ["## Scope", "", "Read [the terms] first.", ""].join("\n")],
];

const alone = (file: string, body: string) => renderMarkdown(body, context(file));

describe("a document's files rendered with one cache of parsed paragraphs", () => {
  it.each([
    ["in folder order", FILES],
    ["in reverse order", [...FILES].reverse()],
  ])("render exactly as each file alone, %s", (_, files) => {
    const inlineCache = newInlineCache();
    for (const [file, body] of files) {
      expect(renderMarkdown(body, { ...context(file), inlineCache }), file).toEqual(alone(file, body));
    }
  });

  it("parses a paragraph repeated across files once, and keeps each file's own problems and lines", () => {
    const inlineCache = newInlineCache();
    const [first, second] = FILES.slice(0, 2).map(([file, body]) => renderMarkdown(body, { ...context(file), inlineCache }));
    // The heading, the shared paragraph, two list items, two table headers and two cells: 8 in
    // the first file; the second adds only its intro line and its own paragraph.
    expect(inlineCache.tokens.size).toBe(8 + 2);
    expect(first?.problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([[10, expect.stringContaining("onclick")]]);
    expect(second?.problems.map((p) => p.line)).toEqual([14]);
    // The path prefix is added to each file's own copy of a cached link, once.
    expect(second?.html).toContain('href="/legal/en/retention/#periods"');
    expect(second?.html).not.toContain("/legal/legal/");
    expect(second?.html).toContain('<img src="/legal/en/seal.png" alt="The seal">');
    expect(second?.internalLinks).toEqual([
      { path: "/en/terms/", line: 10 },
      { path: "/en/retention/", line: 12 },
      { path: "/en/seal.png", line: 12 },
      { path: "/en/cookies/", line: 15 },
    ]);
  });

  it("resolves link references per file: a file that defines one is parsed without the cache", () => {
    const inlineCache = newInlineCache();
    const rendered = FILES.map(([file, body]) => renderMarkdown(body, { ...context(file), inlineCache }).html);
    expect(rendered[2]).toContain('<a href="/legal/en/terms/">the terms</a>');
    expect(rendered[3]).toContain("Read [the terms] first.");
  });
});
