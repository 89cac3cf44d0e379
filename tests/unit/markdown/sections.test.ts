import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";

const sections = (markdown: string) => renderMarkdown(markdown, { file: "x.md", bodyLine: 1, pathPrefix: "/", permalinkLabel: (h) => h }).sections;

describe("textSections: the text the changes pages compare", () => {
  it("keeps paragraphs with their link targets, image sources and raw HTML ids", () => {
    const [section] = sections('## Contact\n\nWrite to [us](mailto:privacy@example.com) or see ![the map](/img/map.png).\n\n<p id="dpo">Our <a href="/dpo/">officer</a>.</p>\n');
    expect(section?.blocks).toEqual([
      { kind: "paragraph", text: "Write to us or see the map.", targets: [{ kind: "link", value: "mailto:privacy@example.com" }, { kind: "image", value: "/img/map.png" }] },
      { kind: "paragraph", text: "Our officer.", targets: [{ kind: "id", value: "dpo" }, { kind: "link", value: "/dpo/" }] },
    ]);
  });

  it.each([
    ["two spaces inside a line", "One  two", "One two"],
    ["a line break", "One\ntwo", "One two"],
    ["a hard break", "One  \ntwo", "One two"],
    ["a tab and a no-break space", "One\ttwo\u00a0three", "One two three"],
    ["spaces around inline code", "Use ` x ` here", "Use x here"],
    ["a space before raw HTML", "See <span> this </span>", "See this"],
    ["a space at the start, after raw HTML", "<span> Leading</span> text", "Leading text"],
    ["a space at the end, before raw HTML", "Trailing <span>text </span>", "Trailing text"],
    ["single spaces only", "One two three", "One two three"],
  ])("reads %s in a paragraph as one space, trimmed", (_, markdown, text) => {
    // Line breaks, inline code and single spaces come as one space already; the rest need normalising.
    const [section] = sections(`## S\n\n${markdown}\n`);
    expect(section?.blocks).toEqual([{ kind: "paragraph", text, targets: [] }]);
  });

  it("keeps a list as one block, item by item, each nested list in its item", () => {
    const [section] = sections("## Rights\n\n1. Access\n2. Objection\n   - to [marketing](/m/)\n   - to profiling\n\nAfter.\n");
    expect(section?.blocks).toEqual([
      {
        kind: "list",
        ordered: true,
        items: [
          { text: "Access", targets: [], ordered: false, items: [] },
          {
            text: "Objection",
            targets: [],
            ordered: false,
            items: [
              { text: "to marketing", targets: [{ kind: "link", value: "/m/" }], ordered: false, items: [] },
              { text: "to profiling", targets: [], ordered: false, items: [] },
            ],
          },
        ],
      },
      { kind: "paragraph", text: "After.", targets: [] },
    ]);
  });

  it("keeps a table as rows of cells, the header row first", () => {
    const [section] = sections("## Retention\n\n| Data | Kept |\n|---|---|\n| Logs | 30 days |\n");
    const cell = (text: string) => ({ text, targets: [] });
    expect(section?.blocks).toEqual([{ kind: "table", rows: [[cell("Data"), cell("Kept")], [cell("Logs"), cell("30 days")]] }]);
  });

  it("reads a heading inside a list item as the item's text, not as a new section", () => {
    expect(sections("## A\n\n- ## Not a section\n").map((s) => s.id)).toEqual(["a"]);
  });
});
