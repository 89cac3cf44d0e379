import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite, type BuildSession } from "../../src/pipeline/build-site.ts";
import { rebuildDocuments } from "../../src/dev-server/rebuild-documents.ts";
import { copyFixture, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * `npm start`'s rebuilds (`rebuildDocuments`) driven directly, edit by edit, with an error in one
 * document while another is edited, and what they leave in the served folder compared with a
 * build of the whole site from the same files.
 */
const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));
const BUILD = { buildDate: "2025-07-01", liveReload: true, recordPublished: false };

async function served(copiesOfTerms: readonly string[] = []): Promise<{ root: string; out: string; session: BuildSession; edit: (file: string, change: (text: string) => string) => void }> {
  const root = copyFixture("multilingual");
  roots.push(root);
  for (const slug of copiesOfTerms) cpSync(path.join(root, "content/terms"), path.join(root, "content", slug), { recursive: true });
  const out = path.join(root, "_site");
  const { session } = await buildSite({ ...BUILD, root, outDir: out });
  if (!session) throw new Error("the fixture did not build");
  const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(root, file), change(readFileSync(path.join(root, file), "utf8")));
  return { root, out, session, edit };
}

async function expectSameAsFullBuild(root: string, out: string): Promise<void> {
  const fresh = path.join(root, "fresh");
  await buildSite({ ...BUILD, root, outDir: fresh });
  expect(snapshotDir(out)).toEqual(snapshotDir(fresh));
}

const errors = (result: { problems: readonly { severity: string; file: string; message: string }[] }) =>
  result.problems.filter((p) => p.severity === "error").map((p) => `${p.file}: ${p.message}`);
const BROKEN_LINK = (t: string) => t.replace(/\n## /, "\nSee [nothing](/en/nowhere/).\n\n## ");

describe("rebuildDocuments", () => {
  it("writes a document an error held back once the error is fixed in another document", async () => {
    const { root, out, session, edit } = await served();
    edit("content/terms/en.md", (t) => t.replace(/\n## /, "\nSee [the scope](/en/privacy/2025-01-01/#scope).\n\n## "));
    expect((await rebuildDocuments(session, ["terms"], out)).built).toBe(true);

    // The heading renamed: the link in the terms now points nowhere, so nothing is written.
    edit("content/privacy/versions/2025-01-01/en.md", (t) => t.replace("## Scope", "## Area"));
    const held = await rebuildDocuments(session, ["privacy"], out);
    expect(held.built).toBe(false);
    expect(errors(held)).toEqual([expect.stringMatching(/^content\/terms\/en\.md: the link \/en\/privacy\/2025-01-01\/#scope points to #scope/)]);

    // Fixed in the terms: checked against the privacy policy as it is now, and both are written.
    edit("content/terms/en.md", (t) => t.replace("#scope", "#area"));
    const fixed = await rebuildDocuments(session, ["terms"], out);
    expect(errors(fixed)).toEqual([]);
    expect(fixed.documents).toEqual(["terms", "privacy"]);
    await expectSameAsFullBuild(root, out);
  });

  it("checks documents saved together against each other as they are now", async () => {
    const { root, out, session, edit } = await served();
    edit("content/terms/en.md", (t) => t.replace(/\n## /, "\nSee [the scope](/en/privacy/2025-01-01/#scope).\n\n## "));
    await rebuildDocuments(session, ["terms"], out);
    edit("content/privacy/versions/2025-01-01/en.md", (t) => t.replace("## Scope", "## Area"));
    edit("content/terms/en.md", (t) => t.replace("#scope", "#area"));
    const together = await rebuildDocuments(session, ["privacy", "terms"], out);
    expect(errors(together)).toEqual([]);
    expect(together.built).toBe(true);
    await expectSameAsFullBuild(root, out);
  });

  it("writes the pages listing every document when a held-back document's title changed", async () => {
    const { root, out, session, edit } = await served();
    edit("content/terms/en.md", BROKEN_LINK);
    expect((await rebuildDocuments(session, ["terms"], out)).built).toBe(false);
    edit("content/privacy/versions/2025-01-01/en.md", (t) => t.replace(/^title: .*$/m, 'title: "Privacy, retitled"'));
    expect((await rebuildDocuments(session, ["privacy"], out)).built).toBe(false);
    edit("content/terms/en.md", (t) => t.replace("See [nothing](/en/nowhere/).", ""));
    expect((await rebuildDocuments(session, ["terms"], out)).built).toBe(true);
    expect(readFileSync(path.join(out, "en/index.html"), "utf8")).toContain("Privacy, retitled");
    await expectSameAsFullBuild(root, out);
  });

  // What changes the site's set of pages: reported, not built, while another document has an error.
  const NEW_PAGES: [string, string, (root: string) => void][] = [
    ["a language added", "terms", (root) => writeFileSync(path.join(root, "content/terms/de.md"), readFileSync(path.join(root, "content/terms/en.md"), "utf8").replace("See [nothing](/en/nowhere/).", ""))],
    [
      "a document added",
      "imprint",
      (root) => {
        mkdirSync(path.join(root, "content/imprint"));
        writeFileSync(path.join(root, "content/imprint/en.md"), '---\ntitle: "Imprint"\nversion: "1"\nupdated: 2024-01-01\n---\n\n## Who we are\n\nA fixture.\n');
      },
    ],
  ];
  it.each(NEW_PAGES)("reports %s while another document has an error, and builds the site once it is fixed", async (_, slug, add) => {
    const { session, out, root, edit } = await served();
    edit("content/terms/en.md", BROKEN_LINK);
    await rebuildDocuments(session, ["terms"], out);
    add(root);
    const added = await rebuildDocuments(session, [slug], out);
    expect([added.built, added.needsFullBuild]).toEqual([false, false]);
    expect(errors(added)).toEqual([expect.stringMatching(/^content\/terms\/en\.md: the link \/en\/nowhere\/ leads nowhere/)]);
    edit("content/terms/en.md", (t) => t.replace("See [nothing](/en/nowhere/).", ""));
    expect((await rebuildDocuments(session, ["terms"], out)).needsFullBuild).toBe(true);
  });

  it("loads again, with the next rebuild, the documents whose writing failed halfway", async () => {
    const { root, out, session, edit } = await served();
    // A file where the page's folder must go: writing the German pages fails.
    const page = path.join(out, "de/privacy/2025-01-01");
    rmSync(page, { recursive: true });
    writeFileSync(page, "in the way");
    edit("content/privacy/versions/2025-01-01/de.md", (t) => t.replace(/\n## /, "\n## Neu\n\nNeuer Absatz.\n\n## "));
    await expect(rebuildDocuments(session, ["privacy"], out)).rejects.toThrow();
    rmSync(page);
    mkdirSync(page);
    // Another document edited next: the privacy policy is loaded and written with it.
    edit("content/terms/en.md", (t) => t.replace(/\n## /, "\nOne more sentence.\n\n## "));
    const next = await rebuildDocuments(session, ["terms"], out);
    expect(next.documents).toEqual(["terms", "privacy"]);
    await expectSameAsFullBuild(root, out);
  });

  it("holds back more documents than one rebuild writes while something is wrong, then builds the site", async () => {
    const { out, session, edit } = await served(["terms2", "terms3", "terms4", "terms5"]);
    edit("content/terms/en.md", BROKEN_LINK);
    for (const slug of ["terms", "terms2", "terms3", "terms4", "terms5"]) {
      if (slug !== "terms") edit(`content/${slug}/en.md`, (t) => t.replace(/\n## /, "\nOne more sentence.\n\n## "));
      const result = await rebuildDocuments(session, [slug], out);
      expect([slug, result.built, result.needsFullBuild, errors(result).length]).toEqual([slug, false, false, 1]);
    }
    edit("content/terms/en.md", (t) => t.replace("See [nothing](/en/nowhere/).", ""));
    expect((await rebuildDocuments(session, ["terms"], out)).needsFullBuild).toBe(true);
  });

  it("writes every page of a document whose writing failed, even when the edit was undone meanwhile", async () => {
    const { root, out, session, edit } = await served();
    const file = "content/privacy/versions/2025-01-01/de.md";
    const original = readFileSync(path.join(root, file), "utf8");
    const page = path.join(out, "de/privacy/2025-01-01/changes");
    rmSync(page, { recursive: true });
    writeFileSync(page, "in the way");
    edit(file, (t) => t.replace(/\n## /, "\n## Neu\n\nNeuer Absatz.\n\n## "));
    await expect(rebuildDocuments(session, ["privacy"], out)).rejects.toThrow();
    rmSync(page);
    writeFileSync(path.join(root, file), original);
    expect((await rebuildDocuments(session, ["privacy"], out)).built).toBe(true);
    await expectSameAsFullBuild(root, out);
  });
});

