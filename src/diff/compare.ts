import { diffArrays, wordDiff } from "diff";
import type { TextSection } from "../model/text.ts";
import { diffWordParts } from "./word-diff.ts";
import { WordSegmenter } from "./word-segmenter.ts";

/**
 * What changed between two versions, section by section. jsdiff aligns sections and paragraphs
 * and cuts text into words, Jest's diff-sequences finds the words two paragraphs keep
 * (`word-diff.ts`); this module decides what a section is and how changes are grouped.
 *
 * Two passes keep the cost bounded: sections are compared whole first, and words are diffed only
 * inside sections whose text differs, with a cap on the edit length beyond which a section is
 * shown as replaced rather than diffed word by word.
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
}

export interface Comparison {
  readonly sections: readonly SectionChange[];
  readonly counts: Readonly<Record<SectionStatus, number>>;
}

/** Beyond this many word edits in one section, show it as replaced instead of interleaving words. */
const MAX_WORD_EDITS = 2_000;

export function compareSections(older: readonly TextSection[], newer: readonly TextSection[]): Comparison {
  const key = (s: TextSection) => s.id;
  const olderByKey = new Map(older.map((s) => [key(s), s]));
  const newerKeys = new Set(newer.map(key));
  const olderKeys = new Set(older.map(key));
  const changes: SectionChange[] = [];

  // Align by anchor. A key removed here and added elsewhere is a moved section; a removed run
  // directly followed by an added run of the same length is the same sections renamed.
  const alignment = diffArrays(older.map(key), newer.map(key));
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
function compareSection(before: TextSection, after: TextSection, status: "unchanged" | "moved" | "changed"): SectionChange {
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
  return {
    ...base,
    status: status === "moved" ? "moved" : "changed",
    textChanged: true,
    paragraphs: diffParagraphs(before.blocks, after.blocks),
    unchangedText: [],
  };
}

/**
 * Paragraphs (and table rows) are aligned first; a removed paragraph is then paired with the most
 * similar added one next to it and the pair is diffed word by word, so an inserted table row
 * reads as a new row instead of being woven into its neighbour.
 */
function diffParagraphs(before: readonly string[], after: readonly string[]): Segment[][] {
  const paragraphs: Segment[][] = [];
  const parts = diffArrays([...before], [...after]);
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
    paragraphs.push(...pairParagraphs(removed, added));
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

function diffWordsTrimmed(older: string, newer: string, ends: SharedEnds, knownSimilar: boolean): WordPart[] | undefined {
  const { start, end } = ends;
  const [oldMiddle, newMiddle, options] = middles(older, newer, ends);
  const needed = MIN_SIMILARITY * Math.max(older.length, newer.length, 1) - start - end;
  if (!knownSimilar && mostSharedText(oldMiddle, newMiddle, options, needed) < needed) return undefined;
  const middle = oldMiddle === "" && newMiddle === "" ? [] : diffWordParts(oldMiddle, newMiddle, options);
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
  const ids = new Map<string, number>();
  const read = (text: string) => {
    const words: number[] = [];
    const lengths: number[] = [];
    let whitespace = 0;
    for (const token of wordDiff.tokenize(text, options)) {
      const word = token.trim();
      whitespace += token.length - word.length;
      let id = ids.get(word);
      if (id === undefined) ids.set(word, (id = ids.size));
      words.push(id);
      lengths.push(word.length);
    }
    return { words, lengths, whitespace };
  };
  const a = read(older);
  const b = read(newer);

  // Words both have, as often as both have them.
  const counts = new Map<number, number>();
  for (const id of a.words) counts.set(id, (counts.get(id) ?? 0) + 1);
  let shared = 0;
  b.words.forEach((id, i) => {
    const left = counts.get(id) ?? 0;
    if (left > 0) {
      shared += b.lengths[i] ?? 0;
      counts.set(id, left - 1);
    }
  });
  const whitespace = Math.max(a.whitespace, b.whitespace);
  if (enough !== undefined && shared + whitespace < enough) return shared + whitespace;
  // Beyond this the table costs more than it saves; the count of shared words alone bounds it.
  if (a.words.length * b.words.length > 250_000) return shared + whitespace;

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

function pairParagraphs(removed: readonly string[], added: readonly string[]): Segment[][] {
  const partnerOf = new Map<number, { removedIndex: number; parts: readonly WordPart[] }>();
  removed.forEach((old, r) => {
    const candidates = added.flatMap((text, index) => (partnerOf.has(index) ? [] : [{ text, index, ends: sharedEnds(old, text) }]));
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
        return mostSharedText(...middles(old, text, ends), needed) < needed;
      });
      const parts = beaten ? diffWordsTrimmed(old, likeliest.text, likeliest.ends, true) : undefined;
      if (parts) {
        partnerOf.set(likeliest.index, { removedIndex: r, parts });
        return;
      }
    }
    let best: { index: number; score: number; parts: readonly WordPart[] } | undefined;
    for (const { text, index, ends } of candidates) {
      const parts = diffWordsTrimmed(old, text, ends, false);
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
