import { describe, expect, it } from "vitest";
import { closestWord, editDistance, nearestWords } from "../../../src/rules/edit-distance.ts";

describe("editDistance counts the edits between two words, a swap of neighbours as one", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["abc", "", 3],
    ["effective", "effective", 0],
    ["efective", "effective", 1],
    ["sumamry", "summary", 1],
    ["ca", "abc", 3],
    ["kitten", "sitting", 3],
    ["updatd", "updated", 1],
    ["titel", "title", 1],
  ])("%j → %j: %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closestWord names the key an editor most likely meant, or nothing", () => {
  const FRONT_MATTER = ["title", "version", "updated", "effective", "summary", "description", "latestVersion", "layout"];
  it.each([
    ["efective", "effective"],
    ["Effective", "effective"],
    ["sumary", "summary"],
    ["latestversion", "latestVersion"],
    ["latest", "latestVersion"],
    ["titel", "title"],
    ["descripton", "description"],
    ["author", undefined],
    ["x", undefined],
    ["tags", undefined],
  ])("%j → %j", (typed, meant) => {
    expect(closestWord(typed, FRONT_MATTER)).toBe(meant);
  });

  it("prefers the nearest of two candidates", () => {
    expect(closestWord("sinc", ["since", "until", "service"])).toBe("since");
    expect(closestWord("untill", ["since", "until"])).toBe("until");
  });
});

describe("nearestWords", () => {
  const LOCALES = ["en-US", "en-GB", "de", "fr", "es-ES", "es-MX", "pt-BR", "pt-PT", "zh-CN", "zh-TW"];
  it.each([
    ["en-us", 3, ["en-US"]],
    ["en-GX", 3, ["en-GB"]],
    ["pt-br", 1, ["pt-BR"]],
    ["zh-CX", 3, ["zh-CN"]],
    ["zh-xx", 3, []],
    ["media", 3, []],
    ["firefox-privacy-notice", 3, []],
  ])("%s (at most %i) → %j", (typed, max, expected) => {
    expect(nearestWords(typed, LOCALES, max)).toEqual(expected);
  });

  it("finds a document folder by its spelling", () => {
    expect(nearestWords("firefox-privacy-notice", ["terms", "firefox_privacy_notice", "websites_privacy_notice"], 3)).toEqual(["firefox_privacy_notice"]);
  });
});
