/**
 * The Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbouring characters each count one, so `efective` is one
 * edit from `effective` and `sumamry` one from `summary`. Written here because it is twenty lines
 * and the one package in node_modules (fast-levenshtein) counts a swap as two edits.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The known word an editor most likely meant, compared without case: the nearest within a third
 * of the word's length (at least one edit), or one that starts the same way; undefined when
 * nothing is that close, so that a suggestion is never a wild guess.
 */
export function closestWord(word: string, known: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { word: candidate, distance };
  }
  if (!best) return undefined;
  if (best.distance <= Math.max(1, Math.floor(typed.length / 3))) return best.word;
  return known.find((candidate) => typed.length >= 3 && candidate.toLowerCase().startsWith(typed));
}

/**
 * Up to `max` known words nearest to `typed` by spelling (case ignored), nearest first, each
 * within a third of the word's length (at least one edit): the candidates a message names.
 */
export function nearestWords(typed: string, known: Iterable<string>, max: number): string[] {
  const lower = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(lower.length / 3));
  const near: { word: string; distance: number }[] = [];
  for (const word of known) {
    // Lengths further apart than the limit cannot be within it: no table to fill.
    if (Math.abs(word.length - lower.length) > limit) continue;
    const distance = editDistance(lower, word.toLowerCase());
    if (distance <= limit) near.push({ word, distance });
  }
  return near
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((c) => c.word);
}
