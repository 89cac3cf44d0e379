import { describe, expect, it } from "vitest";
import { compareLabels, isStaleTranslation, LABEL_PATTERN, landingIndex, versionStatuses, type VersionStatus } from "../../../src/rules/version-order.ts";

describe("compareLabels: natural order", () => {
  it.each([
    ["1", "2", -1],
    ["2", "10", -1],
    ["1.9", "1.10", -1],
    ["2.1", "2.10", -1],
    ["2.10", "2.9", 1],
    ["3", "3", 0],
    ["3", "3.0", -1],
    ["10.1", "10", 1],
    ["1.2.3", "1.10", -1],
  ])("%s vs %s → %i", (a, b, expected) => {
    expect(Math.sign(compareLabels(a, b))).toBe(expected);
  });

  it("sorts a list of labels as a lawyer would number them", () => {
    expect(["1.10", "2", "1.9", "10", "1.2"].sort(compareLabels)).toEqual(["1.2", "1.9", "1.10", "2", "10"]);
  });
});

describe("LABEL_PATTERN", () => {
  it.each([
    ["3", true],
    ["2.1", true],
    ["2.10.3", true],
    ["v2", false],
    ["2.", false],
    ["", false],
    ["2 draft", false],
  ])("%j → %s", (label, valid) => expect(LABEL_PATTERN.test(label)).toBe(valid));
});

describe("versionStatuses", () => {
  const v = (updated: string, effective = updated) => ({ updated, effective });
  it.each<[string, { updated: string; effective: string }[], string, VersionStatus[]]>([
    ["newest in effect is current", [v("2024-01-01"), v("2025-01-01")], "2025-06-01", ["older", "current"]],
    ["in effect on the very day", [v("2024-01-01"), v("2025-01-01")], "2025-01-01", ["older", "current"]],
    ["published but not yet effective is upcoming", [v("2024-01-01"), v("2025-01-01", "2026-01-01")], "2025-06-01", ["current", "upcoming"]],
    ["two upcoming", [v("2024-01-01"), v("2025-01-01", "2026-01-01"), v("2025-02-01", "2026-02-01")], "2025-06-01", ["current", "upcoming", "upcoming"]],
    ["all upcoming: none current", [v("2030-01-01")], "2025-06-01", ["upcoming"]],
    ["single version", [v("2020-01-01")], "2025-06-01", ["current"]],
  ])("%s", (_, versions, date, expected) => {
    expect(versionStatuses(versions, date)).toEqual(expected);
  });
});

describe("landingIndex: what /<locale>/<doc>/ shows", () => {
  it.each<[string, number[], VersionStatus[], number | undefined]>([
    ["the newest version in effect that the language has", [0, 1], ["older", "current", "upcoming"], 1],
    ["a lagging translation lands on its newest", [0], ["older", "current"], 0],
    ["the upcoming one is never the landing page while one is in effect", [1, 2], ["older", "current", "upcoming"], 1],
    ["only upcoming: the first to take effect", [1, 2], ["current", "upcoming", "upcoming"], 1],
    ["no translation at all", [], ["current"], undefined],
  ])("%s", (_, available, statuses, expected) => {
    expect(landingIndex(available, statuses)).toBe(expected);
  });
});

describe("isStaleTranslation", () => {
  it.each([
    [0, 1, true],
    [1, 1, false],
    [2, 1, false],
    [0, undefined, false],
  ])("landing %i, current %s → %s", (landing, current, stale) => {
    expect(isStaleTranslation(landing, current)).toBe(stale);
  });
});
