import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpusFiles, SIZES, writeCorpus, type CorpusSize } from "../../../bench/corpus.ts";
import { loadSite } from "../../../src/content/load-site.ts";
import { removeDir } from "../../support/sites.ts";

const digest = (files: ReadonlyMap<string, string>) => {
  const hash = createHash("sha256");
  for (const [file, text] of files) hash.update(`${file}\u0000${text}\u0000`);
  return hash.digest("hex");
};

const TINY: CorpusSize = { name: "tiny", documents: 3, locales: 4, versions: 3, sections: 8, words: 400 };

describe("bench corpus generator", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it("gives the same bytes for the same size, every time", () => {
    expect(digest(corpusFiles(SIZES.S))).toBe(digest(corpusFiles(SIZES.S)));
    expect(digest(corpusFiles(TINY))).not.toBe(digest(corpusFiles(SIZES.S)));
  });

  it("has the contract's layout: one file per document, language and version", () => {
    const files = [...corpusFiles(SIZES.S).keys()];
    const markdown = files.filter((f) => f.endsWith(".md"));
    expect(markdown).toHaveLength(10 * 5 * 4);
    expect(files).toEqual(expect.arrayContaining(["content/site.yaml", "content/cookies.yaml", "published.lock.json"]));
    expect(new Set(markdown.map((f) => f.split("/")[1]))).toHaveProperty("size", 10);
    expect(markdown.filter((f) => !f.includes("/versions/"))).toHaveLength(10 * 5);
    const versionFolders = new Set(markdown.filter((f) => f.includes("/versions/")).map((f) => path.dirname(f)));
    expect(versionFolders.size).toBe(10 * 3);
    const locales = new Set(markdown.map((f) => path.basename(f, ".md")));
    expect([...locales].sort()).toEqual(["ar", "de", "en", "he", "pt-BR"]);
  });

  it.each(["sentence", "real"] as const)("writes about 1,500 words per file with headings, lists, links and a cookie table (%s revisions)", (mix) => {
    const text = corpusFiles(SIZES.S, mix).get("content/policy-01/versions/2020-01-01/en.md") ?? "";
    const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    expect(words).toBeGreaterThan(1_200);
    expect(words).toBeLessThan(1_900);
    expect(text.match(/^## /gm)).toHaveLength(16);
    expect(text).toMatch(/^- /m);
    expect(text).toMatch(/\]\(\/en\/policy-\d\d\/\)/);
    expect(text).toContain("\n{% cookieTable %}\n");
  });

  it("changes about one section in eight from one version to the next, one sentence at a time in the sentence mix", () => {
    const files = corpusFiles(SIZES.S, "sentence");
    const sections = (file: string) => (files.get(file) ?? "").split(/^## /m).slice(1);
    const older = sections("content/policy-01/versions/2020-03-31/en.md");
    const newer = sections("content/policy-01/versions/2020-06-29/en.md");
    const changed = older.filter((s, i) => s !== newer[i]).length;
    expect(older).toHaveLength(16);
    expect(changed).toBeGreaterThanOrEqual(1);
    expect(changed).toBeLessThanOrEqual(2);
  });

  it("revises as editors do in the real mix: sections rewritten, added, removed and renamed, paragraphs added and removed, a table edited", () => {
    // M's documents and versions in one language: revisions are the same in every language.
    const files = corpusFiles({ ...SIZES.M, locales: 1 }, "real");
    const headings = new Map<string, number>();
    let sections = 0;
    let rewritten = 0;
    let tableRows = 0;
    let paragraphsAdded = 0;
    let paragraphsRemoved = 0;
    for (let d = 1; d <= 50; d++) {
      const slug = `policy-${String(d).padStart(2, "0")}`;
      const versions = [...files.keys()].filter((f) => f.startsWith(`content/${slug}/`) && f.endsWith("/en.md")).sort();
      // "content/x/en.md" sorts before "content/x/versions/…": the current version first.
      const ordered = [...versions.slice(1), versions[0] ?? ""];
      for (let v = 1; v < ordered.length; v++) {
        const parts = (file: string) => new Map((files.get(file) ?? "").split(/^## /m).slice(1).map((s) => [s.split("\n")[0] ?? "", s.split("\n\n").slice(1)]));
        const older = parts(ordered[v - 1] ?? "");
        const newer = parts(ordered[v] ?? "");
        sections += older.size;
        const numbers = (m: Map<string, string[]>) => new Set([...m.keys()].map((h) => h.split(".")[0]));
        const [oldNumbers, newNumbers] = [numbers(older), numbers(newer)];
        for (const n of newNumbers) if (!oldNumbers.has(n)) headings.set("added", (headings.get("added") ?? 0) + 1);
        for (const n of oldNumbers) if (!newNumbers.has(n)) headings.set("removed", (headings.get("removed") ?? 0) + 1);
        for (const h of newer.keys()) if (!older.has(h) && oldNumbers.has(h.split(".")[0])) headings.set("renamed", (headings.get("renamed") ?? 0) + 1);
        for (const [h, blocks] of newer) {
          const before = older.get(h);
          if (!before) continue;
          if (blocks.filter((b) => before.includes(b)).length <= 1 && blocks.length > 2) rewritten++;
          const rows = (bs: string[]) => bs.filter((b) => b.startsWith("|")).join("\n").split("\n").length;
          if (rows(blocks) !== rows(before) || blocks.some((b) => b.startsWith("|") && !before.includes(b))) tableRows++;
          const paragraphs = (bs: string[]) => bs.filter((b) => /^\p{L}/u.test(b)).length;
          if (paragraphs(blocks) > paragraphs(before)) paragraphsAdded++;
          if (paragraphs(blocks) < paragraphs(before)) paragraphsRemoved++;
        }
      }
    }
    expect(headings.get("added")).toBeGreaterThan(10);
    expect(headings.get("removed")).toBeGreaterThan(10);
    expect(headings.get("renamed")).toBeGreaterThan(10);
    // About one revised section in five is rewritten: 2 sections of 16 revised a version, 450 versions.
    expect(rewritten).toBeGreaterThan(100);
    expect(rewritten).toBeLessThan(300);
    expect(tableRows).toBeGreaterThan(30);
    expect(paragraphsAdded).toBeGreaterThan(50);
    expect(paragraphsRemoved).toBeGreaterThan(30);
    expect(sections).toBeGreaterThan(450 * 14);
  });

  it("has 30 languages for the M size, four of them right to left", () => {
    expect(SIZES.M.documents * SIZES.M.locales * SIZES.M.versions).toBe(15_000);
    // The M corpus itself takes seconds to make; its languages are checked on a small site.
    const site = corpusFiles({ ...TINY, locales: SIZES.M.locales }).get("content/site.yaml") ?? "";
    const codes = [...site.matchAll(/code: ([\w-]+)/g)].map((m) => m[1] ?? "");
    expect(new Set(codes).size).toBe(30);
    expect(codes.filter((c) => new Intl.Locale(c).language === c.split("-")[0])).toHaveLength(30);
    expect(codes).toEqual(expect.arrayContaining(["ar", "he", "fa", "ur", "pt-BR", "zh-Hans"]));
  });

  it("builds an S site that Codicil loads without errors, right-to-left languages included", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "codicil-bench-"));
    dirs.push(dir);
    await writeCorpus(SIZES.S, dir);
    const { loaded, problems } = await loadSite({ root: dir, buildDate: "2030-01-01" });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(loaded?.site.documents).toHaveLength(10);
    expect(loaded?.site.settings.locales.filter((l) => l.dir === "rtl").map((l) => l.code)).toEqual(["ar", "he"]);
    expect(loaded?.site.documents[0]?.versions).toHaveLength(4);
  });
});
