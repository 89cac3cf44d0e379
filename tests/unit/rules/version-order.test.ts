import { describe, expect, it } from "vitest";
import { compareLabels, inForceInLanguage, inForcePeriod, isStaleTranslation, LABEL_PATTERN, landingIndex, versionStatuses, type InForcePeriod, type VersionStatus } from "../../../src/rules/version-order.ts";

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

describe("inForcePeriod: when a version was in force", () => {
  const v = (status: VersionStatus, updated: string, effective = updated) => ({ status, updated, effective });
  const history = [v("older", "2016-02-01", "2016-02-08"), v("older", "2024-05-01", "2024-06-10"), v("current", "2025-01-01", "2025-02-01"), v("upcoming", "2026-01-01", "2026-03-01")];
  it.each<[string, number, InForcePeriod]>([
    ["an earlier version: from its effective date until the next took effect", 0, { kind: "ended", from: "2016-02-08", until: "2024-06-10" }],
    ["the one before the current ends when the current took effect", 1, { kind: "ended", from: "2024-06-10", until: "2025-02-01" }],
    ["the current one: since its effective date", 2, { kind: "current", since: "2025-02-01" }],
    ["an upcoming one: from its effective date", 3, { kind: "upcoming", from: "2026-03-01" }],
  ])("%s", (_, index, expected) => {
    expect(inForcePeriod(history, index)).toEqual(expected);
  });

  it("a version replaced on the day it was to take effect was never in force", () => {
    expect(inForcePeriod([v("older", "2024-01-01", "2024-03-01"), v("current", "2024-02-01", "2024-03-01")], 0)).toEqual({ kind: "never", replacedOn: "2024-03-01" });
  });

  it("ends at the earliest later effective date, even out of order", () => {
    expect(inForcePeriod([v("older", "2020-01-01"), v("older", "2021-01-01", "2022-01-01"), v("current", "2021-06-01", "2021-07-01")], 0)).toEqual({
      kind: "ended",
      from: "2020-01-01",
      until: "2021-07-01",
    });
  });
});

describe("inForceInLanguage: what a language's earlier versions are compared with", () => {
  it.each<[string, number[], VersionStatus[], number | undefined]>([
    ["the current version when the language has it", [0, 1, 2], ["older", "older", "current"], 2],
    ["a lagging translation: its newest version in effect", [0, 1], ["older", "older", "current"], 1],
    ["never an upcoming version", [0, 1, 2], ["older", "current", "upcoming"], 1],
    ["a language with only upcoming versions has none in force", [2], ["older", "current", "upcoming"], undefined],
    ["no version at all", [], ["current"], undefined],
  ])("%s", (_, available, statuses, expected) => {
    expect(inForceInLanguage(available, statuses)).toBe(expected);
  });
});
