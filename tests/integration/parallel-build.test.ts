import { availableParallelism } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build-site.ts";
import { threadsFor, PARALLEL_FROM_FILES } from "../../src/build/parallel-documents.ts";
import { copyFixture, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * Large sites build their documents in worker threads, small ones in one thread. Both must give
 * the same site, byte for byte, and the same problems: the thread a document was built in must
 * never show in the output.
 */
const BUILD_DATE = "2025-07-01";
let oneThread: string;
let twoThreads: string;

beforeAll(() => {
  oneThread = copyFixture("multilingual");
  twoThreads = copyFixture("multilingual");
});
afterAll(() => {
  removeDir(oneThread);
  removeDir(twoThreads);
});

describe("building documents in worker threads", () => {
  it("writes the same files, byte for byte, as building them in one thread", async () => {
    const single = await buildSite({ root: oneThread, buildDate: BUILD_DATE, threads: 1 });
    const parallel = await buildSite({ root: twoThreads, buildDate: BUILD_DATE, threads: 2 });
    expect(single.built).toBe(true);
    expect(parallel.built).toBe(true);
    expect(parallel.filesWritten).toBe(single.filesWritten);
    const files = snapshotDir(path.join(oneThread, "_site"));
    // Every page, feed and data file, and the stylesheet.
    expect(Object.keys(files).length).toBe(single.filesWritten + 1);
    expect(snapshotDir(path.join(twoThreads, "_site"))).toEqual(files);
    expect(parallel.problems).toEqual(single.problems);
  });

  it("reports the same problems and writes nothing when a document has an error", async () => {
    const root = copyFixture("multilingual");
    try {
      const { writeFileSync, readFileSync } = await import("node:fs");
      const file = path.join(root, "content/privacy/de.md");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^version: .*$/m, "version: [not, a, label]"));
      const single = await buildSite({ root, buildDate: BUILD_DATE, threads: 1 });
      const parallel = await buildSite({ root, buildDate: BUILD_DATE, threads: 2 });
      expect(single.built).toBe(false);
      expect(parallel.built).toBe(false);
      expect(parallel.problems).toEqual(single.problems);
      expect(parallel.problems.some((p) => p.file === "content/privacy/de.md" && p.severity === "error")).toBe(true);
      expect(snapshotDir(path.join(root, "_site"))).toEqual({});
    } finally {
      removeDir(root);
    }
  });
});

describe("threadsFor", () => {
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

  it("uses one thread per core for a large site, never more threads than documents", () => {
    expect(threadsFor(15_000, 50)).toBe(Math.min(availableParallelism(), 50));
    expect(threadsFor(15_000, 1)).toBe(1);
  });
});
