import { describe, expect, it } from "vitest";
import { AA_TEXT_CONTRAST, contrastRatio, formatRatio, parseHexColour } from "../../../src/rules/contrast.ts";

describe("contrastRatio (WCAG 2 relative luminance)", () => {
  // Ratios as the WebAIM contrast checker and the WCAG 2 examples give them, to two decimals.
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    ["#767676", "#ffffff", 4.54],
    ["#777777", "#ffffff", 4.48],
    ["#0000ff", "#ffffff", 8.59],
    ["#ff0000", "#ffffff", 4],
    ["#008000", "#ffffff", 5.14],
    ["#7fb2ff", "#ffffff", 2.16],
    ["#0b57a4", "#15181c", 2.47],
    ["#f00", "#fff", 4],
    ["#FFFFFF", "#808080", 3.95],
  ])("%s on %s is %s:1", (foreground, background, expected) => {
    expect(contrastRatio(foreground, background)).toBeCloseTo(expected, 2);
    expect(contrastRatio(background, foreground)).toBeCloseTo(expected, 2);
  });

  it("puts the WCAG AA line between #777777 and #767676 on white", () => {
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(AA_TEXT_CONTRAST);
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
  });
});

describe("parseHexColour", () => {
  it.each([
    ["#0a5e73", [10, 94, 115]],
    ["#05A", [0, 85, 170]],
    ["0a5e73", undefined],
    ["#0a5e7", undefined],
    ["#0a5e73ff", undefined],
    ["red", undefined],
  ])("%s → %j", (hex, channels) => {
    expect(parseHexColour(hex)).toEqual(channels);
  });
});

describe("formatRatio", () => {
  it.each([
    [21, "21.0:1"],
    [4.4999, "4.4:1"],
    [4.5, "4.5:1"],
    [2.1617, "2.1:1"],
  ])("%s → %s (never rounded up past the minimum)", (ratio, text) => {
    expect(formatRatio(ratio)).toBe(text);
  });
});
