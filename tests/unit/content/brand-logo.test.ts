import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOGO_MAX_BYTES, logoFormatOfBytes, logoProblems } from "../../../src/content/brand-logo.ts";
import { formatProblem } from "../../../src/core/problems.ts";
import { removeDir } from "../../support/sites.ts";

const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Drawn for the test -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n';
// A 1×1 transparent PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

describe("logoFormatOfBytes", () => {
  it.each([
    ["an SVG with a declaration and comment", Buffer.from(SVG), "svg"],
    ["an SVG with a namespace prefix", Buffer.from('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>'), "svg"],
    ["a PNG", PNG, "png"],
    ["an HTML page", Buffer.from("<!doctype html><html><body><svg></svg></body></html>"), undefined],
    ["a JPEG", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), undefined],
    ["text that is not UTF-8", Buffer.from([0x3c, 0x73, 0x76, 0x67, 0xff, 0x3e]), undefined],
    ["an empty file", Buffer.alloc(0), undefined],
  ])("%s is %s", (_name, bytes, format) => {
    expect(logoFormatOfBytes(bytes)).toBe(format);
  });
});

describe("logoProblems", () => {
  const root = mkdtempSync(path.join(tmpdir(), "codicil-logo-"));
  const content = path.join(root, "content");
  mkdirSync(content);
  writeFileSync(path.join(content, "logo.svg"), SVG);
  writeFileSync(path.join(content, "logo.png"), PNG);
  writeFileSync(path.join(content, "png-named.svg"), PNG);
  writeFileSync(path.join(content, "page.svg"), "<html><body>not an image</body></html>");
  writeFileSync(path.join(content, "huge.png"), Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]));
  writeFileSync(path.join(root, "outside.svg"), SVG);
  symlinkSync(path.join(root, "outside.svg"), path.join(content, "linked.svg"));
  afterAll(() => removeDir(root));

  const check = async (file: string, format: "svg" | "png") =>
    (await logoProblems(root, { file, format, alt: { en: "Logo" } }, "content/site.yaml", 9)).map(formatProblem);

  it.each([
    ["logo.svg", "svg"],
    ["logo.png", "png"],
  ] as const)("accepts %s", async (file, format) => {
    expect(await check(file, format)).toEqual([]);
  });

  it.each([
    ["missing.svg", "svg", 'content/site.yaml:9: logo.file "missing.svg" does not exist: put the logo at content/missing.svg, beside site.yaml, or fix the name.'],
    ["png-named.svg", "svg", 'content/site.yaml:9: logo.file "png-named.svg" is named .svg but holds a PNG image; rename it to .png.'],
    ["page.svg", "svg", 'content/site.yaml:9: logo.file "page.svg" is not an SVG document (its first element must be <svg>); export the logo as SVG or PNG.'],
    ["huge.png", "png", `content/site.yaml:9: logo.file "huge.png" is ${Math.ceil((PNG.length + LOGO_MAX_BYTES) / 1024)} KB; a logo should be at most 256 KB (export the SVG without embedded images, or a smaller PNG).`],
    ["linked.svg", "svg", 'content/site.yaml:9: logo.file "linked.svg" leads outside content/ through a symbolic link; copy the image into content/.'],
    ["brand/logo.svg", "svg", 'content/site.yaml:9: logo.file "brand/logo.svg" must be the name of a file directly in content/, beside site.yaml, e.g. logo.svg (every folder in content/ is a document).'],
    ["../outside.svg", "svg", 'content/site.yaml:9: logo.file "../outside.svg" must be the name of a file directly in content/'],
  ] as const)("refuses %s", async (file, format, message) => {
    const found = await check(file, format);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });
});
