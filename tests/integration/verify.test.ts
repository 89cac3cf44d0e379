import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSite } from "../../src/content/load-site.ts";
import type { SiteSettings } from "../../src/model/settings.ts";
import { checkLinks } from "../../src/verify/links.ts";
import { checkPageContract } from "../../src/verify/page-contract.ts";
import { compareFolders, verifySite } from "../../src/verify/verify-site.ts";
import { copyFixture, removeDir } from "../support/sites.ts";

/** `npm run verify` on a fixture with a pathPrefix, then on copies of its output with defects planted. */
let root: string;
let settings: SiteSettings;
const broken: string[] = [];

beforeAll(async () => {
  root = copyFixture("multilingual");
  const report = await verifySite(root);
  expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(report.steps.join("\n")).toContain("two builds are byte-identical");
  settings = (await loadSite({ root })).loaded!.site.settings;
}, 120_000);
afterAll(() => [root, ...broken].forEach(removeDir));

/** A copy of the built site with one page edited. */
function plant(file: string, edit: (html: string) => string): string {
  const copy = copyFixture("multilingual");
  broken.push(copy);
  cpSync(path.join(root, "_site"), path.join(copy, "_site"), { recursive: true });
  const target = path.join(copy, "_site", file);
  writeFileSync(target, edit(readFileSync(target, "utf8")));
  return path.join(copy, "_site");
}

describe("checks of the built site", () => {
  it.each([
    ["a missing lang", "de/privacy/index.html", (h: string) => h.replace('<html lang="de" dir="ltr">', '<html dir="ltr">'), "<html> has no lang attribute"],
    ["a wrong dir", "ar/privacy/index.html", (h: string) => h.replace('dir="rtl"', 'dir="ltr"'), "ar is written rtl"],
    ["a canonical to another page", "en/privacy/2024-01-01/index.html", (h: string) => h.replace(/(rel="canonical" href="[^"]+)2024-01-01\//, "$1"), "not the page itself"],
    ["no x-default", "en/index.html", (h: string) => h.replace(/<link rel="alternate" hreflang="x-default"[^>]*>/, ""), "no x-default"],
    ["an alternate to a page that was not built", "en/terms/index.html", (h: string) => h.replace("/legal/en/terms/\">\n<link rel=\"alternate\" hreflang=\"x-default\"", "/legal/fr/terms/\">\n<link rel=\"alternate\" hreflang=\"x-default\""), "which was not built"],
    [
      "a compare page its earlier version does not link to",
      "en/privacy/2023-01-01/index.html",
      (h: string) => h.replaceAll('href="/legal/en/privacy/2023-01-01/compare/"', 'href="/legal/en/privacy/history/"'),
      "is not linked from en/privacy/2023-01-01/index.html",
      "en/privacy/2023-01-01/compare/index.html",
    ],
    [
      "a compare page that compares with another version than the one in force",
      "en/privacy/2024-01-01/compare/index.html",
      (h: string) => h.replaceAll('href="/legal/en/privacy/2025-01-01/"', 'href="/legal/en/privacy/2025-06-01/"'),
      "does not link to en/privacy/2025-01-01/index.html, the version in force",
    ],
    ["a link to a missing anchor", "en/terms/index.html", (h: string) => h.replace('href="/legal/en/terms/"', 'href="/legal/en/privacy/#nowhere"'), "/legal/en/privacy/#nowhere points to an anchor that does not exist"],
  ])("finds %s", async (_, file, edit, message, reportedFile: string = file) => {
    const { problems } = await checkPageContract(plant(file, edit), settings);
    expect(problems).toContainEqual(expect.objectContaining({ file: `_site/${reportedFile}`, message: expect.stringContaining(message) }));
  });

  it("linkinator finds a link to a page that was not built", async () => {
    const out = plant("en/terms/index.html", (h) => h.replace('href="/legal/en/terms/"', 'href="/legal/en/gone/"'));
    const { problems } = await checkLinks(out, "/legal/", "https://legal.fixture.example/legal/");
    expect(problems).toEqual([expect.objectContaining({ file: "_site/en/terms/index.html", message: expect.stringContaining("/legal/en/gone/") })]);
  });

  it("compareFolders reports a file that differs between two builds", () => {
    const out = plant("en/index.html", (h) => `${h}<!-- ${Date.now()} -->`);
    expect(compareFolders(path.join(root, "_site"), out)).toEqual(["en/index.html"]);
  });
});
