import diffSequencesExport from "@jest/diff-sequences";
import type { ChangeObject } from "diff";
import { joinJsdiffWords, jsdiffWords, placeJsdiffWhitespace } from "../patches/jsdiff-word-internals.ts";
import { WorkBudget } from "./work-budget.ts";

// The package's types describe its CommonJS build, whose function is `exports.default`; Node and
// esbuild load its ES module build (its `import` export), whose default export is the function.
const diffSequences = typeof diffSequencesExport === "function" ? diffSequencesExport : diffSequencesExport.default;

export interface WordDiffOptions {
  /** Beyond this many inserted and deleted words, no word diff (the caller shows the text replaced). */
  readonly maxEditLength: number;
  /** Cuts non-Latin text into words (`wordOptions` in compare.ts). */
  readonly intlSegmenter?: Intl.Segmenter;
}

/** A text's words as jsdiff cuts them (`jsdiffWords`), from a caller that may have cut it before. */
export type WordsOf = (text: string) => readonly string[];

/** Words cut afresh, the work taken from `budget`. */
function wordsOf(options: WordDiffOptions, budget: WorkBudget): WordsOf {
  return (text) => {
    budget.spend(tokenizingCost(text));
    return jsdiffWords(text, options);
  };
}

/**
 * A word diff of two paragraphs (or the parts of them a revision changed): jsdiff's words and its
 * whitespace rules, with the longest common subsequence of the words found by Jest's
 * diff-sequences. jsdiff's own Myers search keeps a linked path object per step and was most of a
 * changes page's cost, above all in Chinese and Japanese, whose sentences are cut into many short
 * words (docs/performance-history.md); diff-sequences runs the same kind of search in linear space with
 * numbers only. Both find a shortest edit, so as few words are marked as inserted and deleted;
 * where several edits are as short, they may choose different ones. Undefined beyond the cap.
 * diff-sequences has no cap of its own: each word pair it compares is taken from `budget`, which
 * ends the search (`OutOfWork`) at its bound.
 */
export function diffWordParts(
  older: string,
  newer: string,
  options: WordDiffOptions,
  budget = new WorkBudget(Number.MAX_SAFE_INTEGER),
  words: WordsOf = wordsOf(options, budget),
): ChangeObject<string>[] | undefined {
  const parts = keptAndChangedWords(older, newer, options, budget, words);
  return parts && placeWhitespace(parts, older, newer, options);
}

/** The change objects of a word diff before jsdiff places the whitespace around each change; undefined beyond the edit cap. */
export function keptAndChangedWords(
  older: string,
  newer: string,
  options: WordDiffOptions,
  budget = new WorkBudget(Number.MAX_SAFE_INTEGER),
  words: WordsOf = wordsOf(options, budget),
): ChangeObject<string>[] | undefined {
  const oldWords = words(older);
  const newWords = words(newer);

  // jsdiff compares words without the whitespace they carry (`WordDiff.equals`); numbered once,
  // they compare as numbers.
  const numbers = new Map<string, number>();
  const numbered = (words: readonly string[]) =>
    Int32Array.from(words, (word) => {
      const key = word.trim();
      let n = numbers.get(key);
      if (n === undefined) numbers.set(key, (n = numbers.size));
      return n;
    });
  const a = numbered(oldWords);
  const b = numbered(newWords);

  // Change objects as jsdiff's `buildValues` makes them: kept text in the newer text's words, a
  // deletion before the insertion it replaces. diff-sequences reports each kept run whole, a
  // change always between two (it divides the texts at a change); a test checks the shape.
  const parts: ChangeObject<string>[] = [];
  let oldAt = 0;
  let newAt = 0;
  let edits = 0;
  const part = (words: readonly string[], from: number, to: number, kind: "added" | "removed" | "kept") =>
    parts.push({ value: joinJsdiffWords(words.slice(from, to)), count: to - from, added: kind === "added", removed: kind === "removed" });
  const changedUpTo = (oldEnd: number, newEnd: number) => {
    if (oldEnd > oldAt) part(oldWords, oldAt, oldEnd, "removed");
    if (newEnd > newAt) part(newWords, newAt, newEnd, "added");
    edits += oldEnd - oldAt + (newEnd - newAt);
  };
  // The budget is taken in one piece and what is left given back: a call per comparison would
  // cost as much as the comparison.
  const allowed = budget.left;
  let compared = 0;
  diffSequences(
    a.length,
    b.length,
    (i, j) => {
      if (++compared > allowed) budget.spend(compared);
      return a[i] === b[j];
    },
    (count, i, j) => {
      changedUpTo(i, j);
      part(newWords, j, j + count, "kept");
      oldAt = i + count;
      newAt = j + count;
    },
  );
  changedUpTo(a.length, b.length);
  budget.spend(compared);
  return edits > options.maxEditLength ? undefined : parts;
}

/**
 * Characters next to which a word segmenter sees whitespace other than `\s` does: combining marks
 * and format characters join the space before them into one segment (UAX #29 rule WB4), and
 * U+FEFF, whitespace to `\s`, is itself a format character joined to the word before it; U+202F,
 * also `\s`, joins the words around it; emoji modifiers and the halfwidth voiced sound marks extend
 * what precedes them. Each is pinned by a test (tests/unit/history/word-diff.test.ts).
 */
const SEGMENTER_WHITESPACE = /[\p{M}\p{Cf}\p{Emoji_Modifier}\u202F\uFF9E\uFF9F]/u;

/**
 * jsdiff's whitespace rules for the parts (`wordDiff.postProcess`, which changes them in place).
 * With a segmenter, jsdiff finds the whitespace at either end of a change by cutting the change's
 * whole text with it, and ICU's segmenter costs most per call (each call copies its break
 * iterator): most of the Chinese and Japanese word diffs' time in an M build's profile. Where
 * neither text holds a character that makes the segmenter's whitespace differ from `\s`, jsdiff's
 * own patterns give the same whitespace without it (a property test compares the two).
 */
export function placeWhitespace(parts: ChangeObject<string>[], older: string, newer: string, options: WordDiffOptions): ChangeObject<string>[] {
  const { intlSegmenter } = options;
  const needsSegmenter = intlSegmenter !== undefined && (SEGMENTER_WHITESPACE.test(older) || SEGMENTER_WHITESPACE.test(newer));
  return placeJsdiffWhitespace(parts, needsSegmenter ? { intlSegmenter } : {});
}

/**
 * Work units for cutting `text` into words: per character, as a word pair compared by the
 * search costs about one unit (docs/performance.md, "Bounds of the comparisons").
 */
export function tokenizingCost(text: string): number {
  return TOKENIZING_UNITS_PER_CHARACTER * text.length;
}
const TOKENIZING_UNITS_PER_CHARACTER = 10;
