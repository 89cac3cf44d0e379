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

  it("writes about 1,500 words per file with headings, lists, links and a cookie table", () => {
    const text = corpusFiles(SIZES.S).get("content/policy-01/en.md") ?? "";
    const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    expect(words).toBeGreaterThan(1_200);
    expect(words).toBeLessThan(1_900);
    expect(text.match(/^## /gm)).toHaveLength(16);
    expect(text).toMatch(/^- /m);
    expect(text).toMatch(/\]\(\/en\/policy-\d\d\/\)/);
    expect(text).toContain("\n{% cookieTable %}\n");
  });

  it("changes about one section in eight from one version to the next", () => {
    const files = corpusFiles(SIZES.S);
    const sections = (file: string) => (files.get(file) ?? "").split(/^## /m).slice(1);
    const older = sections("content/policy-01/versions/2020-03-31/en.md");
    const newer = sections("content/policy-01/versions/2020-06-29/en.md");
    const changed = older.filter((s, i) => s !== newer[i]).length;
    expect(older).toHaveLength(16);
    expect(changed).toBeGreaterThanOrEqual(1);
    expect(changed).toBeLessThanOrEqual(2);
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
