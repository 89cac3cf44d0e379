/**
 * Intl's word segmenter, with a shortcut for text whose words are plainly runs of letters.
 *
 * The changes pages cut non-Latin text into words with `Intl.Segmenter` (compare.ts); jsdiff calls
 * it for both texts of a pair and again for the whitespace around each change. In alphabetic
 * scripts (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic) Unicode's word boundaries
 * (UAX #29) fall wherever a letter or digit meets a space or a punctuation mark, except where a
 * mark such as `.`, `,`, `:` or `'` stands between two of them ("e.g", "3,5", "don't"), a quote
 * follows a Hebrew letter, or a combining mark follows something other than a letter or digit.
 * Text without those cases is cut here by one regular expression into the segments ICU gives (a
 * property test compares the two on random text: tests/unit/history/word-segmenter.test.ts),
 * about 2.5 times faster than ICU's break iterator (docs/performance-history.md). Any other text, and
 * every script that needs ICU's dictionaries (Chinese, Japanese, Thai…) or rules of its own
 * (Korean), goes to ICU.
 */

/** Letters of alphabetic scripts whose words ICU finds by UAX #29's rules alone, without a dictionary. */
const LETTER = String.raw`[\p{L}&&[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Armenian}\p{sc=Georgian}\p{sc=Hebrew}\p{sc=Arabic}]]`;
/** ASCII, Arabic-Indic and Persian digits. */
const DIGIT = String.raw`[0-9\u0660-\u0669\u06F0-\u06F9]`;
/**
 * Combining marks and invisible format characters, which belong to the character before them (UAX
 * #29 rule WB4). Not the zero-width joiner, which also joins a following emoji-like symbol (© ® ™)
 * to the word (WB3c), nor the two marks of the Han script, which ICU keeps apart from letters.
 */
const JOINER = String.raw`[[\p{M}--\p{sc=Han}]\u00AD\u061C\u200C\u200E\u200F\u202A-\u202E\u2066-\u2069]`;
/** Spaces: a run of them is one segment (WB3d); a line break, a tab or a no-break space is one each. */
const SPACE = String.raw` +|\r\n|[\t\n\r\u00A0]`;
/**
 * Punctuation and symbols that ICU keeps apart, one segment each, in the text this shortcut takes.
 * `_` is left out: it joins words (ExtendNumLet).
 */
const PUNCTUATION = String.raw`[!-\/:-@\[-\^\`\{-~¡§©«®°±¶·»¿×÷‐-—‘-‟•…‹›€№™،؛؟٪۔]`;
/**
 * The marks of `PUNCTUATION` that join the letters or digits on both sides into one word (UAX #29's
 * MidLetter, MidNumLet, MidNum, Single_Quote and Double_Quote); the others of those classes are
 * not in `PUNCTUATION`, so text with them goes to ICU anyway.
 */
const JOINS_BETWEEN = /[.,:;'"·‘’،]/;
/** After a Hebrew letter, `'` joins even at a word's end, and `"` before another Hebrew letter (WB7a–c). */
const QUOTE = /['"]/;
const HEBREW = /\p{sc=Hebrew}/u;

const PART = new RegExp(String.raw`(${LETTER}|${DIGIT})(?:${LETTER}|${DIGIT}|${JOINER})*|${SPACE}|${PUNCTUATION}`, "vy");
const STARTS_WORD = new RegExp(`^(?:${LETTER}|${DIGIT})`, "v");

/** The segments of `text` as ICU would cut it, or undefined when the shortcut cannot tell. */
export function plainWordSegments(text: string): Intl.SegmentData[] | undefined {
  const segments: Intl.SegmentData[] = [];
  let previousWord: string | undefined;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const index = PART.lastIndex;
    const match = PART.exec(text);
    if (!match) return undefined;
    const segment = match[0];
    const isWordLike = match[1] !== undefined;
    if (!isWordLike && previousWord !== undefined) {
      if (JOINS_BETWEEN.test(segment) && STARTS_WORD.test(text.slice(PART.lastIndex, PART.lastIndex + 2))) return undefined;
      if (QUOTE.test(segment) && HEBREW.test(previousWord)) return undefined;
    }
    segments.push({ segment, index, input: text, isWordLike });
    previousWord = isWordLike ? segment : undefined;
  }
  return segments;
}

/** Segments found by the shortcut, offered as `Intl.Segmenter#segment` offers ICU's. */
class FoundSegments implements Intl.Segments {
  constructor(private readonly segments: readonly Intl.SegmentData[]) {}

  containing(codeUnitIndex = 0): Intl.SegmentData | undefined {
    // As Intl: the index is made an integer, NaN counting as 0.
    const index = Math.trunc(Number(codeUnitIndex)) || 0;
    return this.segments.find((s) => index >= s.index && index < s.index + s.segment.length);
  }

  [Symbol.iterator](): IterableIterator<Intl.SegmentData> {
    return this.segments[Symbol.iterator]();
  }
}

/**
 * A word segmenter for any language ("und"), as `Intl.Segmenter`, that cuts plain alphabetic text
 * itself (`plainWordSegments`) and leaves the rest to ICU.
 */
export class WordSegmenter extends Intl.Segmenter {
  constructor() {
    super("und", { granularity: "word" });
  }

  override segment(input: string): Intl.Segments {
    const text = String(input);
    const found = plainWordSegments(text);
    return found ? new FoundSegments(found) : super.segment(text);
  }
}
