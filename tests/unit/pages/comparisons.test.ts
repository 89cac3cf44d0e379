import { describe, expect, it } from "vitest";
import { documentPageEntries, type PageEntry } from "../../../src/pages/pages.ts";
import { siteModel } from "../../support/model.ts";

/**
 * Version 2 is the one just before version 3, in force: its compare page and version 3's changes
 * page show the same two texts, so they show one comparison, computed once.
 */
const site = siteModel({
  locales: ["en", "de"],
  buildDate: "2025-06-01",
  documents: [
    {
      slug: "privacy",
      versions: [
        { label: "1", updated: "2023-01-01", locales: ["en", "de"] },
        { label: "2", updated: "2024-01-01", locales: ["en", "de"] },
        { label: "3", updated: "2025-01-01", locales: ["en", "de"] },
      ],
    },
  ],
});

const comparisonOf = (entries: readonly PageEntry[], permalink: string) => {
  const view = entries.find((e) => e.permalink === permalink)?.view;
  if (view?.kind !== "changes" && view?.kind !== "compare") throw new Error(`no redline at ${permalink}`);
  return view.changes.comparison;
};

describe("comparisons two pages share", () => {
  it("are computed once for both pages, in either order, and not held after both took them", () => {
    const entries = documentPageEntries(site, "privacy");
    const fromCompare = comparisonOf(entries, "/en/privacy/2024-01-01/compare/index.html");
    const fromChanges = comparisonOf(entries, "/en/privacy/2025-01-01/changes/index.html");
    expect(fromChanges).toBe(fromCompare);
    // Both pages have their comparison: built again, a view compares afresh.
    expect(comparisonOf(entries, "/en/privacy/2025-01-01/changes/index.html")).not.toBe(fromChanges);
    expect(comparisonOf(entries, "/en/privacy/2025-01-01/changes/index.html")).toEqual(fromChanges);
  });

  it("are never shared across languages or pairs", () => {
    const entries = documentPageEntries(site, "privacy");
    const german = comparisonOf(entries, "/de/privacy/2025-01-01/changes/index.html");
    expect(comparisonOf(entries, "/en/privacy/2024-01-01/compare/index.html")).not.toBe(german);
    expect(comparisonOf(entries, "/de/privacy/2023-01-01/compare/index.html")).not.toBe(comparisonOf(entries, "/de/privacy/2024-01-01/compare/index.html"));
  });
});
