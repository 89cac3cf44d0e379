import { warning, type Problem } from "../core/problems.ts";
import { oneSpaced } from "../core/text.ts";
import type { UntranslatedText } from "../model/site.ts";

/**
 * The share of a translation's paragraphs still in the default language's words from which the
 * translation counts as mostly untranslated: `npm run check` warns and `npm run translations`
 * reports it as not up to date. Half: a translation may keep a clause or two verbatim (a quoted
 * statute, a product's English name), never most of its text.
 */
export const MOSTLY_UNTRANSLATED = 0.5;

/** A Markdown body with the file line it starts on. */
export interface BodyText {
  readonly body: string;
  readonly bodyLine: number;
}

interface Paragraph {
  readonly text: string;
  readonly line: number;
  readonly translatable: boolean;
}

/**
 * Paragraphs (blocks between blank lines) with their file lines. Fenced code is skipped: it is the
 * same in every language by nature.
 */
function paragraphs({ body, bodyLine }: BodyText): Paragraph[] {
  const result: Paragraph[] = [];
  const lines = body.split(/\r?\n/);
  let block: string[] = [];
  let start = 0;
  let fence: string | undefined;
  const close = () => {
    if (block.length > 0) {
      const text = oneSpaced(block.join(" "));
      result.push({ text, line: bodyLine + start, translatable: block.some(isProse) });
    }
    block = [];
  };
  lines.forEach((line, i) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return;
    }
    if (marker !== undefined) {
      close();
      fence = marker;
      return;
    }
    if (line.trim() === "") {
      close();
      return;
    }
    if (block.length === 0) start = i;
    block.push(line);
  });
  close();
  return result;
}

/**
 * Whether a line is words a translator translates: four words or more once code, addresses of
 * pages and mail, template tags, markup and numbers are left out, or ten letters of a script written
 * without spaces (Chinese, Japanese, Thai…). A name, a street address or a figure alone stays the same in every
 * language and is not counted.
 */
function isProse(line: string): boolean {
  const words = line
    .replace(/`[^`]*`/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/\b(?:https?|mailto|tel):\S+/gi, " ")
    .replace(/\S+@\S+/g, " ")
    .replace(/\{%.*?%\}/g, " ")
    .replace(/<[^>]*>/g, " ")
    .match(/\p{L}[\p{L}\p{M}'’-]*/gu);
  if (!words) return false;
  return words.length >= 4 || (line.match(UNSPACED_SCRIPT) ?? []).length >= 10;
}

/** Letters of scripts written without spaces between words, where words cannot be counted. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/gu;

/** The default language's paragraphs of one version, split once for all its translations. */
export class ReferenceParagraphs {
  readonly texts: ReadonlySet<string>;
  constructor(reference: BodyText) {
    this.texts = new Set(paragraphs(reference).map((p) => p.text));
  }
}

/**
 * How much of a translation is the default language's same version, paragraph for paragraph: the
 * translatable paragraphs that are identical to one of the reference's.
 */
export function untranslatedText(reference: BodyText | ReferenceParagraphs, translation: BodyText): UntranslatedText {
  const original = reference instanceof ReferenceParagraphs ? reference.texts : new ReferenceParagraphs(reference).texts;
  const translatable = paragraphs(translation).filter((p) => p.translatable);
  const identical = translatable.filter((p) => original.has(p.text));
  const first = identical[0];
  return { paragraphs: translatable.length, identical: identical.length, ...(first && { firstLine: first.line }) };
}

export function isMostlyUntranslated(text: UntranslatedText): boolean {
  return text.paragraphs > 0 && text.identical / text.paragraphs >= MOSTLY_UNTRANSLATED;
}

/** `check`'s warning for a translation that is mostly the default language's text. */
export function untranslatedWarning(file: string, referenceFile: string, defaultLocale: string, text: UntranslatedText): Problem | undefined {
  if (!isMostlyUntranslated(text)) return undefined;
  const percent = Math.round((100 * text.identical) / text.paragraphs);
  return warning(
    file,
    text.firstLine ?? 1,
    `${text.identical} of ${text.paragraphs} paragraphs (${percent} %) are word for word as in ${referenceFile}, the ${defaultLocale} text of this version: translate them, starting with this one (paragraphs of only code, addresses, names or numbers are not counted).`,
  );
}
