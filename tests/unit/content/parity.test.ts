import { describe, expect, it } from "vitest";
import { parityProblems, type ParityInput } from "../../../src/content/parity.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";

const input = (file: string, locale: string, markdown: string): ParityInput => {
  const { sections, links } = renderMarkdown(markdown, { file, bodyLine: 6, pathPrefix: "/", permalinkLabel: (h) => h });
  return { file, locale, sections, links };
};
const EN = "## Scope\n\nSee the [cookies](/en/cookies/) and [DPO](mailto:dpo@x.example).\n\n## Rights\n\n### Access\n\nAsk us.\n";
const reference = input("content/p/en.md", "en", EN);
const check = (markdown: string, strict = false) => parityProblems(reference, input("content/p/de.md", "de", markdown), ["en", "de"], strict);

describe("parityProblems", () => {
  it("accepts a translation with the same sections and links (site links in its own language)", () => {
    expect(check("## Geltung\n\nSiehe [Cookies](/de/cookies/) und [DSB](mailto:dpo@x.example).\n\n## Rechte\n\n### Auskunft\n\nFragen Sie uns.\n")).toEqual([]);
  });

  it.each([
    ["a missing ## section", "## Geltung\n\n[C](/de/cookies/) [D](mailto:dpo@x.example)\n\n### Auskunft\n\nX.\n", "has 1 ## headings where content/p/en.md (the same version in en) has 2"],
    ["a missing ### section", "## Geltung\n\n[C](/de/cookies/) [D](mailto:dpo@x.example)\n\n## Rechte\n\nX.\n", "has 0 ### headings"],
    ["a missing site link", "## Geltung\n\n[D](mailto:dpo@x.example)\n\n## Rechte\n\n### Auskunft\n\nX.\n", "has no link to /de/cookies/, which content/p/en.md:8 has"],
    ["a missing mail link", "## Geltung\n\n[C](/de/cookies/)\n\n## Rechte\n\n### Auskunft\n\nX.\n", "has no link to mailto:dpo@x.example"],
  ])("warns about %s in the translation", (_, markdown, message) => {
    expect(check(markdown)).toEqual([expect.objectContaining({ file: "content/p/de.md", severity: "warning", message: expect.stringContaining(message) })]);
  });

  it("compares links without their #anchor, and ignores in-page anchors and links that are errors anyway", () => {
    const en = input("content/p/en.md", "en", "## Scope\n\n[up](#scope) [rights](/en/terms/#rights) [bad](../x/) [js](javascript:x)\n");
    const de = input("content/p/de.md", "de", "## Geltung\n\n[hoch](#geltung) [Rechte](/de/terms/#rechte)\n");
    expect(parityProblems(en, de, ["en", "de"], true)).toEqual([]);
  });

  it("makes them errors with --strict", () => {
    expect(check("## Geltung\n\nX.\n", true).map((p) => p.severity)).toEqual(["error", "error", "error", "error"]);
  });
});
