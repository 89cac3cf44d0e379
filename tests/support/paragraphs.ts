import fc from "fast-check";

/**
 * Random paragraphs from small vocabularies, so that two of them share many words, in and out of
 * order: the cases where word diffs and their bounds are put to the test. One vocabulary Latin,
 * one Chinese (cut into words by Intl.Segmenter); words are separated by one or more spaces or a
 * line break in Latin text, and by nothing (or now and then a line break) in Chinese.
 */
export const VOCABULARIES = [
  ["Latin", ["the", "data", "we", "keep", "for", "days", "and", "delete", "it", "30", "14", ",", "."]],
  ["Chinese", ["我们", "数据", "保存", "删除", "天", "的", "和", "。", "，"]],
] as const;

export function paragraphs(words: readonly string[]): fc.Arbitrary<string> {
  const spaced = words === VOCABULARIES[0][1];
  return fc
    .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom("", " ", "  ", "\n")), { minLength: 0, maxLength: 40 })
    .map((picked) => picked.map(([word, space]) => (spaced ? word + (space || " ") : word + space.trim())).join(""));
}
