import { describe, expect, it } from "vitest";
import { declaredEndMs, isoDuration, observedLifetime } from "../../../src/cookie-scan/lifetime.ts";

const DAY = 86_400;

describe("isoDuration: an observed lifetime as the registry would write it", () => {
  const cases: [number, string][] = [
    [1, "PT1S"],
    [59, "PT59S"],
    [60, "PT1M"],
    [1799, "PT30M"],
    [3599, "PT1H"],
    [5400, "PT1H30M"],
    [23 * 3600, "PT23H"],
    [DAY - 1000, "P1D"],
    [30 * DAY - 5, "P30D"],
    [365 * DAY, "P1Y"],
    [366 * DAY, "P1Y"],
    [367 * DAY, "P367D"],
    [400 * DAY, "P400D"],
    [730 * DAY, "P2Y"],
  ];
  it.each(cases)("%d seconds is %s", (seconds, iso) => {
    expect(isoDuration(seconds)).toBe(iso);
  });
});

describe("observedLifetime", () => {
  it("is session without an expiry, or with Chromium's -1", () => {
    expect(observedLifetime(undefined, 0)).toEqual({ kind: "session" });
    expect(observedLifetime(-1, 0)).toEqual({ kind: "session" });
  });
  it("counts from when the cookie was seen", () => {
    expect(observedLifetime(1_000_000 + 3600, 1_000_000_000)).toEqual({ kind: "period", seconds: 3600, iso: "PT1H" });
  });
});

describe("declaredEndMs: a declared duration on the calendar", () => {
  const from = Date.UTC(2024, 0, 31);
  const cases: [string, Record<string, number>, string][] = [
    ["P1M from 31 January 2024 (a leap year)", { month: 1 }, "2024-03-02T00:00:00.000Z"],
    ["P1Y", { year: 1 }, "2025-01-31T00:00:00.000Z"],
    ["P2W", { week: 2 }, "2024-02-14T00:00:00.000Z"],
    ["PT90M", { minute: 90 }, "2024-01-31T01:30:00.000Z"],
  ];
  it.each(cases)("%s", (_, parts, end) => {
    const all = { year: 0, month: 0, week: 0, day: 0, hour: 0, minute: 0, second: 0, ...parts };
    expect(new Date(declaredEndMs(all, from)).toISOString()).toBe(end);
  });
});
