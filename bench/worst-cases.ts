import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareSections } from "../src/diff/compare.ts";
import type { TextSection } from "../src/model/text.ts";
import { prng } from "./corpus.ts";

/**
 * The comparisons that had no bound (issue #28), each in a child process of its own so that its
 * peak memory is its own, printed with the bound docs/performance.md promises for it:
 *
 *   node --import tsx bench/worst-cases.ts            (also part of `npm run bench`)
 *
 * Each case compares two versions of one section as a changes page does (`compareSections`).
 */
export interface WorstCase {
  readonly name: string;
  readonly older: TextSection[];
  readonly newer: TextSection[];
}

/** What every case must stay within (docs/performance.md, "Bounds of the comparisons"). */
export const CASE_BOUNDS = { cpuSeconds: 5, rssMiB: 400 } as const;

const LATIN = "abcdefghijklmnopqrstuvwxyz";
const CJK = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长";

/**
 * Words drawn from a vocabulary of 3,000 with Zipf's law, as in real text: two unrelated paragraphs
 * still share their frequent words ("the", "of", "data"), which is what makes pairing them costly.
 */
function vocabulary(letters: string): string[] {
  const random = prng(letters.length);
  const chars = [...letters];
  return Array.from({ length: 3_000 }, (_, rank) => Array.from({ length: Math.min(2 + Math.floor(Math.log2(rank + 2)) + Math.floor(random() * 3), 12) }, () => chars[Math.floor(random() * chars.length)]).join(""));
}
const vocabularies = new Map<string, string[]>();
function words(random: () => number, letters: string, count: number, separator: string): string {
  let known = vocabularies.get(letters);
  if (!known) vocabularies.set(letters, (known = vocabulary(letters)));
  const list = known;
  // Rank r is drawn with probability about 1/r (inverse of the harmonic distribution's CDF).
  return Array.from({ length: count }, () => list[Math.min(Math.floor(Math.exp(random() * Math.log(list.length + 1))) - 1, list.length - 1)] ?? "").join(separator);
}

/** A paragraph of about `chars` characters: sentences of twelve words. */
function paragraph(random: () => number, letters: string, chars: number, separator = " "): string {
  let text = "";
  while (text.length < chars) text += `${words(random, letters, 12, separator)}${separator === "" ? "。" : ". "}`;
  return text.slice(0, chars);
}

const section = (texts: string[]): TextSection[] => [{ id: "s", heading: "Section", level: 2, blocks: texts.map((text) => ({ kind: "paragraph", text, targets: [] })) }];

/** `count` single characters replaced, spread evenly over the text. */
function editCharacters(text: string, count: number, letters: string): string {
  const chars = [...text];
  const replacement = [...letters];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(((i + 0.5) * chars.length) / count);
    chars[at] = replacement[(replacement.indexOf(chars[at] ?? "") + 1) % replacement.length] ?? "x";
  }
  return chars.join("");
}

export function worstCases(): WorstCase[] {
  const random = prng(28);
  const old300 = Array.from({ length: 300 }, () => paragraph(random, LATIN, 830));
  const new300 = Array.from({ length: 300 }, () => paragraph(random, LATIN, 830));
  // 90 KB in UTF-8: 30,000 characters of three bytes each.
  const chinese = paragraph(random, CJK, 30_000, "");
  const long = paragraph(random, LATIN, 100_000);
  const longChinese = paragraph(random, CJK, 100_000, "");
  return [
    { name: "one section of 300 rewritten paragraphs (0.25 MB)", older: section(old300), newer: section(new300) },
    { name: "a 90 KB Chinese paragraph, 30 characters edited", older: section([chinese]), newer: section([editCharacters(chinese, 30, CJK)]) },
    { name: "a 100,000-character paragraph, 30 characters edited", older: section([long]), newer: section([editCharacters(long, 30, LATIN)]) },
    { name: "a 100,000-character paragraph, rewritten", older: section([long]), newer: section([paragraph(random, LATIN, 100_000)]) },
    { name: "a 100,000-character Chinese paragraph, 30 characters edited", older: section([longChinese]), newer: section([editCharacters(longChinese, 30, CJK)]) },
  ];
}

export interface CaseResult {
  readonly name: string;
  readonly cpuSeconds: number;
  readonly rssMiB: number;
  /** Sections shown whole because a bound was reached. */
  readonly replaced: number;
  readonly error?: string;
}

/** Runs one case in this process and prints its result as JSON. */
function runCase(index: number): void {
  const worst = worstCases()[index];
  if (!worst) throw new Error(`No case ${index}.`);
  const before = process.cpuUsage();
  const comparison = compareSections(worst.older, worst.newer);
  const cpu = process.cpuUsage(before);
  const replaced = comparison.sections.filter((s) => "tooLarge" in s && s.tooLarge).length;
  const result: CaseResult = { name: worst.name, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMiB: process.resourceUsage().maxRSS / 1024, replaced };
  console.log(JSON.stringify(result));
}

/** Every case, each in a child process (killed after `timeoutSeconds`, its heap capped at 4 GiB). */
export function runWorstCases(timeoutSeconds = 120): CaseResult[] {
  const self = fileURLToPath(import.meta.url);
  return worstCases().map(({ name }, index) => {
    const child = spawnSync(process.execPath, ["--max-old-space-size=4096", "--import", "tsx", self, "--case", String(index)], {
      cwd: path.resolve(path.dirname(self), ".."),
      encoding: "utf8",
      timeout: timeoutSeconds * 1000,
    });
    const line = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status === 0 && line.startsWith("{")) return JSON.parse(line) as CaseResult;
    const why = child.error ? `did not finish in ${timeoutSeconds} s` : `failed: ${child.stderr.trim().split("\n").slice(-3).join(" ")}`;
    return { name, cpuSeconds: Number.NaN, rssMiB: Number.NaN, replaced: 0, error: why };
  });
}

export function printWorstCases(results: readonly CaseResult[]): void {
  console.log(`Worst-case comparisons (each in a process of its own; bound: ${CASE_BOUNDS.cpuSeconds} s CPU, ${CASE_BOUNDS.rssMiB} MiB peak RSS):`);
  for (const r of results) {
    const within = r.cpuSeconds <= CASE_BOUNDS.cpuSeconds && r.rssMiB <= CASE_BOUNDS.rssMiB;
    const figures = r.error ?? `${r.cpuSeconds.toFixed(2)} s CPU, ${r.rssMiB.toFixed(0)} MiB peak RSS, ${r.replaced} section(s) shown whole`;
    console.log(`  ${r.name}: ${figures} ${within ? "(within the bound)" : "(OVER THE BOUND)"}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--case");
  if (at >= 0) runCase(Number(process.argv[at + 1]));
  else printWorstCases(runWorstCases(Number(process.env.WORST_CASE_TIMEOUT ?? 120)));
}
