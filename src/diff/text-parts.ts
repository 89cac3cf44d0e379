import { jsdiffParts, jsdiffWordsOfParts, type JsdiffWordOptions } from "../patches/jsdiff-word-internals.ts";

/** A text cut into jsdiff's parts, and where each part starts (the text's length last). */
interface CutText {
  readonly parts: readonly string[];
  readonly starts: readonly number[];
}

/** Texts kept at once; beyond it the oldest half is let go (a language of a document needs far fewer). */
const MAX_TEXTS = 4_000;

/**
 * The paragraphs, list items and cells of one document cut into jsdiff's parts once, however many
 * comparisons they are in: the version in force is compared with every earlier version (their
 * compare pages) and with the one before it. A comparison diffs the part of two texts between
 * their shared start and end (`pairing.ts`), a slice of each; its words come from the whole text's
 * parts whenever the slice begins and ends between two parts. Cutting Chinese and Japanese into
 * words is the costly part (ICU's dictionaries). Without a shared cut between parts the slice is
 * cut on its own: whitespace that a combining mark joins, for example.
 *
 * The words are the same either way: cuts fall after whitespace or full-width punctuation and before
 * whitespace, where no rule of word boundaries (UAX #29) or of ICU's dictionaries reaches across
 * (the same reasoning as `pieces` in word-segmenter.ts); a property test compares the two.
 */
export class TextParts {
  readonly #plain = new Map<string, CutText>();
  readonly #segmented = new Map<string, CutText>();

  /** The words of `whole.slice(from, to)` as `jsdiffWords` cuts them, or undefined when the slice does not fall between parts. */
  wordsOfSlice(whole: string, from: number, to: number, options: JsdiffWordOptions): string[] | undefined {
    const { parts, starts } = this.#cut(whole, options);
    const first = indexOf(starts, from);
    if (first === undefined) return undefined;
    const end = indexOf(starts, to);
    if (end === undefined) return undefined;
    return jsdiffWordsOfParts(parts.slice(first, end));
  }

  #cut(text: string, options: JsdiffWordOptions): CutText {
    const known = options.intlSegmenter ? this.#segmented : this.#plain;
    const found = known.get(text);
    if (found) return found;
    if (known.size >= MAX_TEXTS) {
      let drop = known.size / 2;
      for (const key of known.keys()) {
        if (drop-- <= 0) break;
        known.delete(key);
      }
    }
    const parts = jsdiffParts(text, options);
    const starts = new Array<number>(parts.length + 1);
    let at = 0;
    parts.forEach((part, i) => {
      starts[i] = at;
      at += part.length;
    });
    starts[parts.length] = at;
    const cut = { parts, starts };
    known.set(text, cut);
    return cut;
  }
}

/** The index of `offset` in the ascending `starts`, or undefined when no part starts there. */
function indexOf(starts: readonly number[], offset: number): number | undefined {
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = starts[middle] as number;
    if (value === offset) return middle;
    if (value < offset) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
