import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite, rebuildDocument } from "../../src/build/build-site.ts";
import { copyFixture, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * `npm start`'s rebuilds (`rebuildDocument`) driven directly, edit by edit, and what they leave in
 * the served folder compared with a build of the whole site from the same files.
 */
const root = copyFixture("multilingual");
afterAll(() => removeDir(root));
const options = { root, buildDate: "2025-07-01", liveReload: true, recordPublished: false };

function edit(file: string, change: (text: string) => string): void {
  const full = path.join(root, file);
  writeFileSync(full, change(readFileSync(full, "utf8")));
}

describe("rebuildDocument", () => {
  it("writes a document an error held back once the error is fixed in another document", async () => {
    const served = path.join(root, "_site");
    const { session } = await buildSite({ ...options, outDir: served });
    if (!session) throw new Error("the fixture did not build");

    edit("content/terms/en.md", (t) => t.replace(/\n## /, "\nSee [the scope](/en/privacy/2025-01-01/#scope).\n\n## "));
    expect((await rebuildDocument(session, "terms", served)).built).toBe(true);

    // The heading renamed: the link in the terms now points nowhere, so nothing is written.
    edit("content/privacy/versions/2025-01-01/en.md", (t) => t.replace("## Scope", "## Area"));
    const held = await rebuildDocument(session, "privacy", served);
    expect(held.built).toBe(false);
    expect(held.problems.map((p) => `${p.file}: ${p.message}`)).toContainEqual(expect.stringMatching(/^content\/terms\/en\.md: the link \/en\/privacy\/2025-01-01\/#scope points to #scope/));

    // Fixed in the terms: checked against the privacy policy as it is now, and both are written.
    edit("content/terms/en.md", (t) => t.replace("#scope", "#area"));
    const fixed = await rebuildDocument(session, "terms", served);
    expect(fixed.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(fixed.documents).toEqual(["terms", "privacy"]);

    const fresh = path.join(root, "fresh");
    await buildSite({ ...options, outDir: fresh });
    expect(snapshotDir(served)).toEqual(snapshotDir(fresh));
  });
});
