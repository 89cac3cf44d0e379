import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isEndCut, isStartCut } from "../../../src/diff/pairing.ts";
import { TextParts } from "../../../src/diff/text-parts.ts";
import { WordSegmenter } from "../../../src/diff/word-segmenter.ts";
import { jsdiffWords } from "../../../src/patches/jsdiff-word-internals.ts";
import { randomText } from "../../support/random-text.ts";

const segmenter = new WordSegmenter();

/** Where pairing may cut a text: the starts and ends of what two texts share are cut only there. */
function cuts(text: string): { starts: number[]; ends: number[] } {
  const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
  return { starts: offsets.filter((i) => isStartCut(text, i)), ends: offsets.filter((i) => isEndCut(text, i)) };
}

describe("the words of a slice, from the whole text's parts", () => {
  it.each([
    ["plain text", {}],
    ["text cut by the segmenter", { intlSegmenter: segmenter }],
  ])("are the words of the slice cut on its own: %s", (_what, options) => {
    let fromParts = 0;
    let slices = 0;
    fc.assert(
      fc.property(randomText, fc.nat(), fc.nat(), (text, a, b) => {
        const { starts, ends } = cuts(text);
        const from = starts[a % starts.length] as number;
        const usable = ends.filter((end) => end >= from);
        if (usable.length === 0) return;
        const to = usable[b % usable.length] as number;
        slices++;
        const words = new TextParts().wordsOfSlice(text, from, to, options);
        if (words === undefined) return;
        fromParts++;
        expect(words).toEqual(jsdiffWords(text.slice(from, to), options));
      }),
      { numRuns: 2_000 },
    );
    // Most slices come from the parts; a test that never took them would prove nothing.
    expect(fromParts).toBeGreaterThan(slices / 2);
  });

  it("cuts a text once, however many slices are taken of it", () => {
    let calls = 0;
    const counting = new (class extends WordSegmenter {
      override segment(input: string) {
        calls++;
        return super.segment(input);
      }
    })();
    const parts = new TextParts();
    const text = "我们保存数据三十天。 我们 删除 数据。";
    for (let from = 0; from < 5; from++) parts.wordsOfSlice(text, isStartCut(text, from) ? from : 0, text.length, { intlSegmenter: counting });
    expect(calls).toBe(1);
  });

  it("says nothing for a slice that cuts a part in two", () => {
    // Two spaces are one part: a slice may not start between them.
    expect(new TextParts().wordsOfSlice("We  keep logs.", 3, 14, {})).toBeUndefined();
  });
});
