import { describe, expect, it } from "vitest";
import { jsdiffWords } from "../../../src/patches/jsdiff-word-internals.ts";
import fc from "fast-check";
import { pieces, plainWordSegments, WordSegmenter } from "../../../src/diff/word-segmenter.ts";

const icu = new Intl.Segmenter("und", { granularity: "word" });
const asTuples = (segments: Iterable<Intl.SegmentData>) => Array.from(segments, (s) => [s.segment, s.index, s.isWordLike] as const);

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
/**
 * Characters of every kind a piece boundary meets, from the blocks where they live: letters of
 * the alphabetic scripts (and the punctuation, digits and marks those blocks hold), combining marks
 * and invisible format characters, spaces of several kinds, punctuation (with the marks that join
 * words: . , : ; ' " ’ ·), digits, and Chinese, Japanese and Korean text with its full-width marks.
 */
const ALPHABET: readonly (readonly [number, readonly string[]])[] = [
  [50, [...range(0x41, 0x5a), ...range(0x61, 0x7a), ...range(0xc0, 0x24f), ...range(0x370, 0x3ff), ...range(0x400, 0x52f), ...range(0x531, 0x58a), ...range(0x5d0, 0x5f4), ...range(0x600, 0x6ff), ...range(0x10a0, 0x10ff), ...range(0x1e00, 0x1fff), ...range(0xfb1d, 0xfb4f), ...range(0xfe70, 0xfefc)]],
  [6, [...range(0x300, 0x36f), ...range(0x483, 0x489), ...range(0x591, 0x5c7), ...range(0x64b, 0x65f), "\u00ad", "\u061c", ...range(0x200b, 0x200f), ...range(0x202a, 0x202e), ...range(0x2066, 0x2069), "\ufeff"]],
  [14, [" ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u202f", "\u3000", "\u2009"]],
  [16, [...range(0x21, 0x2f), ...range(0x3a, 0x40), ...range(0x5b, 0x60), ...range(0x7b, 0x7e), ...range(0xa1, 0xbf), "×", "÷", ...range(0x2010, 0x2030), "€", "№", "™", "،", "؛", "؟", "٪", "۔", "٫", "٬", "\u0387", "\u055f", "\u0589", "\u037e", "\u060d"]],
  [8, [...range(0x30, 0x39), ...range(0x660, 0x669), ...range(0x6f0, 0x6f9), ...range(0x966, 0x96f), ...range(0xff10, 0xff19)]],
  [2, ["😀", "_", "ก", "अ", "ा", "\u{1F3FB}", "ー", "\u200d", "\uff9e", "🇫", "🇷"]],
  [24, ["我们", "数据", "保存", "删除", "天", "的", "データ", "を", "保存", "します", "한", "국", "。", "，", "、", "！", "？", "；", "：", "\u3000"]],
];
const randomText = fc
  .array(fc.oneof(...ALPHABET.map(([weight, chars]) => ({ weight, arbitrary: fc.constantFrom(...chars) }))), { minLength: 1, maxLength: 80 })
  .map((chars) => chars.join(""));

/**
 * Characters of every kind the shortcut meets, from the blocks where they live: letters of the
 * alphabetic scripts (and the punctuation, digits and marks those blocks hold), combining marks
 * and invisible format characters, spaces of several kinds, punctuation (with the marks that join
 * words: . , : ; ' " ’ ·), digits, and characters of scripts it leaves to ICU.
 */
const PLAIN_ALPHABET: readonly (readonly [number, readonly string[]])[] = [
  [50, [...range(0x41, 0x5a), ...range(0x61, 0x7a), ...range(0xc0, 0x24f), ...range(0x370, 0x3ff), ...range(0x400, 0x52f), ...range(0x531, 0x58a), ...range(0x5d0, 0x5f4), ...range(0x600, 0x6ff), ...range(0x10a0, 0x10ff), ...range(0x1e00, 0x1fff), ...range(0xfb1d, 0xfb4f), ...range(0xfe70, 0xfefc)]],
  [6, [...range(0x300, 0x36f), ...range(0x483, 0x489), ...range(0x591, 0x5c7), ...range(0x64b, 0x65f), "\u00ad", "\u061c", ...range(0x200b, 0x200f), ...range(0x202a, 0x202e), ...range(0x2066, 0x2069), "\ufeff"]],
  [14, [" ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u202f", "\u3000", "\u2009"]],
  [16, [...range(0x21, 0x2f), ...range(0x3a, 0x40), ...range(0x5b, 0x60), ...range(0x7b, 0x7e), ...range(0xa1, 0xbf), "×", "÷", ...range(0x2010, 0x2030), "€", "№", "™", "،", "؛", "؟", "٪", "۔", "٫", "٬", "\u0387", "\u055f", "\u0589", "\u037e", "\u060d"]],
  [8, [...range(0x30, 0x39), ...range(0x660, 0x669), ...range(0x6f0, 0x6f9), ...range(0x966, 0x96f), ...range(0xff10, 0xff19)]],
  [2, ["中", "文", "の", "カ", "한", "국", "😀", "_", "ก", "अ", "ा", "\u{1F3FB}", "ー"]],
];
/** Short random text, for the shortcut (which gives up on most longer strings). */
const shortText = fc
  .array(fc.oneof(...PLAIN_ALPHABET.map(([weight, chars]) => ({ weight, arbitrary: fc.constantFrom(...chars) }))), { minLength: 1, maxLength: 14 })
  .map((chars) => chars.join(""));


describe("plainWordSegments", () => {
  it("cuts text as ICU's word segmenter does, whenever it cuts it at all", () => {
    let cut = 0;
    let runs = 0;
    fc.assert(
      fc.property(shortText, (text) => {
        runs++;
        const found = plainWordSegments(text);
        if (!found) return;
        cut++;
        expect(asTuples(found)).toEqual(asTuples(icu.segment(text)));
      }),
      { numRuns: 20_000 },
    );
    // Short random strings often hold a character the shortcut leaves to ICU; a fifth or more
    // must still go through it, or this test would compare nothing.
    expect(cut).toBeGreaterThan(runs / 5);
  });

  it.each([
    ["Russian", "Мы храним журналы 30 дней, затем удаляем их."],
    ["Arabic", "نحتفظ بالسجلات لمدة ٣٠ يومًا، ثم نحذفها."],
    ["Persian (with zero-width non-joiners)", "ما گزارش‌ها را ۳۰ روز نگه می‌داریم."],
    ["Hebrew (with points)", "אנו שומרים יומנים למשך 30 ימים, ואז מוחקים אותם. שָׁלוֹם"],
    ["Greek", "Κρατάμε τα αρχεία καταγραφής για 30 ημέρες· μετά τα διαγράφουμε!"],
  ])("takes plain %s text", (_language, text) => {
    const found = plainWordSegments(text);
    expect(found).toBeDefined();
    expect(asTuples(found ?? [])).toEqual(asTuples(icu.segment(text)));
  });

  it.each([
    ["a mark joining two words", "т.е. данные"],
    ["a decimal comma", "3,5 дня"],
    ["a Hebrew abbreviation with gershayim", 'צה"ל'],
    ["an apostrophe inside a word", "ג'ירפה"],
    ["a Hebrew letter before an apostrophe that ends its word", "סעיף ג' להלן"],
    ["a combining mark after a space", "a \u0301b"],
    ["an underscore, which joins words", "foo_bar"],
    ["Chinese, cut by dictionary", "我们保存数据"],
    ["Japanese", "データを保存します"],
    ["Korean", "데이터를 보관합니다"],
    ["an emoji", "ok 👍"],
    ["a zero-width joiner before ©, which joins them (WB3c)", "Привет\u200D©"],
    ["a mark of the Han script after a letter", "a\u{16FF0}"],
  ])("leaves text with %s to ICU", (_case, text) => {
    expect(plainWordSegments(text)).toBeUndefined();
  });
});

describe("WordSegmenter, whole texts", () => {
  const segmenter = new WordSegmenter();

  it("segments as Intl.Segmenter, through the shortcut or through ICU", () => {
    for (const text of ["Мы храним журналы.", "т.е. данные", "我们保存数据", "", "  \n"]) {
      expect(asTuples(segmenter.segment(text))).toEqual(asTuples(icu.segment(text)));
    }
    expect(segmenter.resolvedOptions().granularity).toBe("word");
  });

  it("finds the segment containing an index, as Intl.Segments does", () => {
    const text = "Мы храним, журналы.";
    for (let index = -1; index <= text.length; index++) {
      expect(segmenter.segment(text).containing(index)).toEqual(icu.segment(text).containing(index));
    }
  });

  it("gives jsdiff the same words", () => {
    fc.assert(
      fc.property(shortText, shortText, (a, b) => {
        const text = `${a} ${b}`;
        expect(jsdiffWords(text, { intlSegmenter: segmenter })).toEqual(jsdiffWords(text, { intlSegmenter: icu }));
      }),
      { numRuns: 2_000 },
    );
  });
});

/** Whether `pieces` cut `text` somewhere other than after a space or a full-width mark (a run too long to keep whole). */
function hasForcedCut(text: string): boolean {
  let at = 0;
  for (const piece of pieces(text, 12).slice(0, -1)) {
    at += piece.length;
    if (!/[ \t\n\r\u3000。、！？]$/u.test(text.slice(0, at)) || /^[\s\p{M}\p{Cf}\p{Emoji_Modifier}\uFF9E\uFF9F]/u.test(text.slice(at))) return true;
  }
  return false;
}

describe("pieces", () => {
  it("cuts a text into pieces that give back the text, none longer than asked", () => {
    fc.assert(
      fc.property(randomText, fc.integer({ min: 1, max: 20 }), (text, maxPiece) => {
        const cut = pieces(text, maxPiece);
        expect(cut.join("")).toBe(text);
        for (const piece of cut) expect(piece.length).toBeLessThanOrEqual(maxPiece);
      }),
      { numRuns: 5_000 },
    );
  });

  it("leaves a text no longer than a piece whole", () => {
    expect(pieces("我们保存数据。", 2_000)).toEqual(["我们保存数据。"]);
    expect(pieces("", 10)).toEqual([""]);
  });
});

describe("WordSegmenter, in pieces", () => {
  // Pieces this short cut nearly every text, at each kind of place `pieces` may cut.
  const segmenter = new WordSegmenter(12);

  it("segments a text in pieces as ICU segments it whole, where the text has places to cut", () => {
    let compared = 0;
    fc.assert(
      fc.property(randomText, (text) => {
        // Text with a run longer than a piece and no place to cut is cut anyway (documented).
        if (hasForcedCut(text)) return;
        compared++;
        expect(asTuples(segmenter.segment(text))).toEqual(asTuples(icu.segment(text)));
      }),
      { numRuns: 20_000 },
    );
    // Random text often has such runs; a third or more must still be compared, or this test would compare little.
    expect(compared).toBeGreaterThan(20_000 / 3);
  });

  it.each([
    ["Chinese, cut by dictionary", "我们保存数据。我们删除数据，三十天后。"],
    ["Japanese", "データを保存します。データを削除します。"],
    ["Russian", "Мы храним журналы 30 дней, затем удаляем их."],
    ["a combining mark after a space", "keep data \u0301b keep data \u0301b"],
    ["U+202F, which joins the words around it", "keep data 30\u202Fdays keep data"],
    ["a regional-indicator flag", "keep data here 🇫🇷 keep data"],
  ])("segments %s as ICU does", (_case, text) => {
    expect(asTuples(segmenter.segment(text))).toEqual(asTuples(icu.segment(text)));
  });

  it("answers as Intl.Segmenter: its options and the segment containing an index", () => {
    expect(segmenter.resolvedOptions().granularity).toBe("word");
    const text = "Мы храним, журналы. 我们保存数据。";
    for (let index = -1; index <= text.length; index++) {
      expect(segmenter.segment(text).containing(index)).toEqual(icu.segment(text).containing(index));
    }
  });

  it("gives jsdiff the same words as ICU on the whole text", () => {
    const words = fc.array(randomText, { minLength: 1, maxLength: 6 }).map((texts) => texts.join(" "));
    fc.assert(
      fc.property(words, (text) => {
        if (hasForcedCut(text)) return;
        expect(jsdiffWords(text, { intlSegmenter: segmenter })).toEqual(jsdiffWords(text, { intlSegmenter: icu }));
      }),
      { numRuns: 2_000 },
    );
  });
});
