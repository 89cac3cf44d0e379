import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";
import { readHostileCorpus } from "../../support/hostile-corpus.ts";
import { outsideAllowlist, readAsBrowser, readTwice } from "../../support/html-tree.ts";

/**
 * tests/fixtures/hostile-html/corpus.txt: hostile raw HTML and addresses with the verdict each
 * must get, run through the real renderer. What is accepted is published exactly as recorded, and
 * read by parse5 as a browser would, it holds only allowed elements and attributes and reads back
 * the same after another round of serialising and parsing (no mutation left for a browser to do).
 */
const CORPUS = readHostileCorpus();
const BODY_LINE = 7;
const render = (markdown: string) =>
  renderMarkdown(markdown, { file: "content/privacy/en.md", bodyLine: BODY_LINE, pathPrefix: "/", siteUrl: "https://legal.example", permalinkLabel: (h) => h });

describe("the hostile HTML corpus", () => {
  it("has the cases of every class, refused and accepted", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(CORPUS.filter((c) => c.published === undefined).length).toBeGreaterThanOrEqual(40);
    expect(CORPUS.filter((c) => c.published !== undefined).length).toBeGreaterThanOrEqual(15);
  });

  const refused = CORPUS.filter((c) => c.published === undefined);
  it.each(refused.map((c) => [c.name, c] as const))("refuses: %s", (_, c) => {
    const { problems } = render(c.markdown);
    const errors = problems.filter((p) => p.severity === "error");
    for (const part of c.errors) expect(errors.map((p) => p.message)).toContainEqual(expect.stringContaining(part));
    const lastLine = BODY_LINE + c.markdown.split("\n").length - 2;
    for (const p of errors) {
      expect(p.line, p.message).toBeGreaterThanOrEqual(BODY_LINE);
      expect(p.line, p.message).toBeLessThanOrEqual(lastLine);
    }
  });

  const accepted = CORPUS.filter((c) => c.published !== undefined);
  it.each(accepted.map((c) => [c.name, c] as const))("accepts: %s", (_, c) => {
    const { html, problems } = render(c.markdown);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual(c.warnings.map((part) => expect.stringContaining(part)));
    // A serialised tree ends with its last end tag; markdown-it's output with a line break.
    expect(html.endsWith("\n") ? html : `${html}\n`).toBe(c.published);
    const tree = readAsBrowser(html);
    expect(outsideAllowlist(tree)).toEqual([]);
    expect(readTwice(html)).toEqual(tree);
  });
});
