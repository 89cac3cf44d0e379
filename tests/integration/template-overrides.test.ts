import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { formatProblem } from "../../src/core/problems.ts";
import { copyFixture, readPage, REPO, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * tests/fixtures/multilingual with tests/fixtures/overrides' templates/: a layout (base.njk) that
 * extends Codicil's own through `codicil/`, a partial (toc.njk) that includes Codicil's, and a
 * partial (language-switcher.njk) replaced outright. Everything else stays Codicil's.
 */
let root: string;
let out: string;

beforeAll(async () => {
  root = copyFixture("multilingual", "overrides");
  const result = await buildSite({ root, buildDate: "2025-07-01" });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (!result.built || errors.length > 0) throw new Error(errors.map(formatProblem).join("\n"));
  out = path.join(root, "_site");
});
afterAll(() => removeDir(root));

describe("a site's templates/ overrides one layout or partial by its path", () => {
  it("uses the site's base layout on every page, which builds on Codicil's through codicil/", () => {
    for (const urlPath of ["en/privacy/", "de/privacy/history/", "en/", "404.html", "en/terms/"]) {
      const $ = readPage(out, urlPath);
      expect($('meta[name="theme-color"]').attr("content"), urlPath).toBe("#0a5e73");
      // The rest of the frame is Codicil's.
      expect($("a.skip-link").attr("href"), urlPath).toBe("#main");
      expect($('link[rel="stylesheet"]').attr("href"), urlPath).toBe("/legal/assets/codicil.css");
    }
  });

  it("wraps Codicil's table of contents in the site's partial, which includes Codicil's own", () => {
    const $ = readPage(out, "en/privacy/");
    expect($(".site-toc-box > nav.toc ol li").length).toBeGreaterThan(0);
    expect($("nav.toc")).toHaveLength(1);
  });

  it("replaces a partial outright, in pages made by Codicil's layouts too", () => {
    const $ = readPage(out, "de/privacy/");
    expect($("nav.language-switcher")).toHaveLength(0);
    expect($("ul.site-languages a").map((_, a) => $(a).text()).get()).toEqual(["en", "de", "ar", "pt-BR"]);
  });

  it("leaves Codicil's templates untouched for a site without templates of its own", () => {
    // The overridden files are the site's: Codicil's own still say what they said.
    expect(readFileSync(path.join(REPO, "templates/partials/toc.njk"), "utf8")).not.toContain("site-toc-box");
    expect(Object.keys(snapshotDir(out)).some((f) => f.includes("layouts") || f.includes("partials"))).toBe(false);
  });
});
