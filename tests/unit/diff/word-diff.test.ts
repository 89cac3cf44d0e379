import { describe, expect, it } from "vitest";
import { diffWords, wordDiff, type ChangeObject } from "diff";
import fc from "fast-check";
import { wordOptions } from "../../../src/diff/compare.ts";
import { diffWordParts, keptAndChangedWords, placeWhitespace } from "../../../src/diff/word-diff.ts";
import { OutOfWork, WorkBudget } from "../../../src/diff/work-budget.ts";
import { paragraphs, VOCABULARIES } from "../../support/paragraphs.ts";

const edited = (parts: readonly ChangeObject<string>[]) => parts.filter((p) => p.added || p.removed).reduce((n, p) => n + (p.count ?? 0), 0);
const side = (parts: readonly ChangeObject<string>[], which: "older" | "newer") =>
  parts.filter((p) => (which === "older" ? !p.added : !p.removed)).map((p) => p.value).join("");
const withoutSpace = (text: string) => text.replace(/\s+/gu, "");
/** `=` kept, `-` deleted, `+` inserted: the order of the parts. */
const shape = (parts: readonly ChangeObject<string>[]) => parts.map((p) => (p.added ? "+" : p.removed ? "-" : "=")).join("");

describe("diffWordParts", () => {
  it("marks the words a revision changed", () => {
    const parts = diffWordParts("We keep logs for 30 days.", "We keep server logs for 14 days.", wordOptions("", ""));
    expect(parts?.map((p) => (p.added ? `[+${p.value}+]` : p.removed ? `[-${p.value}-]` : p.value)).join("")).toBe(
      "We keep [+server +]logs for [-30-][+14+] days.",
    );
  });

  // Several edits are often as short here: the case where the two searches may choose differently.
  it.each(VOCABULARIES)("marks as few words as jsdiff's diff, gives back the newer text exactly and the older one's words (%s)", (_name, words) => {
    fc.assert(
      fc.property(paragraphs(words), paragraphs(words), (older, newer) => {
        const options = wordOptions(older, newer);
        const ours = diffWordParts(older, newer, options) ?? [];
        const jsdiffs = diffWords(older, newer, options) ?? [];
        expect(edited(ours)).toBe(edited(jsdiffs));
        expect(side(ours, "newer")).toBe(side(jsdiffs, "newer"));
        expect(withoutSpace(side(ours, "older"))).toBe(withoutSpace(older));
        // Between two kept runs one deletion, one insertion or a deletion and then an insertion,
        // as jsdiff gives them (its whitespace rules expect no more).
        expect(shape(ours)).toMatch(/^=?((-\+?|\+)=)*(-\+?|\+)?$/u);
      }),
      { numRuns: 400 },
    );
  });

  it("gives up beyond the edit cap, on short and long texts", () => {
    const words = (count: number, seed: number) => Array.from({ length: count }, (_, i) => `w${(i * seed) % 997}`).join(" ");
    expect(diffWordParts(words(300, 7), words(300, 13), { maxEditLength: 50 })).toBeUndefined();
    expect(diffWordParts(words(300, 7), words(300, 13), { maxEditLength: 2_000 })).toBeDefined();
    expect(diffWordParts(words(3_000, 7), words(3_000, 13), { maxEditLength: 50 })).toBeUndefined();
    const long = words(3_000, 7);
    expect(diffWordParts(long, `${long} more`, { maxEditLength: 50 })?.filter((p) => p.added).map((p) => p.value)).toEqual(["more"]);
  });

  it("stops at its bound of work, and within it gives the unbounded result", () => {
    const older = "We keep server logs for 30 days and then delete them.";
    const newer = "We keep logs for 14 days and then delete them for good.";
    const unbounded = diffWordParts(older, newer, wordOptions(older, newer));
    // Cutting both texts into words costs 10 units a character; the search a few hundred more.
    expect(diffWordParts(older, newer, wordOptions(older, newer), new WorkBudget(10_000))).toEqual(unbounded);
    expect(() => diffWordParts(older, newer, wordOptions(older, newer), new WorkBudget(1_100))).toThrow(OutOfWork);
    expect(() => diffWordParts(older, newer, wordOptions(older, newer), new WorkBudget(100))).toThrow(OutOfWork);
  });

  /**
   * Text of several scripts with spaces of several kinds, half of it also with the characters that
   * make a word segmenter's whitespace differ from `\s` (a combining mark or a zero-width space
   * after a space, U+202F, U+FEFF): jsdiff is then left to use the segmenter.
   */
  const spacedText = (withJoiners: boolean) =>
    fc
      .array(
        fc.tuple(
          fc.constantFrom("我们", "数据", "保存", "。", "，", "データ", "を", "Привет", "мир", "data", "keep", "30"),
          fc.constantFrom("", " ", "  ", "\n", "\u3000", "\u00a0", "\t", " \n", ...(withJoiners ? [" \u0301", "\u200b", " \u200b", "\u202f", "\ufeff "] : [])),
        ),
        { minLength: 0, maxLength: 30 },
      )
      .map((picked) => picked.map(([word, space]) => word + space).join(""));

  /** `placeWhitespace` against jsdiff's own whitespace rules with the segmenter, on the same parts. */
  const expectJsdiffsWhitespace = (older: string, newer: string) => {
    const options = wordOptions(older, newer);
    const ours = keptAndChangedWords(older, newer, options);
    const jsdiffs = keptAndChangedWords(older, newer, options);
    if (!Array.isArray(ours) || !Array.isArray(jsdiffs)) return;
    expect(placeWhitespace(ours, older, newer, options)).toEqual(wordDiff.postProcess(jsdiffs, options));
  };

  it.each([false, true])("places the whitespace around changes as jsdiff does with the segmenter (joining characters: %s)", (withJoiners) => {
    fc.assert(fc.property(spacedText(withJoiners), spacedText(withJoiners), expectJsdiffsWhitespace), { numRuns: 3_000 });
  });

  // Pairs whose whitespace jsdiff places differently without the segmenter, one for each kind of
  // character that makes `placeWhitespace` keep it.
  it.each([
    ["U+202F, which joins the words around it", "30 \u202F30", "30 \u202F30们"],
    ["an emoji modifier", "データ🏻 ｶ 🏻ｶ 30🏻 ", "ｶмир 🏻aｶ 🏻"],
    ["a halfwidth voiced sound mark", "データﾞ ｶ ﾞｶ 30ﾞ ", "ｶмир ﾞaｶ ﾞ"],
    ["a combining mark after a space", "keep \u0301", "keep \u0301我们"],
    ["a format character (a soft hyphen) after a space", "a \u00AD", "a \u00AD我们"],
  ])("keeps the segmenter's whitespace next to %s", (_case, older, newer) => expectJsdiffsWhitespace(older, newer));
});
