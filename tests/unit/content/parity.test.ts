import { describe, expect, it } from "vitest";
import { parityProblems, type ParityInput } from "../../../src/content/parity.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";

/** Front matter takes lines 1-5, so the body starts on line 6 as in a real file. */
const input = (file: string, locale: string, markdown: string): ParityInput => {
  const { headings, links } = renderMarkdown(markdown, { file, bodyLine: 6, pathPrefix: "/", permalinkLabel: (h) => h });
  return { file, locale, bodyLine: 6, headings, links };
};
const EN = "## Scope\n\nSee the [cookies](/en/cookies/) and [DPO](mailto:dpo@x.example).\n\n## Rights\n\n### Access\n\nAsk us.\n";
const reference = input("content/p/en.md", "en", EN);
const SITE = ["en", "de", "fr", "pt-BR", "zh-Hans"];
const check = (markdown: string, strict = false) => parityProblems(reference, input("content/p/de.md", "de", markdown), SITE, strict);

describe("parityProblems", () => {
  it("accepts a translation with the same sections and links (site links in its own language)", () => {
    expect(check("## Geltung\n\nSiehe [Cookies](/de/cookies/) und [DSB](mailto:dpo@x.example).\n\n## Rechte\n\n### Auskunft\n\nFragen Sie uns.\n")).toEqual([]);
  });

  // Each problem is at a line of the translation: the heading where its outline departs, the link
  // written differently, or the heading of the section that lacks a link.
  it.each([
    ["a missing ## section", "## Geltung\n\n[C](/de/cookies/) [D](mailto:dpo@x.example)\n\n### Auskunft\n\nX.\n", 10, "has 1 ## headings where content/p/en.md (the same version in en) has 2"],
    ["a missing ### section", "## Geltung\n\n[C](/de/cookies/) [D](mailto:dpo@x.example)\n\n## Rechte\n\nX.\n", 10, "has 0 ### headings"],
    ["a missing site link", "## Geltung\n\n[D](mailto:dpo@x.example)\n\n## Rechte\n\n### Auskunft\n\nX.\n", 6, "has no link to /de/cookies/ in this section, which content/p/en.md:8 has"],
    ["a missing mail link", "## Geltung\n\nText.\n\n[C](/de/cookies/)\n\n## Rechte\n\n### Auskunft\n\nX.\n", 6, "has no link to mailto:dpo@x.example in this section"],
    ["a mail link to another address", "## Geltung\n\n[C](/de/cookies/)\n\n[D](mailto:dsb@x.example)\n\n## Rechte\n\n### Auskunft\n\nX.\n", 10, "links to mailto:dsb@x.example where content/p/en.md:8 links to mailto:dpo@x.example"],
  ])("warns about %s at the translation's line", (_, markdown, line, message) => {
    expect(check(markdown)).toEqual([expect.objectContaining({ file: "content/p/de.md", line, severity: "warning", message: expect.stringContaining(message) })]);
  });

  it("points a text without headings at its first line, never line 1", () => {
    expect(check("Nur Text.\n").map((p) => p.line)).toEqual([6, 6, 6, 6]);
  });

  it("compares links without their #anchor, and ignores in-page anchors and links that are errors anyway", () => {
    const en = input("content/p/en.md", "en", "## Scope\n\n[up](#scope) [rights](/en/terms/#rights) [bad](../x/) [js](javascript:x)\n");
    const de = input("content/p/de.md", "de", "## Geltung\n\n[hoch](#geltung) [Rechte](/de/terms/#rechte)\n");
    expect(parityProblems(en, de, SITE, true)).toEqual([]);
  });

  it("makes them errors with --strict", () => {
    expect(check("## Geltung\n\nX.\n", true).map((p) => p.severity)).toEqual(["error", "error", "error", "error"]);
  });
});

describe("parity of localised external links", () => {
  // Real pairs from multilingual legal texts: the translation links the same page in its language.
  it.each([
    ["a language path segment", "https://support.example.org/en-US/kb/clear-cookies", "https://support.example.org/de/kb/clear-cookies"],
    ["Google's /intl/ segment", "https://www.google.com/intl/en/policies/privacy/", "https://www.google.com/intl/de/policies/privacy/"],
    ["an underscore tag in any case", "https://www.google.com/intl/en_us/policies/", "https://www.google.com/intl/DE_de/policies/"],
    ["hl=", "https://policies.google.com/privacy?hl=en", "https://policies.google.com/privacy?hl=de"],
    ["hl= beside other parameters", "https://policies.google.com/technologies/cookies?hl=en-US&gl=us", "https://policies.google.com/technologies/cookies?hl=de&gl=us"],
    ["lang=", "https://www.example.net/help?lang=en", "https://www.example.net/help?lang=de"],
    ["locale=", "https://accounts.example.com/terms?locale=en_US", "https://accounts.example.com/terms?locale=de_DE"],
    ["a language sub-domain", "https://en.wikipedia.org/wiki/General_Data_Protection_Regulation", "https://de.wikipedia.org/wiki/General_Data_Protection_Regulation"],
    ["a region-tagged sub-domain", "https://en-gb.facebook.com/policy.php", "https://de-de.facebook.com/policy.php"],
    ["a site path with a fragment", "/en/terms/#liability", "/de/terms/#haftung"],
    ["a language the site does not have", "https://support.example.org/en-US/kb/x", "https://support.example.org/gsw/kb/x"],
  ])("treats %s as the same link", (_, english, german) => {
    const en = input("content/p/en.md", "en", `## Scope\n\nSee [this](${english}).\n`);
    const de = input("content/p/de.md", "de", `## Geltung\n\nSiehe [dies](${german}).\n`);
    expect(parityProblems(en, de, SITE, true)).toEqual([]);
  });

  it.each([
    ["another page of the same site", "https://support.example.org/en-US/kb/clear-cookies", "https://support.example.org/de/kb/delete-cookies"],
    ["another host", "https://policies.google.com/privacy?hl=en", "https://policies.example.com/privacy?hl=de"],
    ["a path word that is no language", "https://example.org/faq/cookies", "https://example.org/api/cookies"],
    ["another parameter than the language", "https://example.org/help?topic=cookies&hl=en", "https://example.org/help?topic=privacy&hl=de"],
    ["a sub-domain that is no language", "https://www.example.org/privacy", "https://shop.example.org/privacy"],
  ])("still reports %s, at the translation's link", (_, english, german) => {
    const en = input("content/p/en.md", "en", `## Scope\n\nSee [this](${english}).\n`);
    const de = input("content/p/de.md", "de", `## Geltung\n\nText.\n\nSiehe [dies](${german}).\n`);
    expect(parityProblems(en, de, SITE, true)).toEqual([
      { file: "content/p/de.md", line: 10, severity: "error", message: `links to ${german} where content/p/en.md:8 links to ${english}; link the same address (in the translation's language if the site has one).` },
    ]);
  });
});
