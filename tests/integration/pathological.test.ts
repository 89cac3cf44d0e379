import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { DocumentFileCache } from "../../src/content/file-cache.ts";
import { loadDocument, type DocumentLoad } from "../../src/content/load-document.ts";
import { loadSite } from "../../src/content/load-site.ts";
import { loadSiteResources } from "../../src/content/site-resources.ts";
import { copyFixture, readPage, removeDir } from "../support/sites.ts";

/**
 * Documents no editor should write, which the build must refuse or get through in bounded time,
 * never hanging. The test timeout (60 s) is the bound; these are not timing assertions.
 */
const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

function siteWithPrivacyBody(body: string): string {
  const root = copyFixture("bad/_base");
  roots.push(root);
  writeFileSync(path.join(root, "content/privacy/en.md"), `---\ntitle: Privacy Policy\nversion: "2"\nupdated: 2025-01-01\n---\n\n${body}`);
  return root;
}

describe("pathological documents", () => {
  it("refuses a 10 MB document before parsing it", async () => {
    const root = siteWithPrivacyBody("All work and no play. ".repeat(500_000));
    const { loaded, problems } = await loadSite({ root, buildDate: "2025-06-01" });
    expect(loaded).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: "content/privacy/en.md", line: 1, message: expect.stringContaining("is 10.5 MB; a document may be at most 2.0 MB") })]);
  });

  it("measures a document by its file's bytes, also when they are not UTF-8, and the same under npm start", async () => {
    // 1.2 MB of a byte that is no UTF-8 character on its own: decoded, each becomes U+FFFD, three bytes.
    const root = siteWithPrivacyBody("");
    const file = path.join(root, "content/privacy/en.md");
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.alloc(1_200_000, 0xe4)]));
    const { resources } = await loadSiteResources({ root, buildDate: "2025-06-01" });
    if (!resources) throw new Error("the fixture did not load");
    const sizeProblems = (load: DocumentLoad) => load.problems.filter((p) => p.message.includes("a document may be at most"));
    expect(sizeProblems(loadDocument(resources, "privacy"))).toEqual([]);
    expect(sizeProblems(loadDocument(resources, "privacy", new DocumentFileCache()))).toEqual([]);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.alloc(1_000_000, 0xe4)]));
    for (const cache of [undefined, new DocumentFileCache()]) {
      expect(sizeProblems(loadDocument(resources, "privacy", cache))).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining("is 2.1 MB;") })]);
    }
  });

  it("builds a document with 50,000 headings", async () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `## Section ${i}\n\nText ${i}.\n`).join("\n");
    const root = siteWithPrivacyBody(body);
    const result = await buildSite({ root, buildDate: "2025-06-01" });
    expect(result.built).toBe(true);
    const $ = readPage(path.join(root, "_site"), "en/privacy/");
    expect($(".document-body h2").length).toBe(50_000);
    expect($(".toc li").length).toBe(50_000);
  });

  it("gets through deeply nested lists and quotes", async () => {
    const lists = Array.from({ length: 1_000 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");
    const quotes = `${">".repeat(50_000)} deep\n`;
    const root = siteWithPrivacyBody(`## Nested\n\n${lists}\n\n${quotes}`);
    const { loaded, problems } = await loadSite({ root, buildDate: "2025-06-01" });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(loaded?.site.documents[0]?.versions[1]?.translations.en?.html).toContain("level 0");
  });

  it("reports every script in a huge HTML block, each at its own line", async () => {
    const scripts = Array.from({ length: 20_000 }, () => "<script>x</script>").join("\n");
    const root = siteWithPrivacyBody(`<div>\n${scripts}\n</div>\n`);
    // Errors only: the file's other problem is a warning (its version has no summary).
    const problems = (await loadSite({ root, buildDate: "2025-06-01" })).problems.filter((p) => p.file === "content/privacy/en.md" && p.severity === "error");
    expect(problems).toHaveLength(20_000);
    expect(problems[0]?.line).toBe(8);
    expect(problems[19_999]?.line).toBe(20_007);
  });
});
