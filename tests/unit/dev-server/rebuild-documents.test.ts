import { describe, expect, it } from "vitest";
import { pagesOfChangedLanguages } from "../../../src/dev-server/rebuild-documents.ts";

const pages = [{ locale: "en" }, { locale: "de" }, { locale: "ar" }, { kind: "sitemap" }, { kind: "versionsIndex" }];
const written = new Map([
  ["en", "e1"],
  ["de", "d1"],
  ["ar", "a1"],
]);

describe("pagesOfChangedLanguages", () => {
  it.each([
    { case: "one language's files changed", now: [["en", "e2"], ["de", "d1"], ["ar", "a1"]], expected: ["en", undefined] },
    { case: "two languages changed", now: [["en", "e1"], ["de", "d2"], ["ar", "a2"]], expected: ["de", "ar", undefined] },
    { case: "nothing changed", now: [["en", "e1"], ["de", "d1"], ["ar", "a1"]], expected: [] },
    { case: "a language newly has files", now: [["en", "e1"], ["de", "d1"], ["ar", "a1"], ["fr", "f1"]], expected: [] },
    { case: "a language lost its files", now: [["en", "e1"], ["de", "d1"]], expected: ["ar", undefined] },
  ])("$case", ({ now, expected }) => {
    const result = pagesOfChangedLanguages(pages, new Map(now as [string, string][]), written);
    // versions.json, which gives each file's SHA-256, goes with any changed language.
    expect(result.map((p) => p.locale)).toEqual(expected);
    if (expected.length > 0) expect(result.at(-1)).toEqual({ kind: "versionsIndex" });
  });

  it("writes every page, site-wide ones included, when either side has no fingerprints", () => {
    expect(pagesOfChangedLanguages(pages, undefined, written)).toEqual(pages);
    expect(pagesOfChangedLanguages(pages, written, undefined)).toEqual(pages);
  });
});
