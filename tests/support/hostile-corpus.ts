import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One case of tests/fixtures/hostile-html/corpus.txt (the file says how it is written). */
export interface Case {
  readonly name: string;
  readonly markdown: string;
  readonly errors: string[];
  readonly warnings: string[];
  /** The exact HTML published, for an accepted case. */
  readonly published: string | undefined;
}

const CORPUS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/hostile-html/corpus.txt");

export function readHostileCorpus(file = CORPUS_FILE): Case[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const cases: Case[] = [];
  for (let i = 0; i < lines.length; i++) {
    const heading = lines[i] ?? "";
    if (!heading.startsWith("# ") || lines[i + 1] !== ".") continue;
    const block = (from: number) => {
      const end = lines.indexOf(".", from);
      if (end === -1) throw new Error(`${file}: the case "${heading}" is not closed with a line "."`);
      return { text: lines.slice(from, end), next: end + 1 };
    };
    const input = block(i + 2);
    const verdict = block(input.next);
    const errors = verdict.text.filter((l) => l.startsWith("error: ")).map((l) => l.slice("error: ".length));
    const warnings = verdict.text.filter((l) => l.startsWith("warning: ")).map((l) => l.slice("warning: ".length));
    const html = verdict.text.filter((l) => !l.startsWith("error: ") && !l.startsWith("warning: "));
    cases.push({ name: heading.slice(2), markdown: `${input.text.join("\n")}\n`, errors, warnings, published: errors.length === 0 ? `${html.join("\n")}\n` : undefined });
    i = verdict.next - 1;
  }
  return cases;
}

