import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSite } from "../../src/content/load-site.ts";
import type { SiteSettings } from "../../src/model/settings.ts";
import { checkLinks } from "../../src/verify/links.ts";
import { checkPageContract } from "../../src/verify/page-contract.ts";
import { compareFolders, verifySite } from "../../src/verify/verify-site.ts";
import { copyFixture, removeDir, runCliAsync } from "../support/sites.ts";

/** `npm run verify` on a fixture with a pathPrefix, then on copies of its output with defects planted. */
let root: string;
let settings: SiteSettings;
const broken: string[] = [];

beforeAll(async () => {
  root = copyFixture("multilingual");
  const report = await verifySite(root);
  expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(report.steps).toContainEqual({ name: "reproducible", status: "passed", detail: "two builds are byte-identical" });
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

describe("npm run verify when a check fails", () => {
  /** The lines of verify's summary: one per check, with its mark. */
  const checkLines = (stderr: string) => stderr.split("\n").filter((line) => /^[✔✘–] /.test(line));

  it("runs every check of the built site after a strict parity failure, and marks only the failure ✘", async () => {
    const copy = copyFixture("multilingual");
    broken.push(copy);
    // The German text drops the link its English original has: an error with --strict.
    const file = path.join(copy, "content/privacy/de.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("read the [terms](/en/terms/)", "read the terms"));
    const result = await runCliAsync(["verify", "--strict", "--root", copy]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain("content/privacy/de.md:14: has no link to /de/terms/ in this section, which content/privacy/en.md:16 has");
    const lines = checkLines(result.stderr);
    expect(lines.map((line) => line.split(":", 1)[0])).toEqual([
      "✘ content check (--strict)",
      "✔ build",
      "✔ reproducible",
      "✔ lang, dir, canonical, hreflang and anchors",
      "✔ internal links (linkinator)",
      "✔ HTML validity (Nu HTML Checker)",
    ]);
    // The summary comes last, after every problem.
    expect(result.stderr.trimEnd().split("\n").slice(-7)).toEqual([...lines, "verify failed: 1 of 6 checks failed."]);
  }, 300_000);

  it("says which checks were skipped when the build failed", async () => {
    const copy = copyFixture("multilingual");
    broken.push(copy);
    const file = path.join(copy, "content/terms/en.md");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nSee the [French text](/fr/terms/).\n`);
    const result = await runCliAsync(["verify", "--root", copy]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/content\/terms\/en\.md:\d+: the link \/fr\/terms\/ leads nowhere/);
    expect(checkLines(result.stderr)).toEqual([
      "✘ content check and build: 1 error in the content, nothing built",
      "– reproducible: skipped: the build failed",
      "– lang, dir, canonical, hreflang and anchors: skipped: the build failed",
      "– internal links (linkinator): skipped: the build failed",
      "– HTML validity (Nu HTML Checker): skipped: the build failed",
    ]);
    expect(result.stderr).toContain("verify failed: 1 of 5 checks failed, 4 skipped.");
    expect(result.stderr).not.toMatch(/✔ content check/);
  }, 300_000);
});
