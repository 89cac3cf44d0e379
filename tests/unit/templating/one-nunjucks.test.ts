import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Eleventy compiles each page with the Nunjucks it imports and renders it with Codicil's
 * environment (package.json asks for the version Eleventy depends on): the two must be one module.
 */
describe("Nunjucks", () => {
  it("is the same module for Eleventy as for Codicil", () => {
    const fromCodicil = createRequire(import.meta.url).resolve("nunjucks");
    const eleventyDir = path.dirname(fileURLToPath(import.meta.resolve("@11ty/eleventy")));
    const fromEleventy = createRequire(path.join(eleventyDir, "Eleventy.js")).resolve("nunjucks");
    expect(fromEleventy).toBe(fromCodicil);
  });
});
