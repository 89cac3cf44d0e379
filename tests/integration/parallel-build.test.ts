import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { buildDocumentsInParallel, ONE_RUN_MAX_BYTES, PARALLEL_FROM_FILES, threadsFor, writesInOneRun } from "../../src/pipeline/parallel-documents.ts";
import { documentMarkdownFiles, totalBytes } from "../../src/content/scan.ts";
import { copyFixture, REPO, removeDir, runCli, snapshotDir } from "../support/sites.ts";

/**
 * Large sites build their documents in worker threads, or one at a time in one thread
 * (`--threads 1`); small ones are loaded whole and written in one Eleventy run. All three must
 * give the same site, byte for byte, and the same problems: how a document was built must never
 * show in the output.
 */
const BUILD_DATE = "2025-07-01";
const WAYS = [
  ["one document at a time", { threads: 1 }],
  ["worker threads", { threads: 2 }],
  ["a small site's single run", {}],
] as const;
let roots: string[];

beforeAll(() => {
  roots = WAYS.map(() => copyFixture("multilingual"));
});
afterAll(() => {
  for (const root of roots) removeDir(root);
});

describe("building documents one at a time, in worker threads, or all in one run", () => {
  it("writes the same files, byte for byte, each way", async () => {
    const results = [];
    for (const [i, [, options]] of WAYS.entries()) results.push(await buildSite({ root: roots[i] as string, buildDate: BUILD_DATE, ...options }));
    const [first] = results;
    const files = snapshotDir(path.join(roots[0] as string, "_site"));
    // Every page, feed and data file, and the stylesheet.
    expect(first?.filesWritten).toBe(Object.keys(files).length);
    for (const [i, result] of results.entries()) {
      expect(result.built, WAYS[i]?.[0]).toBe(true);
      expect(result.filesWritten, WAYS[i]?.[0]).toBe(first?.filesWritten);
      expect(snapshotDir(path.join(roots[i] as string, "_site")), WAYS[i]?.[0]).toEqual(files);
      expect(result.problems, WAYS[i]?.[0]).toEqual(first?.problems);
    }
  });

  // A build that writes documents one at a time writes each document's /sitemaps/<doc>.xml with its
  // pages and stops holding the parts once they are past the limits; when the site turns out to
  // fit one file, those files are removed again. The small fixture is made to pass lowered limits:
  // at once (10 addresses, less than one document's), and only with the site-wide pages added.
  it("splits the sitemap the same way each way, whenever the site passes the limits", async () => {
    const single = path.join(roots[2] as string, "_single");
    await buildSite({ root: roots[2] as string, outDir: single, buildDate: BUILD_DATE, recordPublished: false });
    const whole = snapshotDir(single);
    expect(Object.keys(whole).filter((file) => file.startsWith("sitemaps"))).toEqual([]);
    const addresses = (whole["sitemap.xml"] ?? "").split("<url>").length - 1;
    const documents = readdirSync(path.join(roots[0] as string, "content")).filter((name) => statSync(path.join(roots[0] as string, "content", name)).isDirectory());
    for (const urls of [10, addresses - 1]) {
      const sitemapLimits = { urls, bytes: 50 * 1024 * 1024 };
      const outputs = [];
      for (const [i, [way, options]] of WAYS.entries()) {
        const outDir = path.join(roots[i] as string, `_split-${urls}`);
        const result = await buildSite({ root: roots[i] as string, outDir, buildDate: BUILD_DATE, recordPublished: false, sitemapLimits, ...options });
        const files = snapshotDir(outDir);
        expect(result.filesWritten, `${way}, ${urls}`).toBe(Object.keys(files).length);
        // Written one at a time, the build holds no document's part once it is handed over.
        if ("threads" in options) expect([...(result.session?.documents.values() ?? [])].map((d) => d.sitemapFragment), way).toEqual(documents.map(() => ""));
        outputs.push(files);
      }
      const [first] = outputs;
      expect(Object.keys(first ?? {}).filter((file) => file.startsWith("sitemaps")).sort()).toEqual(["_home", ...documents].map((name) => path.join("sitemaps", `${name}.xml`)).sort());
      expect(first?.["sitemap.xml"]).toContain("<sitemapindex");
      for (const [i, files] of outputs.entries()) expect(files, `${WAYS[i]?.[0]}, ${urls}`).toEqual(first);
      // The same pages as the single file lists, each once.
      const listed = Object.entries(first ?? {}).filter(([file]) => file.startsWith("sitemaps")).flatMap(([, text]) => [...text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]));
      expect(listed.sort()).toEqual([...(whole["sitemap.xml"] ?? "").matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]).sort());
    }
  });

  it("reports the same problems and writes nothing when a document has an error, each way", async () => {
    const root = copyFixture("multilingual");
    try {
      const { writeFileSync, readFileSync } = await import("node:fs");
      const file = path.join(root, "content/privacy/de.md");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^version: .*$/m, "version: [not, a, label]"));
      const results = [];
      for (const [, options] of WAYS) results.push(await buildSite({ root, buildDate: BUILD_DATE, ...options }));
      for (const [i, result] of results.entries()) {
        expect(result.built, WAYS[i]?.[0]).toBe(false);
        expect(result.problems, WAYS[i]?.[0]).toEqual(results[0]?.problems);
      }
      expect(results[0]?.problems.some((p) => p.file === "content/privacy/de.md" && p.severity === "error")).toBe(true);
      expect(snapshotDir(path.join(root, "_site"))).toEqual({});
    } finally {
      removeDir(root);
    }
  });
});

describe("buildDocumentsInParallel", () => {
  it("hands what runs once every document is loaded its result, or its failure, even a synchronous throw", async () => {
    const [root] = roots as [string];
    const setup = { root, buildDate: BUILD_DATE };
    const done = await buildDocumentsInParallel(setup, ["privacy", "terms"], 2, (loaded) => Promise.resolve(loaded.map((d) => d.load.slug)));
    expect(done.afterLoading).toEqual(["privacy", "terms"]);
    expect(done.documents.map((d) => d.load.slug)).toEqual(["privacy", "terms"]);
    const thrown = await buildDocumentsInParallel(setup, ["privacy", "terms"], 2, () => {
      throw new Error("the rules across documents failed");
    }).catch((e: unknown) => e);
    expect(thrown).toEqual(new Error("the rules across documents failed"));
    expect(await buildDocumentsInParallel(setup, [], 2, (loaded) => Promise.resolve(loaded.length))).toEqual({ documents: [], afterLoading: 0 });
  });
});

describe("which way a build takes", () => {
  it("writes a small site in one Eleventy run, and one document at a time with --threads 1", () => {
    // The phases the command times (CODICIL_TIMINGS, src/pipeline/timings.ts) show the way taken.
    const root = copyFixture("multilingual");
    try {
      const phases = (...args: string[]) =>
        runCli(["build", "--root", root, "--out", path.join(root, `out${args.join("")}`), ...args], { CODICIL_TIMINGS: "1" })
          .stderr.split("\n")
          .filter((line) => line.startsWith("timing: "))
          .map((line) => line.replace(/^timing: ([^:]+(?:: [^:]+)?): .*$/, "$1"));
      const byDefault = phases();
      expect(byDefault).toEqual(expect.arrayContaining(["every page, in one Eleventy run"]));
      expect(byDefault).not.toEqual(expect.arrayContaining(["privacy: write pages"]));
      const oneThread = phases("--threads", "1");
      expect(oneThread).toEqual(expect.arrayContaining(["privacy: write pages", "terms: write pages", "site-wide pages and assets"]));
      expect(oneThread).not.toEqual(expect.arrayContaining(["every page, in one Eleventy run"]));
    } finally {
      removeDir(root);
    }
  });
});

describe("threadsFor and writesInOneRun", () => {
  it.each([
    [PARALLEL_FROM_FILES - 1, 50, undefined, 1],
    [200, 10, undefined, 1],
    [PARALLEL_FROM_FILES, 1, undefined, 1],
    [10, 5, 3, 3],
    [10, 2, 8, 2],
    [10, 5, 1, 1],
  ])("%i files in %i documents, %s requested → %i", (files, documents, requested, threads) => {
    expect(threadsFor(files, documents, requested)).toBe(threads);
  });

  it.each([
    [200, 3 * 2 ** 20, undefined, true],
    [PARALLEL_FROM_FILES - 1, ONE_RUN_MAX_BYTES - 1, undefined, true],
    [PARALLEL_FROM_FILES, 3 * 2 ** 20, undefined, false],
    [200, ONE_RUN_MAX_BYTES, undefined, false],
    [200, 3 * 2 ** 20, 1, false],
    [200, 3 * 2 ** 20, 2, false],
  ])("%i files of %i bytes, %s threads requested: one Eleventy run %s", (files, bytes, requested, oneRun) => {
    expect(writesInOneRun(files, () => bytes, requested)).toBe(oneRun);
  });

  it("lists a site's Markdown files from its folders and counts their bytes", () => {
    const root = path.join(REPO, "tests/fixtures/multilingual");
    const privacy = ["de", "en", "pt-BR"].map((l) => `content/privacy/${l}.md`);
    const files = [...privacy, ...readdirSync(path.join(root, "content/privacy/versions")).flatMap((d) => readdirSync(path.join(root, "content/privacy/versions", d)).map((f) => `content/privacy/versions/${d}/${f}`))];
    const listed = documentMarkdownFiles(root, ["privacy"]);
    expect(listed.map((f) => path.relative(root, f).split(path.sep).join("/")).sort()).toEqual([...files].sort());
    expect(totalBytes(listed)).toBe(files.reduce((n, f) => n + statSync(path.join(root, f)).size, 0));
    expect(documentMarkdownFiles(root, ["privacy", "terms"]).length).toBeGreaterThan(listed.length);
  });

  it("uses one thread per core for a large site, never more threads than documents", () => {
    expect(threadsFor(15_000, 50)).toBe(Math.min(availableParallelism(), 50));
    expect(threadsFor(15_000, 1)).toBe(1);
  });
});
