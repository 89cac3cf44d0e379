import { readFile } from "node:fs/promises";
import { error, type Problem } from "./problems.ts";

/**
 * Text that cannot be published as it is: bytes that are not UTF-8 (a decoder would put "�" in
 * their place, altering legal text without a word) and characters no page or feed may hold.
 */

/**
 * Control characters but tab, line feed and carriage return (C0, DEL, C1), lone surrogates and
 * noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF…): XML 1.0 forbids most of them, so one in a title
 * makes feed.xml malformed, and the rest are invisible in an editor and never meant as text.
 * The controls are spelled out (all of `\p{Cc}`, a closed set, but the three kept): every file's
 * whole text is searched, and one class is faster than `\p{Cc}` behind a lookahead (docs/performance.md).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is what it is for
export const FORBIDDEN_CHARACTER = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\p{Cs}\p{Noncharacter_Code_Point}]/u;

const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 8: "backspace", 11: "vertical tab", 12: "form feed", 27: "ESC", 127: "DEL" };

/** "U+001B (ESC)", "U+FFFE (a noncharacter)": what an editor can search for. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (half of a character, without its other half)`;
  if (/\p{Noncharacter_Code_Point}/u.test(character)) return `${hex} (a noncharacter)`;
  return `${hex} (${CONTROL_NAMES[code] ?? "a control character"})`;
}

export function forbiddenCharacterMessage(character: string, where = "", fix = "delete it (it usually comes from copying text out of another program)"): string {
  return `${where}contains the invisible character ${describeCharacter(character)}, which cannot be published (it would make the feed malformed or show as garbage); ${fix}.`;
}

/** One error per line holding a forbidden character, at its file line (`firstLine` is the text's first). */
export function forbiddenCharacterProblems(text: string, file: string, firstLine = 1): Problem[] {
  if (!FORBIDDEN_CHARACTER.test(text)) return [];
  const problems: Problem[] = [];
  text.split("\n").forEach((line, index) => {
    const found = FORBIDDEN_CHARACTER.exec(line);
    if (found) problems.push(error(file, firstLine + index, forbiddenCharacterMessage(found[0], `column ${found.index + 1} `)));
  });
  return problems;
}

/**
 * Whitespace runs as one space, trimmed: text as a reader sees it. Most runs of text need nothing
 * done, and a replace would build each anew.
 */
export function oneSpaced(text: string): string {
  return /\s\s|[^\S ]|^ | $/.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}

/**
 * Whether `oneSpaced(a) === oneSpaced(b)`, without making either string: texts that differ mostly
 * differ early on.
 */
export function sameApartFromWhitespace(a: string, b: string): boolean {
  let i = skipWhitespace(a, 0);
  let j = skipWhitespace(b, 0);
  while (i < a.length && j < b.length) {
    const spaceA = isWhitespace(a.charCodeAt(i));
    if (spaceA !== isWhitespace(b.charCodeAt(j))) return false;
    if (spaceA) {
      // A run inside both texts is one space; at the end of one, the last line's trim ignores it.
      i = skipWhitespace(a, i);
      j = skipWhitespace(b, j);
    } else if (a.charCodeAt(i++) !== b.charCodeAt(j++)) return false;
  }
  return skipWhitespace(a, i) === a.length && skipWhitespace(b, j) === b.length;
}

/** What `\s` matches (ECMAScript's WhiteSpace and LineTerminator), by code unit. */
export function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function skipWhitespace(text: string, from: number): number {
  let at = from;
  while (at < text.length && isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * `bytes` as text, or an error at the line of the first byte that is not UTF-8. The byte order
 * mark is kept, as Node's own decoding keeps it.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string; problem?: undefined } | { text?: undefined; problem: Problem } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const shown = [...bytes.subarray(offset, offset + 3)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`).join(" ");
    return {
      problem: error(
        file,
        line,
        `is not valid UTF-8 here (bytes ${shown}); the text would be published with "�" in their place. Save the file as UTF-8 in your editor ("Reopen with encoding", then "Save with encoding: UTF-8") and check the characters on this line.`,
      ),
    };
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Sequence length and the allowed range of the second byte (no overlongs, surrogates or > U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * A content file read as UTF-8 text with its forbidden characters reported, or undefined when it
 * does not exist. `file` is the path the problems name.
 */
export async function readContentText(absolutePath: string, file: string): Promise<{ text?: string; problems: Problem[] } | undefined> {
  const bytes = await readFile(absolutePath).catch(() => undefined);
  if (bytes === undefined) return undefined;
  const decoded = decodeUtf8(bytes, file);
  if (decoded.problem) return { problems: [decoded.problem] };
  return { text: decoded.text, problems: forbiddenCharacterProblems(decoded.text, file) };
}
