/**
 * Intl's word segmenter, given long texts in pieces.
 *
 * The changes pages cut non-Latin text into words with `Intl.Segmenter` (compare.ts); jsdiff holds
 * every segment of a text at once, and V8 keeps a copy of the whole text with each, so one call on
 * a long paragraph takes memory in the square of its length (a 90 KB Chinese paragraph took
 * gigabytes). Texts longer than `MAX_PIECE` are cut where no word can span the cut (`pieces`),
 * and each piece is segmented apart: the same segments, in memory proportional to the text.
 */

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

/** Segments found piece by piece, offered as `Intl.Segmenter#segment` offers ICU's. */
class PieceSegments implements Intl.Segments {
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

/** A word segmenter for any language ("und"), as `Intl.Segmenter`, that segments long texts in pieces. */
export class WordSegmenter extends Intl.Segmenter {
  constructor(private readonly maxPiece = MAX_PIECE) {
    super("und", { granularity: "word" });
  }

  override segment(input: string): Intl.Segments {
    const text = String(input);
    if (text.length <= this.maxPiece) return super.segment(text);
    const segments: Intl.SegmentData[] = [];
    let offset = 0;
    for (const piece of pieces(text, this.maxPiece)) {
      for (const { segment, index, isWordLike } of super.segment(piece)) segments.push({ segment, index: index + offset, input: text, isWordLike: isWordLike ?? false });
      offset += piece.length;
    }
    return new PieceSegments(segments);
  }
}
