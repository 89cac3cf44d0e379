import { jsdiffWords } from "../patches/jsdiff-word-internals.ts";
import { diffWordParts, tokenizingCost } from "./word-diff.ts";
import { WorkBudget } from "./work-budget.ts";
import { WordSegmenter } from "./word-segmenter.ts";

/**
 * Which removed text is which added text edited: paragraphs, list items, table rows and cells.
 * A pair is diffed word by word (`word-diff.ts`); a text that has no partner similar enough is
 * shown removed or added whole.
 */

/** Beyond this many word edits in one paragraph, show it as replaced instead of interleaving words. */
const MAX_WORD_EDITS = 2_000;

/**
 * Two texts are an edit of each other, and shown word by word, when the words they keep (counted
 * in characters, whitespace left out) make at least this share of both texts together
 * (2·kept / (older + newer), Dice's coefficient); below it they share almost nothing but small
 * words and are shown replaced. Chosen on the revisions of tests/fixtures/revisions/paragraphs.ts
 * (docs/versioning.md, "Small edits stay small").
 */
export const MIN_SIMILARITY = 0.2;

/** Kept at their start and end, the share of two texts that makes them the likeliest pair (`pairTexts`). */
const LIKELY_EDIT = 0.5;

/**
 * jsdiff's own word pattern knows Latin letters only: Arabic, Hebrew, Cyrillic, Greek or CJK text
 * would be compared letter by letter, which readers cannot follow and which costs a hundred times
 * more (a paragraph is hundreds of one-letter tokens). Such text is cut into words by Intl's word
 * segmenter, which knows every script (CJK by dictionary); Latin text keeps jsdiff's pattern.
 * Plain alphabetic text is cut without ICU, with the same words (`WordSegmenter`).
 */
const wordSegmenter = new WordSegmenter();
const NON_LATIN_LETTER = /[^\p{Script=Latin}\P{L}]/u;

export type WordOptions = { maxEditLength: number; intlSegmenter?: Intl.Segmenter };

export function wordOptions(older: string, newer: string): WordOptions {
  const segment = NON_LATIN_LETTER.test(older) || NON_LATIN_LETTER.test(newer);
  return { maxEditLength: MAX_WORD_EDITS, ...(segment && { intlSegmenter: wordSegmenter }) };
}

/**
 * Where the shared start and end may be cut so that no word is split and the diff's whitespace
 * stays where jsdiff puts it: after whitespace (start) or before it (end). Chinese and Japanese
 * have no spaces, but sentences there end in full-width punctuation (。，), after which both may cut.
 */
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/u;
const cutsAfterPunctuation = (text: string, index: number) => FULL_WIDTH_PUNCTUATION.test(text.charAt(index - 1));
function isStartCut(text: string, index: number): boolean {
  return index === 0 || /\s/.test(text.charAt(index - 1)) || cutsAfterPunctuation(text, index);
}
function isEndCut(text: string, index: number): boolean {
  return index === text.length || /\s/.test(text.charAt(index)) || cutsAfterPunctuation(text, index);
}

export interface WordPart {
  readonly value: string;
  readonly added?: boolean;
  readonly removed?: boolean;
}

/** Characters other than whitespace: what the similarity of two texts counts. */
export function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0x1680 && /\s/.test(text.charAt(i))))) n++;
  }
  return n;
}

/** The share of two texts that `kept` visible characters make (Dice's coefficient). */
function similarity(kept: number, older: number, newer: number): number {
  return older + newer === 0 ? 1 : (2 * kept) / (older + newer);
}

/** The texts between the shared start and end, with the word options for them. */
function middles(older: string, newer: string, { start, end }: SharedEnds): [string, string, WordOptions] {
  const oldMiddle = older.slice(start, older.length - end);
  const newMiddle = newer.slice(start, newer.length - end);
  return [oldMiddle, newMiddle, wordOptions(oldMiddle, newMiddle)];
}

/**
 * A revision usually rewrites a sentence in a long paragraph. The text both sides share at the
 * start and at the end (cut between words) is set aside before the word diff: Myers costs grow
 * with the length of what is compared, and this makes that the changed sentence, not the
 * paragraph. Undefined when the two share too little (unless `knownSimilar`) or the edit is too
 * long to be worth interleaving.
 */
function diffWordsTrimmed(older: string, newer: string, ends: SharedEnds, knownSimilar: boolean, words: WordIndex): WordPart[] | undefined {
  const { start, end } = ends;
  const [oldMiddle, newMiddle, options] = middles(older, newer, ends);
  const needed = (MIN_SIMILARITY * (words.visible(older) + words.visible(newer))) / 2 - ends.visible;
  if (!knownSimilar && needed > 0 && words.mostSharedText(oldMiddle, newMiddle, options, needed) < needed) return undefined;
  const middle = oldMiddle === "" && newMiddle === "" ? [] : diffWordParts(oldMiddle, newMiddle, options, words.budget, (text) => words.tokens(text, options));
  if (!middle) return undefined;
  const head = older.slice(0, start);
  const tail = older.slice(older.length - end);
  return [...(head === "" ? [] : [{ value: head }]), ...middle, ...(tail === "" ? [] : [{ value: tail }])];
}

/** How many characters two texts share at their start and at their end, cut between words; `visible` of them not whitespace. */
interface SharedEnds {
  readonly start: number;
  readonly end: number;
  readonly visible: number;
}

function sharedEnds(older: string, newer: string): SharedEnds {
  const limit = Math.min(older.length, newer.length);
  let start = 0;
  while (start < limit && older.charCodeAt(start) === newer.charCodeAt(start)) start++;
  if (start < older.length || start < newer.length) while (start > 0 && !isStartCut(older, start)) start--;
  let end = 0;
  while (end < limit - start && older.charCodeAt(older.length - 1 - end) === newer.charCodeAt(newer.length - 1 - end)) end++;
  while (end > 0 && !isEndCut(older, older.length - end)) end--;
  const visible = visibleLength(older.slice(0, start)) + (end === 0 ? 0 : visibleLength(older.slice(older.length - end)));
  return { start, end, visible };
}

/**
 * At most how much text (whitespace left out) two paragraphs can have in common in a word diff.
 * The words the diff keeps are a common subsequence of both texts' words, so they are at most as
 * many as the longest common subsequence (counted exactly, by dynamic programming over word
 * numbers: cheap next to the diff itself) and at most as long as that many of the longest words
 * of either text; they are also only words both texts have (counted as often as both have them).
 * Pairing an edited paragraph with an unrelated new one next to it is the costly case of the word
 * diff (nearly every word differs); this bound rules such pairs out, and never rules out a pair
 * that the diff would find similar enough.
 */
export function mostSharedText(
  older: string,
  newer: string,
  options: WordOptions = wordOptions(older, newer),
  /** When the shared words alone stay below this, that is answer enough: the order is not counted. */
  enough?: number,
): number {
  return new WordIndex(new WorkBudget(Number.MAX_SAFE_INTEGER)).mostSharedText(older, newer, options, enough);
}

/** A text cut into words, each word numbered (`WordIndex`). */
interface IndexedText {
  /** The words as jsdiff cuts them, with their whitespace. */
  readonly tokens: readonly string[];
  readonly words: readonly number[];
  /** `longest[k]`: the letters of its k longest words together (k from 0 to all of them). */
  readonly longest: readonly number[];
  /** How often each word occurs. */
  readonly bag: ReadonlyMap<number, number>;
}

/**
 * The texts of one section's change cut into words once each, however many others they are
 * compared with, and the work of comparing them taken from the section's budget. Pairing compares
 * every removed text with every added one; with their words counted once, telling that two
 * texts share too few words costs as little as their distinct words.
 */
export class WordIndex {
  readonly #ids = new Map<string, number>();
  /** The length of each numbered word. */
  readonly #wordLengths: number[] = [];
  /** By text, cut with jsdiff's pattern and with the segmenter. */
  readonly #plain = new Map<string, IndexedText>();
  readonly #segmented = new Map<string, IndexedText>();
  readonly #visible = new Map<string, number>();

  constructor(readonly budget: WorkBudget) {}

  /** `visibleLength`, counted once per text. */
  visible(text: string): number {
    let n = this.#visible.get(text);
    if (n === undefined) {
      this.budget.spend(text.length);
      this.#visible.set(text, (n = visibleLength(text)));
    }
    return n;
  }

  read(text: string, options: WordOptions): IndexedText {
    const known = options.intlSegmenter ? this.#segmented : this.#plain;
    const found = known.get(text);
    if (found) return found;
    this.budget.spend(tokenizingCost(text));
    const words: number[] = [];
    const lengths: number[] = [];
    const bag = new Map<number, number>();
    const tokens = jsdiffWords(text, options);
    for (const token of tokens) {
      const word = token.trim();
      let id = this.#ids.get(word);
      if (id === undefined) {
        this.#ids.set(word, (id = this.#ids.size));
        this.#wordLengths.push(word.length);
      }
      words.push(id);
      lengths.push(word.length);
      bag.set(id, (bag.get(id) ?? 0) + 1);
    }
    lengths.sort((x, y) => y - x);
    const longest = [0];
    for (const length of lengths) longest.push((longest[longest.length - 1] ?? 0) + length);
    const indexed = { tokens, words, longest, bag };
    known.set(text, indexed);
    return indexed;
  }

  /** The words of `text` as jsdiff cuts them: those of a text read before are not cut again, nor is a text read for them. */
  tokens(text: string, options: WordOptions): readonly string[] {
    const found = (options.intlSegmenter ? this.#segmented : this.#plain).get(text);
    if (found) return found.tokens;
    this.budget.spend(tokenizingCost(text));
    return jsdiffWords(text, options);
  }

  /** `mostSharedText` above. */
  mostSharedText(older: string, newer: string, options: WordOptions, enough: number | undefined): number {
    const a = this.read(older, options);
    const b = this.read(newer, options);

    // Words both have, as often as both have them.
    const [fewer, more] = a.bag.size <= b.bag.size ? [a.bag, b.bag] : [b.bag, a.bag];
    this.budget.spend(fewer.size);
    let shared = 0;
    // forEach, not for…of: the pairs a Map's iterator makes were a large share of the comparisons' allocations.
    fewer.forEach((count, id) => (shared += Math.min(count, more.get(id) ?? 0) * (this.#wordLengths[id] ?? 0)));
    if (enough !== undefined && shared < enough) return shared;
    // Beyond this the table costs more than it saves; the count of shared words alone bounds it.
    if (a.words.length * b.words.length > 250_000) return shared;

    this.budget.spend(a.words.length * b.words.length);
    let previous = new Uint16Array(b.words.length + 1);
    let current = new Uint16Array(b.words.length + 1);
    for (const id of a.words) {
      for (let j = 1; j <= b.words.length; j++) {
        current[j] = id === b.words[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
      }
      const row = previous;
      previous = current;
      current = row;
    }
    const inOrder = previous[b.words.length] ?? 0;
    const longest = (text: IndexedText) => text.longest[Math.min(inOrder, text.longest.length - 1)] ?? 0;
    return Math.min(shared, longest(a), longest(b));
  }
}

/** The visible characters a word diff keeps. */
export function keptLength(parts: readonly WordPart[]): number {
  let n = 0;
  for (const p of parts) if (!p.added && !p.removed) n += visibleLength(p.value);
  return n;
}

/** A removed text paired with the added one at the same index of `added`, and their word diff. */
export interface Pair {
  readonly removedIndex: number;
  readonly parts: readonly WordPart[];
}

/**
 * Pairs each removed text with the most similar added one not yet taken (at least
 * `MIN_SIMILARITY`), by index of the added text. So an inserted paragraph or table row reads as
 * new instead of being woven into its neighbour.
 */
export function pairTexts(removed: readonly string[], added: readonly string[], words: WordIndex): Map<number, Pair> {
  const partnerOf = new Map<number, Pair>();
  removed.forEach((old, r) => {
    const candidates = added.flatMap((text, index) => {
      if (partnerOf.has(index)) return [];
      const ends = sharedEnds(old, text);
      words.budget.spend(1 + ends.start + ends.end);
      return [{ text, index, ends }];
    });
    const score = (kept: number, text: string) => similarity(kept, words.visible(old), words.visible(text));
    // A text that keeps half of it at its start and end is the edited one (a sentence rewritten)
    // when no other could be as similar even at best (`mostSharedText`): it is taken without
    // diffing the others, which would cost the most and could not change the choice. Below half,
    // the others are rarely ruled out, and trying would only add to the diffs that follow.
    const kept = candidates.map((c) => ({ ...c, score: score(c.ends.visible, c.text) }));
    const likeliest = kept.reduce<(typeof kept)[number] | undefined>((best, c) => (c.score >= LIKELY_EDIT && (!best || c.score > best.score) ? c : best), undefined);
    if (likeliest) {
      const others = candidates.filter((c) => c.index !== likeliest.index);
      const beaten = others.every(({ text, ends }) => {
        const needed = (likeliest.score * (words.visible(old) + words.visible(text))) / 2 - ends.visible;
        return needed > 0 && words.mostSharedText(...middles(old, text, ends), needed) < needed;
      });
      const parts = beaten ? diffWordsTrimmed(old, likeliest.text, likeliest.ends, true, words) : undefined;
      if (parts) {
        partnerOf.set(likeliest.index, { removedIndex: r, parts });
        return;
      }
    }
    let best: { index: number; score: number; parts: readonly WordPart[] } | undefined;
    for (const { text, index, ends } of candidates) {
      const parts = diffWordsTrimmed(old, text, ends, false, words);
      if (!parts) continue;
      const s = score(keptLength(parts), text);
      if (s >= MIN_SIMILARITY && (!best || s > best.score)) best = { index, score: s, parts };
    }
    if (best) partnerOf.set(best.index, { removedIndex: r, parts: best.parts });
  });
  return partnerOf;
}

/** The word diff of two texts if they are similar enough to interleave (a table cell, a heading), else undefined. */
export function diffIfSimilar(older: string, newer: string, words: WordIndex): WordPart[] | undefined {
  const ends = sharedEnds(older, newer);
  words.budget.spend(1 + ends.start + ends.end);
  const parts = diffWordsTrimmed(older, newer, ends, false, words);
  return parts && similarity(keptLength(parts), words.visible(older), words.visible(newer)) >= MIN_SIMILARITY ? parts : undefined;
}
