import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { completeSiteLoad } from "../../../src/content/load-site.ts";
import { loadDocument } from "../../../src/content/load-document.ts";
import { loadSiteResources } from "../../../src/content/site-resources.ts";
import { copyFixture, removeDir } from "../../support/sites.ts";

const root = copyFixture("multilingual");
afterAll(() => removeDir(root));

/**
 * `npm start` runs the rules across documents again after every edit, with the other documents as
 * they were: what they conclude must follow each edit, however often they are asked.
 */
describe("the rules across documents, asked again after each edit", () => {
  it("sees a page come and go", async () => {
    const { resources } = await loadSiteResources({ root, buildDate: "2025-07-01" });
    if (!resources) throw new Error("the fixture did not load");
    const privacy = path.join(root, "content/privacy/en.md");
    writeFileSync(privacy, readFileSync(privacy, "utf8").replace(/\n## /, "\nSee the [German terms](/de/terms/).\n\n## "));
    const linkProblems = async () => {
      const loads = ["privacy", "terms"].map((slug) => loadDocument(resources, slug));
      const { problems } = await completeSiteLoad(resources, loads, []);
      return problems.filter((p) => p.message.startsWith("the link /de/terms/")).map((p) => p.message);
    };
    expect(await linkProblems()).toEqual(['the link /de/terms/ leads nowhere: the document "terms" has no de text yet; link /en/terms/ or add content/terms/de.md.']);
    const german = path.join(root, "content/terms/de.md");
    writeFileSync(german, readFileSync(path.join(root, "content/terms/en.md"), "utf8").replace('title: "Terms of Service"', 'title: "Nutzungsbedingungen"'));
    expect(await linkProblems()).toEqual([]);
    rmSync(german);
    expect(await linkProblems()).toHaveLength(1);
  });
});
