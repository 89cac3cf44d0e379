import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8, describeCharacter, FORBIDDEN_CHARACTER, firstInvalidUtf8, forbiddenCharacterProblems, isWhitespace, oneSpaced, sameApartFromWhitespace } from "../../../src/core/text.ts";

const FILE = "content/privacy/en.md";
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("decodeUtf8: text as written, or the line of the first byte that is not UTF-8", () => {
  it("decodes UTF-8 and keeps a byte order mark, as Node's own decoding does", () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], "Café ä 中 😀"), FILE)).toEqual({ text: "\uFEFFCafé ä 中 😀" });
  });

  it.each([
    ["a Latin-1 é", bytes("a\nb\nCaf", [0xe9], " x\n"), 3, "0xE9 0x20 0x78"],
    ["a sequence cut short at the end", bytes("a\n", [0xe2, 0x82]), 2, "0xE2 0x82"],
    ["an overlong slash", bytes("a\n\n\n", [0xc0, 0xaf]), 4, "0xC0 0xAF"],
    ["an encoded surrogate", bytes([0xed, 0xa0, 0x80]), 1, "0xED 0xA0 0x80"],
    ["a code point past U+10FFFF", bytes("x\n", [0xf4, 0x90, 0x80, 0x80]), 2, "0xF4 0x90 0x80"],
    ["a lone continuation byte", bytes("ok ä\n", [0x80]), 2, "0x80"],
  ])("%s", (_, input, line, shown) => {
    const { problem } = decodeUtf8(input, FILE);
    expect(problem).toMatchObject({ file: FILE, line, severity: "error" });
    expect(problem?.message).toContain(`(bytes ${shown})`);
  });

  it("finds the first bad byte exactly where a fatal TextDecoder fails (any bytes)", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (input) => {
        const offset = firstInvalidUtf8(input);
        const valid = (b: Uint8Array) => {
          try {
            strict.decode(b);
            return true;
          } catch {
            return false;
          }
        };
        expect(offset === input.length).toBe(valid(input));
        if (offset < input.length) expect(valid(input.subarray(0, offset))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("forbiddenCharacterProblems: characters no page or feed may hold", () => {
  it("forbids exactly the control characters but tab, line feed and carriage return, surrogates and noncharacters", () => {
    const meant = /(?![\t\n\r])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u;
    const differ: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      const character = String.fromCodePoint(code);
      if (FORBIDDEN_CHARACTER.test(character) !== meant.test(character)) differ.push(code);
    }
    expect(differ).toEqual([]);
  });

  it("accepts tab, line feed, carriage return and ordinary text of every script", () => {
    expect(forbiddenCharacterProblems("a\tb\r\nc ä 中 😀 \u00a0 \u200d \ufeff", FILE)).toEqual([]);
  });

  it.each([
    ["\u0000", "U+0000 (NUL)"],
    ["\u001b", "U+001B (ESC)"],
    // Found in a real corpus by the HTML checker only (issue 23): the record separator and a C1 control.
    ["\u001e", "U+001E (a control character)"],
    ["\u007f", "U+007F (DEL)"],
    ["\u009d", "U+009D (a control character)"],
    ["\u0085", "U+0085 (a control character)"],
    ["\ufffe", "U+FFFE (a noncharacter)"],
    ["\uffff", "U+FFFF (a noncharacter)"],
    ["\ufdd0", "U+FDD0 (a noncharacter)"],
    ["\u{1fffe}", "U+1FFFE (a noncharacter)"],
    ["\ud800", "U+D800 (half of a character, without its other half)"],
    ["\udc00", "U+DC00 (half of a character, without its other half)"],
  ])("%j is %s, at its line and column", (character, described) => {
    const problems = forbiddenCharacterProblems(`first\nsecond ${character} and ${character}\nthird ${character}`, FILE, 5);
    expect(problems.map((p) => p.line)).toEqual([6, 7]);
    expect(problems[0]?.message).toContain(`column 8 contains the invisible character ${described}`);
    expect(describeCharacter(character)).toBe(described);
  });
});

describe("oneSpaced and sameApartFromWhitespace: text as a reader sees it", () => {
  /** The definition it stands for: both texts with each whitespace run made one space, trimmed. */
  const normalised = (text: string) => text.replace(/\s+/g, " ").trim();

  it("knows every code unit `\\s` matches, and no other", () => {
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (isWhitespace(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code);
    expect(differ).toEqual([]);
  });

  it.each([
    ["Same   text,\nreflowed.", "Same text, reflowed."],
    ["  leading and trailing\t", "leading and trailing"],
    ["a\u00a0b\u3000c\u2028", "a b c"],
    ["", " \n\t "],
    ["word", "word "],
    ["word", "words"],
    ["a b", "ab"],
    ["a b", "a b c"],
    ["a b ", "a b c"],
    ["x\ny", "x y z"],
    ["\ud83d\ude00 smile", "\ud83d\ude00  smile"],
    ["", "x"],
  ])("says %j and %j are the same exactly when their normalised texts are", (a, b) => {
    expect(sameApartFromWhitespace(a, b)).toBe(normalised(a) === normalised(b));
    expect(sameApartFromWhitespace(b, a)).toBe(normalised(a) === normalised(b));
    expect([oneSpaced(a), oneSpaced(b)]).toEqual([normalised(a), normalised(b)]);
  });

  it("agrees with the definition, as does oneSpaced, on texts of words and whitespace", () => {
    const text = fc.array(fc.constantFrom("a", "b", "é", "ש", " ", "  ", "\n", "\t", "\u00a0", "\u2003"), { maxLength: 8 }).map((pieces) => pieces.join(""));
    // One text with its whitespace changed, so that both answers come often.
    const reflowed = fc
      .tuple(text, fc.array(fc.constantFrom(" ", "\n", "\t\t", "\u00a0"), { minLength: 1, maxLength: 4 }))
      .map(([a, spaces]) => {
        let run = 0;
        return [a, a.replace(/\s+/g, () => spaces[run++ % spaces.length] ?? " ")] as const;
      });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(text, text), reflowed), ([a, b]) => {
        expect(sameApartFromWhitespace(a, b)).toBe(normalised(a) === normalised(b));
        expect(oneSpaced(a)).toBe(normalised(a));
      }),
      { numRuns: 20_000 },
    );
  });
});
