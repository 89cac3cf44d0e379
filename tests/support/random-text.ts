import fc from "fast-check";

/** Every character from `from` to `to`. */
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

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
export const randomText = fc
  .array(fc.oneof(...ALPHABET.map(([weight, chars]) => ({ weight, arbitrary: fc.constantFrom(...chars) }))), { minLength: 1, maxLength: 80 })
  .map((chars) => chars.join(""));

