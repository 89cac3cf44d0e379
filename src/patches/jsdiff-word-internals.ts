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

/**
 * jsdiff's word characters (`extendedWordChars` in its word.js): a text without a segmenter is cut
 * into runs of them, runs of whitespace, and single other characters.
 */
const WORD_CHARACTERS = String.raw`a-zA-Z0-9_\u{AD}\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{2C6}\u{2C8}-\u{2D7}\u{2DE}-\u{2FF}\u{1E00}-\u{1EFF}`;
const PARTS = new RegExp(`[${WORD_CHARACTERS}]+|\\s+|[^${WORD_CHARACTERS}]`, "ug");
const WHITESPACE = /\s/;

/**
 * The parts `tokenize` cuts `text` into before it attaches whitespace to words: with a segmenter,
 * its segments, consecutive ones with whitespace joined. As `tokenize` does (its own code, not
 * exported); the test rebuilds `jsdiffWords` from these and `jsdiffWordsOfParts`.
 */
export function jsdiffParts(text: string, options: JsdiffWordOptions): string[] {
  if (!options.intlSegmenter) return text.match(PARTS) ?? [];
  const parts: string[] = [];
  for (const { segment } of options.intlSegmenter.segment(text)) {
    const last = parts.length - 1;
    if (last >= 0 && WHITESPACE.test(parts[last] as string) && WHITESPACE.test(segment)) parts[last] += segment;
    else parts.push(segment);
  }
  return parts;
}

/** `jsdiffWords` of a text from its parts (`jsdiffParts`): whitespace attached to the words either side, as `tokenize` does. */
export function jsdiffWordsOfParts(parts: readonly string[]): string[] {
  const tokens: string[] = [];
  let previous: string | undefined;
  for (const part of parts) {
    if (WHITESPACE.test(part)) {
      if (previous === undefined) tokens.push(part);
      else tokens.push((tokens.pop() as string) + part);
    } else if (previous !== undefined && WHITESPACE.test(previous)) {
      if (tokens[tokens.length - 1] === previous) tokens.push((tokens.pop() as string) + part);
      else tokens.push(previous + part);
    } else tokens.push(part);
    previous = part;
  }
  return wordDiff.removeEmpty(tokens);
}

/** Consecutive words as one change object's `value`, as `diffWords` joins them. */
export function joinJsdiffWords(words: readonly string[]): string {
  return wordDiff.join([...words]);
}

/** `diffWords`'s whitespace rules applied to change objects (in place, as jsdiff does). */
export function placeJsdiffWhitespace(parts: ChangeObject<string>[], options: JsdiffWordOptions): ChangeObject<string>[] {
  return wordDiff.postProcess(parts, options);
}
