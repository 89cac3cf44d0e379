import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAddress } from "../../../src/addresses/browser-addresses.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";
import { htmlFragment } from "../../support/html-fragments.ts";
import { outsideAllowlist, readAsBrowser, readTwice, type PlainNode } from "../../support/html-tree.ts";

/**
 * Random HTML fragments, allowed and refused elements mixed with every trick that makes a parser
 * and a browser disagree: whatever the renderer publishes without an error holds, as parse5 (a
 * browser) reads it, only allowed elements and attributes, no script address, no image from
 * another origin, and reads back the same when serialised and parsed again.
 */
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
      fc.property(htmlFragment, (body) => {
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
    expect(published).toBeGreaterThan(200);
  });
});
