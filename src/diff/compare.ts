import { diffArrays } from "diff";
import { pushAll } from "../core/arrays.ts";
import type { TextSection } from "../model/text.ts";
import { jsdiffWords } from "../patches/jsdiff-word-internals.ts";
import { diffWordParts, tokenizingCost } from "./word-diff.ts";
import { OutOfWork, WorkBudget } from "./work-budget.ts";
import { WordSegmenter } from "./word-segmenter.ts";

/**
 * What changed between two versions, section by section. jsdiff aligns sections and paragraphs
 * and cuts text into words, Jest's diff-sequences finds the words two paragraphs keep
 * (`word-diff.ts`); this module decides what a section is and how changes are grouped.
 *
 * Two passes keep the cost low: sections are compared whole first, and words are diffed only
 * inside sections whose text differs. Every comparison has bounds (`ComparisonBounds`): a section
 * that would need more work is shown whole, its old text removed and its new text added, with a
 * note (`tooLarge`); docs/versioning.md says what readers see.
 */
export type SectionStatus = "unchanged" | "changed" | "added" | "removed" | "moved";

export interface Segment {
  readonly kind: "same" | "inserted" | "deleted";
  readonly text: string;
}

export interface SectionChange {
  /** The section's anchor in the newer version (the older one for removed sections). */
  readonly id: string;
  readonly heading: string;
  /** The heading in the older version when it was renamed. */
  readonly previousHeading?: string;
  readonly level: number;
  readonly status: SectionStatus;
  /** True for a moved section whose text changed as well. */
  readonly textChanged: boolean;
  /** Paragraphs of marked-up text; empty for unchanged sections. */
  readonly paragraphs: readonly (readonly Segment[])[];
  /** The text, for unchanged sections (shown collapsed). */
  readonly unchangedText: readonly string[];
  /** Too large a change to compare within the bounds: shown as the old text replaced by the new. */
  readonly tooLarge?: true;
}

export interface Comparison {
  readonly sections: readonly SectionChange[];
  readonly counts: Readonly<Record<SectionStatus, number>>;
}

/** Beyond this many word edits in one paragraph, show it as replaced instead of interleaving words. */
const MAX_WORD_EDITS = 2_000;

/**
 * How much work one changes page may take (docs/performance.md, "Bounds of the comparisons").
 * Work is counted in units of about a word pair compared (`WorkBudget`).
 */
export interface ComparisonBounds {
  /** Work for one section's paragraphs: pairing them and diffing their words. */
  readonly sectionWork: number;
  /** Work for all sections of the page together. */
  readonly pageWork: number;
  /** Paragraphs removed plus added in one section, beyond which they are not aligned. */
  readonly paragraphEdits: number;
  /** Sections removed plus added, beyond which they are not aligned. */
  readonly sectionEdits: number;
}

export const COMPARISON_BOUNDS: ComparisonBounds = {
  sectionWork: 40_000_000,
  pageWork: 120_000_000,
  paragraphEdits: 1_000,
  sectionEdits: 1_000,
};

export function compareSections(older: readonly TextSection[], newer: readonly TextSection[], bounds: ComparisonBounds = COMPARISON_BOUNDS): Comparison {
  const key = (s: TextSection) => s.id;
  const olderByKey = new Map(older.map((s) => [key(s), s]));
  const newerKeys = new Set(newer.map(key));
  const olderKeys = new Set(older.map(key));
  const changes: SectionChange[] = [];
  let pageWorkLeft = bounds.pageWork;
  const compareSection = (before: TextSection, after: TextSection, status: "unchanged" | "moved" | "changed") => {
    const budget = new WorkBudget(Math.min(bounds.sectionWork, pageWorkLeft));
    const change = compareSectionWithin(before, after, status, budget, bounds);
    pageWorkLeft = budget.left;
    return change;
  };

  // Align by anchor. A key removed here and added elsewhere is a moved section; a removed run
  // directly followed by an added run of the same length is the same sections renamed.
  const alignment = diffArrays(older.map(key), newer.map(key), { maxEditLength: bounds.sectionEdits });
  // Beyond the bound, the whole text is shown replaced: every older section removed, every newer one added.
  if (!alignment) {
    return counted([...older.map((s) => wholeSection(s, "removed")), ...newer.map((s) => wholeSection(s, "added"))].map((c) => ({ ...c, tooLarge: true })));
  }
  let newerIndex = 0;
  for (let i = 0; i < alignment.length; i++) {
    const part = alignment[i];
    if (!part) continue;
    if (part.removed) {
      const next = alignment[i + 1];
      const renamed = next?.added && next.count === part.count;
      part.value.forEach((k, j) => {
        const before = olderByKey.get(k) as TextSection;
        if (newerKeys.has(k)) return; // moved: reported where it now stands
        if (renamed) {
          const after = newer[newerIndex + j] as TextSection;
          if (!olderKeys.has(after.id)) {
            changes.push(compareSection(before, after, "changed"));
            return;
          }
        }
        changes.push(wholeSection(before, "removed"));
      });
      if (renamed && next) {
        const renamedAll = next.value.every((k, j) => !olderKeys.has(k) && !newerKeys.has(part.value[j] ?? ""));
        if (renamedAll) {
          newerIndex += next.count ?? 0;
          i++;
        }
      }
      continue;
    }
    for (const k of part.value) {
      const after = newer[newerIndex++] as TextSection;
      const before = olderByKey.get(k);
      if (part.added) changes.push(before ? compareSection(before, after, "moved") : wholeSection(after, "added"));
      else changes.push(compareSection(before as TextSection, after, "unchanged"));
    }
  }

  return counted(changes);
}

function counted(changes: readonly SectionChange[]): Comparison {
  const counts: Record<SectionStatus, number> = { unchanged: 0, changed: 0, added: 0, removed: 0, moved: 0 };
  for (const change of changes) counts[change.status]++;
  return { sections: changes, counts };
}

function wholeSection(section: TextSection, status: "added" | "removed"): SectionChange {
  const kind = status === "added" ? "inserted" : "deleted";
  return {
    id: section.id,
    heading: section.heading,
    level: section.level,
    status,
    textChanged: true,
    paragraphs: section.blocks.map((text) => [{ kind, text }]),
    unchangedText: [],
  };
}

/** `status` is what the alignment says; an aligned section whose text differs becomes "changed". */
function compareSectionWithin(before: TextSection, after: TextSection, status: "unchanged" | "moved" | "changed", budget: WorkBudget, bounds: ComparisonBounds): SectionChange {
  const renamed = before.heading !== after.heading;
  const sameText = before.blocks.length === after.blocks.length && before.blocks.every((b, i) => b === after.blocks[i]);
  const base = {
    id: after.id,
    heading: after.heading,
    ...(renamed && { previousHeading: before.heading }),
    level: after.level,
  };
  if (sameText) {
    const finalStatus = status === "unchanged" && renamed ? "changed" : status;
    return { ...base, status: finalStatus, textChanged: false, paragraphs: [], unchangedText: finalStatus === "unchanged" ? after.blocks : [] };
  }
  const changed = { ...base, status: status === "moved" ? "moved" : "changed", textChanged: true, unchangedText: [] } as const;
  try {
    return { ...changed, paragraphs: diffParagraphs(before.blocks, after.blocks, budget, bounds) };
  } catch (e) {
    if (!(e instanceof OutOfWork)) throw e;
    const replaced: Segment[][] = [...before.blocks.map((text) => [{ kind: "deleted", text } as const]), ...after.blocks.map((text) => [{ kind: "inserted", text } as const])];
    return { ...changed, paragraphs: replaced, tooLarge: true };
  }
}

/**
 * Paragraphs (and table rows) are aligned first; a removed paragraph is then paired with the most
 * similar added one next to it and the pair is diffed word by word, so an inserted table row
 * reads as a new row instead of being woven into its neighbour.
 */
function diffParagraphs(before: readonly string[], after: readonly string[], budget: WorkBudget, bounds: ComparisonBounds): Segment[][] {
  const paragraphs: Segment[][] = [];
  budget.spend(before.length + after.length);
  const parts = diffArrays([...before], [...after], { maxEditLength: bounds.paragraphEdits });
  if (!parts) throw new OutOfWork();
  const words = new WordIndex(budget);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    if (!part.added && !part.removed) {
      for (const text of part.value) paragraphs.push([{ kind: "same", text }]);
      continue;
    }
    const removed = part.removed ? part.value : [];
    const nextPart = parts[i + 1];
    const added = part.added ? part.value : nextPart?.added ? nextPart.value : [];
    if (part.removed && nextPart?.added) i++;
    pushAll(paragraphs, pairParagraphs(removed, added, words));
  }
  return paragraphs;
}

/**
 * jsdiff's own word pattern knows Latin letters only: Arabic, Hebrew, Cyrillic, Greek or CJK text
 * would be compared letter by letter, which readers cannot follow and which costs a hundred times
 * more (a paragraph is hundreds of one-letter tokens). Such text is cut into words by Intl's word
 * segmenter, which knows every script (CJK by dictionary); Latin text keeps jsdiff's pattern.
 * Plain alphabetic text is cut without ICU, with the same words (`WordSegmenter`).
 */
const wordSegmenter = new WordSegmenter();
const NON_LATIN_LETTER = /[^\p{Script=Latin}\P{L}]/u;

export function wordOptions(older: string, newer: string): { maxEditLength: number; intlSegmenter?: Intl.Segmenter } {
  const segment = NON_LATIN_LETTER.test(older) || NON_LATIN_LETTER.test(newer);
  return { maxEditLength: MAX_WORD_EDITS, ...(segment && { intlSegmenter: wordSegmenter }) };
}

/** Below this share of common text, a pair is shown as replaced rather than interleaved. */
const MIN_SIMILARITY = 0.5;

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

interface WordPart {
  readonly value: string;
  readonly added?: boolean;
  readonly removed?: boolean;
}

/**
 * A revision usually rewrites a sentence in a long paragraph. The text both sides share at the
 * start and at the end (cut between words) is set aside before the word diff:
 * Myers costs grow with the length of what is compared, and this makes that the changed sentence,
 * not the paragraph. Undefined when the edit is too long to be worth interleaving.
 */
/** The texts between the shared start and end, with the word options for them. */
function middles(older: string, newer: string, { start, end }: SharedEnds): [string, string, ReturnType<typeof wordOptions>] {
  const oldMiddle = older.slice(start, older.length - end);
  const newMiddle = newer.slice(start, newer.length - end);
  return [oldMiddle, newMiddle, wordOptions(oldMiddle, newMiddle)];
}

function diffWordsTrimmed(older: string, newer: string, ends: SharedEnds, knownSimilar: boolean, words: WordIndex): WordPart[] | undefined {
  const { start, end } = ends;
  const [oldMiddle, newMiddle, options] = middles(older, newer, ends);
  const needed = MIN_SIMILARITY * Math.max(older.length, newer.length, 1) - start - end;
  if (!knownSimilar && words.mostSharedText(oldMiddle, newMiddle, options, needed) < needed) return undefined;
  const middle = oldMiddle === "" && newMiddle === "" ? [] : diffWordParts(oldMiddle, newMiddle, options, words.budget, (text) => words.tokens(text, options));
  if (!middle) return undefined;
  const head = older.slice(0, start);
  const tail = older.slice(older.length - end);
  return [...(head === "" ? [] : [{ value: head }]), ...middle, ...(tail === "" ? [] : [{ value: tail }])];
}

/** How many characters two texts share at their start and at their end, cut between words. */
interface SharedEnds {
  readonly start: number;
  readonly end: number;
}

function sharedEnds(older: string, newer: string): SharedEnds {
  const limit = Math.min(older.length, newer.length);
  let start = 0;
  while (start < limit && older.charCodeAt(start) === newer.charCodeAt(start)) start++;
  if (start < older.length || start < newer.length) while (start > 0 && !isStartCut(older, start)) start--;
  let end = 0;
  while (end < limit - start && older.charCodeAt(older.length - 1 - end) === newer.charCodeAt(newer.length - 1 - end)) end++;
  while (end > 0 && !isEndCut(older, older.length - end)) end--;
  return { start, end };
}

/**
 * At most how much text two paragraphs can have in common in a word diff. The words the diff
 * keeps are a common subsequence of both texts' words, so they are at most as many as the longest
 * common subsequence (counted exactly, by dynamic programming over word numbers: cheap next to
 * the diff itself) and at most as long as that many of the longest words of either text; they
 * are also only words both texts have (counted as often as both have them). All the whitespace of
 * either text is added. Pairing an edited paragraph with an unrelated new one next to it is the
 * costly case of the word diff (nearly every word differs); this bound rules such pairs out, and
 * never rules out a pair that the diff would find similar enough.
 */
export function mostSharedText(
  older: string,
  newer: string,
  options: ReturnType<typeof wordOptions> = wordOptions(older, newer),
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
  readonly lengths: readonly number[];
  readonly whitespace: number;
  /** How often each word occurs. */
  readonly bag: ReadonlyMap<number, number>;
}

/**
 * The paragraphs of one section's change cut into words once each, however many others they are
 * compared with, and the work of comparing them taken from the section's budget. Pairing compares
 * every removed paragraph with every added one; with their words counted once, telling that two
 * paragraphs share too few words costs as little as their distinct words.
 */
class WordIndex {
  readonly #ids = new Map<string, number>();
  /** The length of each numbered word. */
  readonly #wordLengths: number[] = [];
  /** By text, cut with jsdiff's pattern and with the segmenter. */
  readonly #plain = new Map<string, IndexedText>();
  readonly #segmented = new Map<string, IndexedText>();

  constructor(readonly budget: WorkBudget) {}

  read(text: string, options: ReturnType<typeof wordOptions>): IndexedText {
    const known = options.intlSegmenter ? this.#segmented : this.#plain;
    const found = known.get(text);
    if (found) return found;
    this.budget.spend(tokenizingCost(text));
    const words: number[] = [];
    const lengths: number[] = [];
    const bag = new Map<number, number>();
    let whitespace = 0;
    const tokens = jsdiffWords(text, options);
    for (const token of tokens) {
      const word = token.trim();
      whitespace += token.length - word.length;
      let id = this.#ids.get(word);
      if (id === undefined) {
        this.#ids.set(word, (id = this.#ids.size));
        this.#wordLengths.push(word.length);
      }
      words.push(id);
      lengths.push(word.length);
      bag.set(id, (bag.get(id) ?? 0) + 1);
    }
    const indexed = { tokens, words, lengths, whitespace, bag };
    known.set(text, indexed);
    return indexed;
  }

  /** The words of `text` as jsdiff cuts them: those of a text read before are not cut again, nor is a text read for them. */
  tokens(text: string, options: ReturnType<typeof wordOptions>): readonly string[] {
    const found = (options.intlSegmenter ? this.#segmented : this.#plain).get(text);
    if (found) return found.tokens;
    this.budget.spend(tokenizingCost(text));
    return jsdiffWords(text, options);
  }

  /** `mostSharedText` above. */
  mostSharedText(older: string, newer: string, options: ReturnType<typeof wordOptions>, enough: number | undefined): number {
    const a = this.read(older, options);
    const b = this.read(newer, options);

    // Words both have, as often as both have them.
    const [fewer, more] = a.bag.size <= b.bag.size ? [a.bag, b.bag] : [b.bag, a.bag];
    this.budget.spend(fewer.size);
    let shared = 0;
    for (const [id, count] of fewer) shared += Math.min(count, more.get(id) ?? 0) * (this.#wordLengths[id] ?? 0);
    const whitespace = Math.max(a.whitespace, b.whitespace);
    if (enough !== undefined && shared + whitespace < enough) return shared + whitespace;
    // Beyond this the table costs more than it saves; the count of shared words alone bounds it.
    if (a.words.length * b.words.length > 250_000) return shared + whitespace;

    this.budget.spend(a.words.length * b.words.length);
    let previous = new Uint16Array(b.words.length + 1);
    let current = new Uint16Array(b.words.length + 1);
    for (const id of a.words) {
      for (let j = 1; j <= b.words.length; j++) {
        current[j] = id === b.words[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
      }
      [previous, current] = [current, previous];
    }
    const inOrder = previous[b.words.length] ?? 0;
    const longest = (lengths: readonly number[]) => [...lengths].sort((x, y) => y - x).slice(0, inOrder).reduce((n, l) => n + l, 0);
    return Math.min(shared, longest(a.lengths), longest(b.lengths)) + whitespace;
  }
}

function pairParagraphs(removed: readonly string[], added: readonly string[], words: WordIndex): Segment[][] {
  const partnerOf = new Map<number, { removedIndex: number; parts: readonly WordPart[] }>();
  removed.forEach((old, r) => {
    const candidates = added.flatMap((text, index) => {
      if (partnerOf.has(index)) return [];
      const ends = sharedEnds(old, text);
      words.budget.spend(1 + ends.start + ends.end);
      return [{ text, index, ends }];
    });
    const similarity = (common: number, text: string) => common / Math.max(old.length, text.length, 1);
    // A paragraph that keeps half of its text at its start and end is the edited one (a sentence
    // rewritten) when no other could be as similar even at best (`mostSharedText`): it is taken
    // without diffing the others, which would cost the most and could not change the choice.
    const kept = candidates.map((c) => ({ ...c, score: similarity(c.ends.start + c.ends.end, c.text) }));
    const likeliest = kept.reduce<(typeof kept)[number] | undefined>((best, c) => (c.score >= MIN_SIMILARITY && (!best || c.score > best.score) ? c : best), undefined);
    if (likeliest) {
      const others = candidates.filter((c) => c.index !== likeliest.index);
      const beaten = others.every(({ text, ends }) => {
        const needed = likeliest.score * Math.max(old.length, text.length, 1) - ends.start - ends.end;
        return words.mostSharedText(...middles(old, text, ends), needed) < needed;
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
      const score = similarity(parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0), text);
      if (score >= MIN_SIMILARITY && (!best || score > best.score)) best = { index, score, parts };
    }
    if (best) partnerOf.set(best.index, { removedIndex: r, parts: best.parts });
  });
  const paired = new Set([...partnerOf.values()].map((p) => p.removedIndex));
  const result: Segment[][] = removed.filter((_, r) => !paired.has(r)).map((text) => [{ kind: "deleted", text }]);
  added.forEach((text, a) => {
    const partner = partnerOf.get(a);
    result.push(
      partner
        ? partner.parts.map((p) => ({ kind: p.added ? "inserted" : p.removed ? "deleted" : "same", text: p.value }))
        : [{ kind: "inserted", text }],
    );
  });
  return result;
}
