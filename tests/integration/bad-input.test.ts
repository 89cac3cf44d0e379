import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFixture, FIXTURES, removeDir, runCliAsync, snapshotDir } from "../support/sites.ts";

/**
 * One case per validation rule: tests/fixtures/bad/<case>/ holds only the files that differ from
 * the valid site in bad/_base/, and expected.json the problems the editor must be told about.
 */
interface Expected {
  readonly problems: { file: string; line: number; message: string }[];
  readonly remove?: string[];
  /** The problems listed are the only errors: one mistake, one message. */
  readonly only?: boolean;
  /** The problems are warnings: the site builds, and the editor is still told, with file and line. */
  readonly warningsOnly?: boolean;
}

const BAD = path.join(FIXTURES, "bad");
const allCases = readdirSync(BAD).filter((name) => !name.startsWith("_")).sort();
const isWarningCase = (name: string) => (JSON.parse(readFileSync(path.join(BAD, name, "expected.json"), "utf8")) as Expected).warningsOnly === true;
const cases = allCases.filter((name) => !isWarningCase(name));
const warningCases = allCases.filter(isWarningCase);
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function prepare(name: string): { root: string; expected: Expected } {
  const root = copyFixture("bad/_base", `bad/${name}`);
  dirs.push(root);
  const expected = JSON.parse(readFileSync(path.join(root, "expected.json"), "utf8")) as Expected;
  rmSync(path.join(root, "expected.json"));
  for (const file of expected.remove ?? []) rmSync(path.join(root, file));
  // A previous, good build that a failed one must leave exactly as it was.
  mkdirSync(path.join(root, "_site/en"), { recursive: true });
  writeFileSync(path.join(root, "_site/en/index.html"), "<!doctype html><title>previous build</title>");
  return { root, expected };
}

describe("bad input", () => {
  it("the base site is valid, so every failure below comes from its own case", async () => {
    const root = copyFixture("bad/_base");
    dirs.push(root);
    const result = await runCliAsync(["check", "--root", root]);
    expect(result.stderr).toContain("content/ is valid");
    expect(result.status).toBe(0);
  });

  it.concurrent.each(cases)("%s: reported with file and line, exit 1, _site/ untouched", async (name) => {
    const { root, expected } = prepare(name);
    const before = snapshotDir(path.join(root, "_site"));
    const result = await runCliAsync(["build", "--root", root]);
    expect(result.status, result.stderr).toBe(1);
    const lines = result.stderr.split("\n");
    for (const problem of expected.problems) {
      const prefix = `${problem.file}:${problem.line}: `;
      const match = lines.find((line) => line.startsWith(prefix) && line.includes(problem.message));
      expect(match, `expected "${prefix}…${problem.message}…" in:\n${result.stderr}`).toBeDefined();
    }
    if (expected.only) {
      const errors = lines.filter((line) => /^[^\s:]+:\d+: (?!warning: )/.test(line));
      expect(errors, result.stderr).toHaveLength(expected.problems.length);
    }
    expect(result.stderr).toMatch(/Build stopped: nothing was written/);
    expect(snapshotDir(path.join(root, "_site"))).toEqual(before);
    expect(readdirSync(root).filter((entry) => entry.startsWith("_site."))).toEqual([]);
  });

  it.concurrent.each(warningCases)("%s: a warning with file and line, and the site builds", async (name) => {
    const { root, expected } = prepare(name);
    const result = await runCliAsync(["build", "--root", root]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stderr.split("\n");
    for (const problem of expected.problems) {
      expect(lines, result.stderr).toContain(`${problem.file}:${problem.line}: ${problem.message}`);
    }
  });

  it("translation parity is a warning, and an error with --strict", async () => {
    const root = copyFixture("bad/_base");
    dirs.push(root);
    // The German text of version 2 drops its only section heading.
    writeFileSync(path.join(root, "content/privacy/de.md"), '---\ntitle: Datenschutz\nversion: "2"\nupdated: 2025-01-01\n---\n\nDieser Text gilt für alle, in jedem Land.\n');
    const lenient = await runCliAsync(["check", "--root", root]);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain("content/privacy/de.md:6: warning: has 0 ## headings where content/privacy/en.md");
    const strict = await runCliAsync(["check", "--strict", "--root", root]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain("content/privacy/de.md:6: has 0 ## headings");
  });

  it("npm run check reports the same problems without writing anything", async () => {
    const { root, expected } = prepare("many-problems");
    rmSync(path.join(root, "_site"), { recursive: true });
    const result = await runCliAsync(["check", "--root", root]);
    expect(result.status).toBe(1);
    for (const problem of expected.problems) expect(result.stderr).toContain(`${problem.file}:${problem.line}: `);
    expect(readdirSync(root)).not.toContain("_site");
  });
});
