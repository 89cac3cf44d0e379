import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import type { Problem } from "../../src/core/problems.ts";
import { readPage, removeDir, REPO } from "../support/sites.ts";

/**
 * A site that lists languages Codicil ships UI strings for, with no locales/ folder of its own:
 * naming a language in site.yaml is all it takes for its pages to be labelled in that language.
 * Languages of each kind: Latin with « » quotes, Cyrillic with four plural forms, CJK, right to
 * left, and a regional variant (es-419).
 */
const LANGUAGES = ["fr", "ru", "ja", "he", "es-419", "pl"];

type Messages = { [key: string]: string | Messages };
const shipped = (code: string): Messages => JSON.parse(readFileSync(path.join(REPO, "locales", `${code}.json`), "utf8")) as Messages;
const text = (messages: Messages, key: string): string => {
  const value = key.split(".").reduce<string | Messages | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), messages);
  if (typeof value !== "string") throw new Error(`${key} is not a string`);
  return value;
};

let root: string;
let problems: readonly Problem[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "codicil-languages-"));
  mkdirSync(path.join(root, "content/privacy"), { recursive: true });
  const locales = ["en", ...LANGUAGES].map((code) => `  - { code: ${code}, name: ${new Intl.DisplayNames(code, { type: "language" }).of(code) ?? code} }`);
  writeFileSync(path.join(root, "content/site.yaml"), ["name: Languages Co.", "url: https://legal.languages.example", "defaultLocale: en", "locales:", ...locales, ""].join("\n"));
  for (const code of ["en", ...LANGUAGES]) {
    writeFileSync(path.join(root, `content/privacy/${code}.md`), `---\ntitle: Privacy (${code})\nversion: "1"\nupdated: 2025-01-01\n---\n\n## Scope\n\nText in ${code}.\n`);
  }
  const result = await buildSite({ root, buildDate: "2025-07-01" });
  problems = result.problems;
  expect(result.built).toBe(true);
});
afterAll(() => removeDir(root));

describe("a site in languages Codicil ships UI strings for", () => {
  it("builds without a warning about missing UI strings", () => {
    expect(problems.filter((p) => /UI string/.test(p.message))).toEqual([]);
  });

  it.each(LANGUAGES)("labels the %s pages with the shipped strings", (code) => {
    const messages = shipped(code);
    const $ = readPage(path.join(root, "_site"), `${code}/privacy/`);
    expect($("a.skip-link").text()).toBe(text(messages, "nav.skipToContent"));
    const labels = $("dt").map((_, el) => $(el).text()).get();
    expect(labels).toEqual(expect.arrayContaining([text(messages, "document.version"), text(messages, "document.updated"), text(messages, "document.effective")]));
    expect(labels).not.toContain(text(shipped("en"), "document.updated"));
  });
});
