/**
 * Intl's word segmenter, with a shortcut for text whose words are plainly runs of letters, and
 * long texts given to ICU in pieces.
 *
 * The changes pages cut non-Latin text into words with `Intl.Segmenter` (compare.ts); jsdiff calls
 * it for both texts of a pair and again for the whitespace around each change. In alphabetic
 * scripts (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic) Unicode's word boundaries
 * (UAX #29) fall wherever a letter or digit meets a space or a punctuation mark, except where a
 * mark such as `.`, `,`, `:` or `'` stands between two of them ("e.g", "3,5", "don't"), a quote
 * follows a Hebrew letter, or a combining mark follows something other than a letter or digit.
 * Text without those cases is cut here by one regular expression into the segments ICU gives (a
 * property test compares the two on random text, and fails if ICU's rules change under it); its
 * measured gain is in docs/performance.md. Any other text, and every script that needs ICU's
 * dictionaries (Chinese, Japanese, Thai…) or rules of its own (Korean), goes to ICU.
 *
 * jsdiff holds every segment of a text at once, and V8 keeps a copy of the whole text with each,
 * so one ICU call on a long paragraph takes memory in the square of its length (a 90 KB Chinese
 * paragraph took gigabytes). Texts longer than `MAX_PIECE` are cut where no word can span the cut
 * (`pieces`), and each piece is segmented apart: the same segments, in memory proportional to the
 * text.
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

/**
 * Where a text may be cut into pieces that ICU segments apart with the same result: after a space,
 * a line break or a full-width full stop, comma (、), exclamation or question mark, before anything that is neither whitespace
 * nor a character that joins what precedes it (UAX #29 rule WB4). No word rule reaches across such
 * a place, and Chinese and Japanese dictionary breaking works on runs of ideographs and kana, which
 * these marks end. U+202F is left out (it joins the words around it), and so are the full-width
 * colon, semicolon and comma (，), which join letters or digits as their ASCII forms do.
 */
const PIECE_END = /[ \t\n\r\u3000。、！？](?![\s\p{M}\p{Cf}\p{Emoji_Modifier}\uFF9E\uFF9F])/gu;

/** Longest piece given to ICU at once: a long paragraph (an M paragraph is a few hundred characters). */
export const MAX_PIECE = 2_000;

/**
 * `text` cut into pieces of at most `maxPiece` characters, at `PIECE_END` where there is one.
 * Text without such a place for that long is cut where it is, and its words at the cut may differ
 * from ICU's on the whole text.
 */
export function pieces(text: string, maxPiece = MAX_PIECE): string[] {
  const result: string[] = [];
  let start = 0;
  let lastEnd = 0;
  const cutUpTo = (end: number) => {
    if (end - start > maxPiece && lastEnd > start) {
      result.push(text.slice(start, lastEnd));
      start = lastEnd;
    }
    while (end - start > maxPiece) {
      result.push(text.slice(start, start + maxPiece));
      start += maxPiece;
    }
  };
  if (text.length > maxPiece) {
    for (const match of text.matchAll(PIECE_END)) {
      const end = match.index + match[0].length;
      cutUpTo(end);
      lastEnd = end;
    }
    cutUpTo(text.length);
  }
  if (start < text.length || result.length === 0) result.push(text.slice(start));
  return result;
}

/** Segments found by the shortcut or piece by piece, offered as `Intl.Segmenter#segment` offers ICU's. */
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
 * itself (`plainWordSegments`) and gives the rest to ICU, in pieces when it is long (`pieces`).
 */
export class WordSegmenter extends Intl.Segmenter {
  constructor(private readonly maxPiece = MAX_PIECE) {
    super("und", { granularity: "word" });
  }

  override segment(input: string): Intl.Segments {
    const text = String(input);
    const found = plainWordSegments(text);
    if (found) return new FoundSegments(found);
    if (text.length <= this.maxPiece) return super.segment(text);
    const segments: Intl.SegmentData[] = [];
    let offset = 0;
    for (const piece of pieces(text, this.maxPiece)) {
      for (const { segment, index, isWordLike } of super.segment(piece)) segments.push({ segment, index: index + offset, input: text, isWordLike: isWordLike ?? false });
      offset += piece.length;
    }
    return new FoundSegments(segments);
  }
}
