import { describe, expect, it } from "vitest";
import { buildDate, dateProblem, isIsoDate } from "../../../src/rules/dates.ts";

describe("isIsoDate", () => {
  it.each([
    ["2024-01-01", true],
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-02-30", false],
    ["2024-13-01", false],
    ["2024-1-1", false],
    ["01/02/2024", false],
    ["2024-01-01T00:00:00Z", false],
  ])("%s → %s", (value, valid) => expect(isIsoDate(value)).toBe(valid));
});

describe("dateProblem", () => {
  it.each([
    ["2024-01-01", undefined],
    ["2024-02-30", "not a date that exists in the calendar"],
    ["March 2024", "not a date in YYYY-MM-DD form"],
  ])("%s", (value, expected) => {
    const problem = dateProblem(value);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(expected);
  });
});

describe("buildDate", () => {
  const now = new Date("2026-03-04T23:30:00-05:00");
  it.each([
    ["today in UTC without SOURCE_DATE_EPOCH", {}, "2026-03-05"],
    ["SOURCE_DATE_EPOCH wins", { SOURCE_DATE_EPOCH: "1704067200" }, "2024-01-01"],
    ["the last second of a UTC day", { SOURCE_DATE_EPOCH: "1704153599" }, "2024-01-01"],
    ["an empty SOURCE_DATE_EPOCH is unset", { SOURCE_DATE_EPOCH: "" }, "2026-03-05"],
  ])("%s", (_, env, expected) => {
    expect(buildDate(env, now)).toBe(expected);
  });

  it("rejects a SOURCE_DATE_EPOCH that is not whole seconds", () => {
    expect(() => buildDate({ SOURCE_DATE_EPOCH: "2024-01-01" }, now)).toThrow(/SOURCE_DATE_EPOCH is "2024-01-01", which is not a number of seconds: set it to a whole number/);
    expect(() => buildDate({ SOURCE_DATE_EPOCH: "99999999999999999999" }, now)).toThrow(/after the year 9999/);
    expect(() => buildDate({ SOURCE_DATE_EPOCH: "-1" }, now)).toThrow(/not a number of seconds/);
    expect(buildDate({ SOURCE_DATE_EPOCH: "253402300799" }, now)).toBe("9999-12-31");
    expect(() => buildDate({ SOURCE_DATE_EPOCH: "253402300800" }, now)).toThrow(/after the year 9999/);
  });
});
