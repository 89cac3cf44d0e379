import { wordDiff, type ChangeObject } from "diff";

/**
 * jsdiff's word diff in its parts. jsdiff documents these methods as ones a subclass of `Diff`
 * may override (README, "Defining custom diffing behaviors"), not what `diffWords` does with
 * them: calling them on its `wordDiff` instance depends on that undocumented behaviour.
 * tests/unit/patches/jsdiff-word-internals.test.ts rebuilds `diffWords` from these parts and
 * fails when jsdiff changes under them.
 *
 * They are used because the changes pages find the common words with diff-sequences, whose
 * search is bounded by a work count (src/diff/word-diff.ts), while readers must still see
 * jsdiff's words and jsdiff's whitespace around each change.
 */
export interface JsdiffWordOptions {
  readonly intlSegmenter?: Intl.Segmenter;
}

/** The words of `text` as `diffWords` cuts them, each with the whitespace jsdiff attaches to it. */
export function jsdiffWords(text: string, options: JsdiffWordOptions): string[] {
  return wordDiff.removeEmpty(wordDiff.tokenize(text, options));
}

/** Consecutive words as one change object's `value`, as `diffWords` joins them. */
export function joinJsdiffWords(words: readonly string[]): string {
  return wordDiff.join([...words]);
}

/** `diffWords`'s whitespace rules applied to change objects (in place, as jsdiff does). */
export function placeJsdiffWhitespace(parts: ChangeObject<string>[], options: JsdiffWordOptions): ChangeObject<string>[] {
  return wordDiff.postProcess(parts, options);
}
