import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { copyFixture, removeDir } from "../support/sites.ts";

/**
 * Sites built one after another in one process (as a test file, or a program using `buildSite`,
 * does) are each rendered with their own templates. Eleventy keeps the compiled page layout for
 * the whole process, and the layout holds the Nunjucks environment it was compiled with; it once
 * gave every later site the first one's templates.
 */
const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

/** Builds a copy of the multilingual fixture, with a hreflang partial of its own when `marker` is given. */
async function buildWithPartial(marker: string | undefined): Promise<string> {
  const root = copyFixture("multilingual");
  roots.push(root);
  if (marker) {
    mkdirSync(path.join(root, "templates/partials"), { recursive: true });
    writeFileSync(path.join(root, "templates/partials/alternate-links.njk"), `<!-- ${marker} -->\n`);
  }
  await buildSite({ root, buildDate: "2025-07-01" });
  return readFileSync(path.join(root, "_site/en/privacy/index.html"), "utf8");
}

describe("several sites built in one process", () => {
  it("renders each with its own templates", async () => {
    const first = await buildWithPartial("partial of site A");
    const second = await buildWithPartial("partial of site B");
    const third = await buildWithPartial(undefined);

    expect(first).toContain("<!-- partial of site A -->");
    expect(second).toContain("<!-- partial of site B -->");
    expect(second).not.toContain("site A");
    // Codicil's own partial: the hreflang alternates themselves.
    expect(third).not.toContain("partial of site");
    expect(third).toMatch(/<link rel="alternate" hreflang="de"/);
  });
});
