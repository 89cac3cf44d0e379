import { describe, expect, it } from "vitest";
import { diffArrays, diffWords, type ChangeObject } from "diff";
import { joinJsdiffWords, jsdiffWords, placeJsdiffWhitespace } from "../../../src/patches/jsdiff-word-internals.ts";

/**
 * `diffWords` rebuilt from the parts src/patches/jsdiff-word-internals.ts takes out of jsdiff:
 * its words, aligned with the public `diffArrays` (compared without their whitespace, as
 * `diffWords` compares them), joined and given jsdiff's whitespace. When jsdiff changes how
 * `diffWords` uses them, this stops giving `diffWords`' result.
 */
function rebuiltDiffWords(older: string, newer: string, options: { intlSegmenter?: Intl.Segmenter }): ChangeObject<string>[] {
  const oldWords = jsdiffWords(older, options);
  const newWords = jsdiffWords(newer, options);
  const aligned = diffArrays(oldWords, newWords, { comparator: (a, b) => a.trim() === b.trim() });
  let oldAt = 0;
  let newAt = 0;
  const parts = aligned.map((part) => {
    const count = part.count ?? part.value.length;
    // Kept words as the newer text has them, as `diffWords` keeps them.
    const words = part.removed ? oldWords.slice(oldAt, oldAt + count) : newWords.slice(newAt, newAt + count);
    if (!part.added) oldAt += count;
    if (!part.removed) newAt += count;
    return { value: joinJsdiffWords(words), count, added: part.added, removed: part.removed };
  });
  return placeJsdiffWhitespace(parts, options);
}

const chinese = { intlSegmenter: new Intl.Segmenter("und", { granularity: "word" }) };

describe("jsdiff's word diff in parts", () => {
  it.each([
    ["one word replaced", "We keep logs for 30 days.", "We keep logs for 14 days.", {}],
    ["words inserted", "We keep logs.", "We keep server logs for 14 days.", {}],
    ["words deleted, with the whitespace around them", "We keep   server\nlogs for good.", "We keep logs.", {}],
    ["a text emptied", "Everything goes.", "", {}],
    ["Chinese, cut by the segmenter", "我们保存数据三十天。", "我们保存数据十四天。", chinese],
    ["Chinese and spaces", "我们 保存 数据。", "我们 删除 数据。", chinese],
  ])("gives diffWords' result: %s", (_case, older, newer, options) => {
    expect(rebuiltDiffWords(older, newer, options)).toEqual(diffWords(older, newer, options));
  });

  it("cuts words with the whitespace jsdiff attaches to them", () => {
    expect(jsdiffWords("We keep  logs.", {})).toEqual(["We ", " keep  ", "  logs", "."]);
    expect(joinJsdiffWords(["We ", " keep  ", "  logs"])).toBe("We keep  logs");
  });
});
