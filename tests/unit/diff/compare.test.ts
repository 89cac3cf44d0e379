import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { COMPARISON_BOUNDS, compareSections, mostSharedText, SharedWork, wordOptions, type Comparison, type ComparisonBounds, type SectionChange } from "../../../src/diff/compare.ts";
import type { TextSection } from "../../../src/model/text.ts";
import { diffWordParts } from "../../../src/diff/word-diff.ts";
import { paragraphs, VOCABULARIES } from "../../support/paragraphs.ts";
import { markedBlock } from "../../support/comparisons.ts";
import { keptLength, MIN_SIMILARITY, visibleLength } from "../../../src/diff/pairing.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";

/** Sections as the loader makes them, from Markdown. */
const sections = (markdown: string) =>
  renderMarkdown(markdown, { file: "x.md", bodyLine: 1, pathPrefix: "/", permalinkLabel: (h) => h }).sections;

const compare = (older: string, newer: string): Comparison => compareSections(sections(older), sections(newer));
const statuses = (c: Comparison) => c.sections.map((s) => `${s.id}:${s.status}`);
/** A section's paragraphs as text with [+inserted+] and [-deleted-] marks; a table's rows with its cells joined by " | ". */
const marked = (s: SectionChange | undefined) => (s?.blocks ?? []).flatMap(markedBlock);

const BASE = "Intro text.\n\n## Scope\n\nThis applies to the app.\n\n## Retention\n\nWe keep logs for 30 days.\n\n## Contact\n\nWrite to us.\n";

describe("compareSections", () => {
  it("finds nothing in an unchanged document", () => {
    const c = compare(BASE, BASE);
    expect(statuses(c)).toEqual([":unchanged", "scope:unchanged", "retention:unchanged", "contact:unchanged"]);
    expect(c.counts).toEqual({ unchanged: 4, changed: 0, renamed: 0, added: 0, removed: 0, moved: 0 });
    expect(c.sections[1]?.unchangedBlocks).toEqual([{ kind: "paragraph", text: "This applies to the app.", targets: [] }]);
  });

  it("ignores markup-only changes: re-wrapped lines and list markers", () => {
    const older = "## Scope\n\n- one\n- two\n\nA long\nsentence.\n";
    const newer = "## Scope\n\n* one\n* two\n\nA long sentence.\n";
    expect(statuses(compare(older, newer))).toEqual(["scope:unchanged"]);
  });

  it("marks inserted and deleted words inside a changed section", () => {
    const c = compare(BASE, BASE.replace("for 30 days", "for 14 days"));
    expect(statuses(c)).toContain("retention:changed");
    expect(marked(c.sections.find((s) => s.id === "retention"))).toEqual(["We keep logs for [-30-][+14+] days."]);
  });

  it("reports an added section with all of its text inserted", () => {
    const c = compare(BASE, BASE.replace("## Contact", "## Deleting your account\n\nYou can delete it.\n\n## Contact"));
    expect(statuses(c)).toEqual([":unchanged", "scope:unchanged", "retention:unchanged", "deleting-your-account:added", "contact:unchanged"]);
    expect(marked(c.sections[3])).toEqual(["[+You can delete it.+]"]);
  });

  it("reports a removed section with all of its text deleted", () => {
    const c = compare(BASE, BASE.replace("## Retention\n\nWe keep logs for 30 days.\n\n", ""));
    expect(statuses(c)).toEqual([":unchanged", "scope:unchanged", "retention:removed", "contact:unchanged"]);
    expect(marked(c.sections[2])).toEqual(["[-We keep logs for 30 days.-]"]);
  });

  it("reports a moved section as moved, and whether its text changed too", () => {
    const moved = "Intro text.\n\n## Contact\n\nWrite to us.\n\n## Scope\n\nThis applies to the app.\n\n## Retention\n\nWe keep logs for 30 days.\n";
    const c = compare(BASE, moved);
    expect(c.counts.moved).toBe(1);
    const contact = c.sections.find((s) => s.id === "contact");
    expect(contact?.status).toBe("moved");
    expect(contact?.textChanged).toBe(false);
    const movedAndEdited = compare(BASE, moved.replace("Write to us.", "Write to us by email."));
    expect(marked(movedAndEdited.sections.find((s) => s.id === "contact"))).toEqual(["Write to us [+by email+]."]);
  });

  it("reports a heading edited in the same place as a renamed section, not a removed and an added one", () => {
    const c = compare(BASE, BASE.replace("## Retention", "## How long we keep data"));
    const renamed = c.sections.find((s) => s.id === "how-long-we-keep-data");
    expect(renamed?.status).toBe("renamed");
    expect(renamed?.textChanged).toBe(false);
    expect(renamed?.previousHeading).toBe("Retention");
    expect(c.counts.removed + c.counts.added).toBe(0);
  });

  it("keeps a new table row as a row of its own instead of weaving it into its neighbour", () => {
    const older = "## Retention\n\n| Data | Kept |\n|---|---|\n| Logs | 30 days |\n| Records the law requires | 10 years |\n";
    const newer = "## Retention\n\n| Data | Kept |\n|---|---|\n| Logs | 14 days |\n| Invoices | 8 years |\n| Other records the law requires | 10 years |\n";
    expect(marked(compare(older, newer).sections[0])).toEqual([
      "Data | Kept",
      "Logs | [-30-][+14+] days",
      "[+Invoices+] | [+8 years+]",
      "[-Records-][+Other records+] the law requires | 10 years",
    ]);
  });

  it("shows a section rewritten beyond recognition as replaced, not as word soup", () => {
    const older = "## Scope\n\nAlpha beta gamma delta epsilon.\n";
    const newer = "## Scope\n\nCompletely different wording here now.\n";
    expect(marked(compare(older, newer).sections[0])).toEqual(["[-Alpha beta gamma delta epsilon.-]", "[+Completely different wording here now.+]"]);
  });

  it("stays bounded on very large sections", () => {
    const words = (seed: number) => Array.from({ length: 30_000 }, (_, i) => `w${(i * seed) % 9973}`).join(" ");
    const c = compare(`## Big\n\n${words(7)}\n`, `## Big\n\n${words(13)}\n`);
    expect(c.sections[0]?.status).toBe("changed");
    // The edit cap makes the whole-section fallback kick in instead of an unbounded word diff.
    expect(marked(c.sections[0])).toHaveLength(2);
  });
});

describe("mostSharedText: the bound that rules out unrelated paragraphs", () => {
  it.each(VOCABULARIES)("is never below what the word diff keeps (%s)", (_name, words) => {
    fc.assert(
      fc.property(paragraphs(words), paragraphs(words), (older, newer) => {
        const options = wordOptions(older, newer);
        const kept = keptLength(diffWordParts(older, newer, options) ?? []);
        expect(mostSharedText(older, newer, options)).toBeGreaterThanOrEqual(kept);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    // Every word shared, one in order: the longest one word of each.
    ["a bb ccc", "ccc bb a", 3],
    ["a bb ccc dddd", "dddd ccc bb a x", 4],
    // All in order: every letter.
    ["a bb ccc", "a bb ccc", 6],
    // Two in order (bb, ccc): the two longest words of each, and of the shared ones no more than both have.
    ["bb a ccc", "bb ccc a a", 5],
    ["one two", "three four", 0],
  ])("counts %j and %j as sharing %d letters", (older, newer, letters) => {
    expect(mostSharedText(older, newer)).toBe(letters);
  });

  it("is far below the threshold for an unrelated paragraph, so it is not diffed", () => {
    const older = "We keep server logs for thirty days and then delete them.";
    const newer = "Cookies set by our payment provider are listed in the table below.";
    expect(mostSharedText(older, newer)).toBeLessThan((MIN_SIMILARITY * (visibleLength(older) + visibleLength(newer))) / 2);
  });
});

describe("compareSections' bounds", () => {
  const section = (texts: string[], id = "s"): TextSection => ({ id, heading: id, level: 2, blocks: texts.map((text) => ({ kind: "paragraph", text, targets: [] })) });
  const sentence = (n: number) => `Paragraph ${n} says that we keep the data of account ${n} for thirty days.`;
  const edited = (n: number) => `Paragraph ${n} says that we keep the data of account ${n} for fourteen days.`;
  const unrelated = (n: number) => `Entirely new wording number ${n} about cookies, consent and third parties.`;
  const UNBOUNDED: ComparisonBounds = { sectionWork: Number.MAX_SAFE_INTEGER, pageWork: Number.MAX_SAFE_INTEGER, paragraphEdits: Number.MAX_SAFE_INTEGER, sectionEdits: Number.MAX_SAFE_INTEGER };
  const range = (count: number, f: (n: number) => string) => Array.from({ length: count }, (_, n) => f(n));
  /** Old paragraphs removed, then new ones added: a whole-section replace. */
  const replaced = (older: readonly string[], newer: readonly string[]) => [...older.map((t) => `[-${t}-]`), ...newer.map((t) => `[+${t}+]`)];

  const CASES: { name: string; older: string[]; newer: string[]; bounds: Partial<ComparisonBounds>; tooLarge: boolean }[] = [
    { name: "ten edited paragraphs within the section's work", older: range(10, sentence), newer: range(10, edited), bounds: { sectionWork: 30_000 }, tooLarge: false },
    { name: "ten edited paragraphs beyond the section's work", older: range(10, sentence), newer: range(10, edited), bounds: { sectionWork: 10_000 }, tooLarge: true },
    { name: "ten edited paragraphs beyond the page's work", older: range(10, sentence), newer: range(10, edited), bounds: { pageWork: 10_000 }, tooLarge: true },
    { name: "ten edited paragraphs within the paragraph edits", older: range(10, sentence), newer: range(10, edited), bounds: { paragraphEdits: 20 }, tooLarge: false },
    { name: "ten edited paragraphs beyond the paragraph edits", older: range(10, sentence), newer: range(10, edited), bounds: { paragraphEdits: 19 }, tooLarge: true },
    { name: "thirty rewritten paragraphs within the work, telling cheaply that they share little", older: range(30, sentence), newer: range(30, unrelated), bounds: { sectionWork: 100_000 }, tooLarge: false },
  ];

  it.each(CASES)("$name", ({ older, newer, bounds, tooLarge }) => {
    const bounded = compareSections([section(older)], [section(newer)], { ...UNBOUNDED, ...bounds }).sections[0];
    const unbounded = compareSections([section(older)], [section(newer)], UNBOUNDED).sections[0];
    expect(bounded?.status).toBe("changed");
    if (tooLarge) {
      expect(bounded?.tooLarge).toBe(true);
      expect(marked(bounded)).toEqual(replaced(older, newer));
      // Below the bound the result was word by word: the bound is what changed it.
      expect(marked(unbounded)).not.toEqual(marked(bounded));
    } else {
      expect(bounded?.tooLarge).toBeUndefined();
      expect(bounded).toEqual(unbounded);
    }
  });

  describe("sections compared once for all the comparisons of a document (SharedWork)", () => {
    // Three versions: section a edited in the second, section b in the third; each version's sections are objects of their own.
    const versions = [
      [section(range(10, sentence), "a"), section(range(10, sentence), "b")],
      [section(range(10, edited), "a"), section(range(10, sentence), "b")],
      [section(range(10, edited), "a"), section(range(10, edited), "b")],
    ] as const;
    const pairs = [
      [0, 1],
      [1, 2],
      [0, 2],
      [1, 2],
    ] as const;

    it("gives every comparison the same result as comparing alone", () => {
      const shared = new SharedWork(COMPARISON_BOUNDS);
      for (const [older, newer] of pairs) {
        expect(compareSections(versions[older], versions[newer], COMPARISON_BOUNDS, shared)).toEqual(compareSections(versions[older], versions[newer]));
      }
    });

    it("compares a pair of sections with the same texts once, whichever versions they come from", () => {
      const shared = new SharedWork(COMPARISON_BOUNDS);
      // Versions 1 and 2 against 3: section b is the same pair of texts in both.
      const fromFirst = compareSections(versions[0], versions[2], COMPARISON_BOUNDS, shared);
      const fromSecond = compareSections(versions[1], versions[2], COMPARISON_BOUNDS, shared);
      expect(fromSecond.sections[1]).toBe(fromFirst.sections[1]);
      expect(fromSecond.sections[0]?.status).toBe("unchanged");
    });

    it("does not take a section compared within a larger bound when the page has less work left", () => {
      const small = { ...UNBOUNDED, pageWork: 25_000 };
      const shared = new SharedWork(small);
      // Alone, b fits the page's work; after a, it does not (as above): the remembered b is not used then.
      expect(compareSections([versions[0][1]], [versions[2][1]], small, shared).sections[0]?.tooLarge).toBeUndefined();
      expect(compareSections(versions[0], versions[2], small, shared).sections.map((s) => s.tooLarge ?? false)).toEqual([false, true]);
    });

    it("is not used for other bounds than its own", () => {
      const shared = new SharedWork(UNBOUNDED);
      const first = compareSections(versions[0], versions[2], UNBOUNDED, shared);
      expect(compareSections(versions[0], versions[2], COMPARISON_BOUNDS, shared).sections[0]).not.toBe(first.sections[0]);
      expect(compareSections(versions[0], versions[2], UNBOUNDED, shared).sections[0]).toBe(first.sections[0]);
    });
  });

  it("spends the page's work section by section: a later section is shown whole once it is spent", () => {
    const older = [section(range(10, sentence), "a"), section(range(10, sentence), "b")];
    const newer = [section(range(10, edited), "a"), section(range(10, edited), "b")];
    // One such section takes between 10,000 and 20,000 units (the first cases above).
    expect(compareSections(older, newer, { ...UNBOUNDED, pageWork: 25_000 }).sections.map((s) => s.tooLarge ?? false)).toEqual([false, true]);
    expect(compareSections(older, newer, { ...UNBOUNDED, pageWork: 40_000 }).sections.map((s) => s.tooLarge ?? false)).toEqual([false, false]);
  });

  it("shows every section replaced, with the note, beyond the section edits", () => {
    const older = range(6, (n) => `old-${n}`).map((id) => section(["Text."], id));
    const newer = range(6, (n) => `new-${n}`).map((id) => section(["Text."], id));
    expect(compareSections(older, newer, { ...UNBOUNDED, sectionEdits: 12 }).sections.every((s) => !s.tooLarge)).toBe(true);
    const bounded = compareSections(older, newer, { ...UNBOUNDED, sectionEdits: 11 });
    expect(bounded.sections.map((s) => `${s.id}:${s.status}:${s.tooLarge ?? false}`)).toEqual([
      ...older.map((s) => `${s.id}:removed:true`),
      ...newer.map((s) => `${s.id}:added:true`),
    ]);
  });

  it("keeps today's bounds far above a real revision: the example revisions compare word by word", () => {
    const older = range(40, sentence);
    const newer = range(40, (n) => (n % 3 === 0 ? edited(n) : n % 3 === 1 ? unrelated(n) : sentence(n)));
    expect(compareSections([section(older)], [section(newer)], COMPARISON_BOUNDS)).toEqual(compareSections([section(older)], [section(newer)], UNBOUNDED));
  });
});
