import { describe, expect, it } from "vitest";
import { brokenAnchorProblems, type AnchoredFile } from "../../../src/content/anchors.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";

const file = (path: string, locale: string, updated: string, markdown: string): AnchoredFile => {
  const { links, anchors } = renderMarkdown(markdown, { file: path, bodyLine: 6, pathPrefix: "/", permalinkLabel: (h) => h });
  return { file: path, locale, slug: "privacy", updated, links, anchors };
};

describe("brokenAnchorProblems", () => {
  const older = file("content/privacy/versions/2024-01-01/en.md", "en", "2024-01-01", "## Old section\n\nText.\n");
  it("accepts anchors of headings at any level and of ids in raw HTML, on the same page and on others", () => {
    const current = file(
      "content/privacy/en.md",
      "en",
      "2025-01-01",
      '## Scope\n\n#### Deep one\n\n<p id="raw-anchor">x</p>\n\n[a](#scope) [b](#deep-one) [c](#raw-anchor) [d](/en/privacy/#old-section) [e](/en/privacy/2024-01-01/#old-section)\n',
    );
    expect(brokenAnchorProblems([older, current])).toEqual([]);
  });

  it.each([
    ["#nope", "#nope"],
    ["/en/privacy/2024-01-01/#scope", "#scope"],
    ["/en/privacy/#missing", "#missing"],
  ])("reports %s at its line", (href, fragment) => {
    const current = file("content/privacy/en.md", "en", "2025-01-01", `## Scope\n\nText\nand [x](${href}).\n`);
    expect(brokenAnchorProblems([older, current])).toEqual([
      expect.objectContaining({ file: "content/privacy/en.md", line: 9, message: expect.stringContaining(`points to ${fragment}`) }),
    ]);
  });

  it("names the nearest anchors of that page", () => {
    const current = file("content/privacy/en.md", "en", "2025-01-01", "## Your rights\n\n## Data tools\n\n[x](#your-right) [y](#datatools) [z](#something-else)\n");
    expect(brokenAnchorProblems([older, current]).map((p) => p.message.split("#your-rights).")[1])).toEqual([" Did you mean #your-rights?", " Did you mean #data-tools?", ""]);
  });

  it("leaves links to pages it does not know to the other checks", () => {
    const current = file("content/privacy/en.md", "en", "2025-01-01", "[x](/en/terms/#a) [y](/en/privacy/history/#b)\n");
    expect(brokenAnchorProblems([older, current])).toEqual([]);
  });
});
