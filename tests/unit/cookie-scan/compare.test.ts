import { describe, expect, it } from "vitest";
import { compareWithRegistry, entriesInForce, judgeCookie, type RegistryEntry, type SeenCookie } from "../../../src/cookie-scan/compare.ts";
import { observedLifetime } from "../../../src/cookie-scan/lifetime.ts";
import { parseDuration } from "../../../src/rules/cookie-duration.ts";

const SEEN_AT = Date.UTC(2026, 0, 15, 12);
const DAY = 86_400;

function duration(text: string) {
  const parsed = parseDuration(text);
  if (!("duration" in parsed)) throw new Error(parsed.problem);
  return parsed.duration;
}

function entry(names: string[], party: "first" | "third", written: string, extra: Partial<RegistryEntry> = {}): RegistryEntry {
  return { service: "Shop", names, party, duration: duration(written), category: "necessary", ...extra };
}

/** `lives`: seconds from when it was seen, or "session". */
function seen(name: string, party: "first" | "third", lives: number | "session", domain = party === "first" ? "shop.example" : "tracker.example"): SeenCookie {
  return {
    name,
    domain,
    party,
    lifetime: observedLifetime(lives === "session" ? undefined : SEEN_AT / 1000 + lives, SEEN_AT),
    seenAtMs: SEEN_AT,
    firstPage: "https://shop.example/",
  };
}

describe("judgeCookie: one seen cookie against the registry", () => {
  const registry = [
    entry(["sid"], "first", "session"),
    entry(["lang"], "first", "P1Y"),
    entry(["_ga", "_ga_*"], "first", "P2Y", { service: "Google Analytics" }),
    entry(["_ga_SPECIAL"], "first", "P1D"),
    entry(["px"], "third", "P30D"),
    entry(["short"], "first", "PT30M"),
    entry(["month"], "first", "P1M"),
  ];
  const cases: [string, SeenCookie, string | undefined][] = [
    ["a session cookie declared session", seen("sid", "first", "session"), undefined],
    ["a persistent cookie declared session lives longer", seen("sid", "first", 3600), "lives-longer"],
    ["a session cookie declared with a period is not longer", seen("lang", "first", "session"), undefined],
    ["exactly the declared year", seen("lang", "first", 365 * DAY), undefined],
    ["a year and a day, within the one-day tolerance", seen("lang", "first", 366 * DAY), undefined],
    ["a year and two days", seen("lang", "first", 367 * DAY), "lives-longer"],
    ["P1M from 15 January is 31 days", seen("month", "first", 31 * DAY), undefined],
    ["P1M from 15 January is not 33 days", seen("month", "first", 33 * DAY), "lives-longer"],
    ["30 minutes declared, 31 seen (one minute's tolerance)", seen("short", "first", 31 * 60), undefined],
    ["30 minutes declared, 32 seen", seen("short", "first", 32 * 60), "lives-longer"],
    ["a name matching a pattern", seen("_ga_K2X9", "first", 400 * DAY), undefined],
    ["a pattern needs at least one character", seen("_ga_", "first", DAY), "undeclared"],
    ["a name written out wins over the pattern", seen("_ga_SPECIAL", "first", 400 * DAY), "lives-longer"],
    ["names are case-sensitive", seen("SID", "first", "session"), "undeclared"],
    ["not in the registry", seen("other", "first", "session"), "undeclared"],
    ["declared first party, set by another site", seen("lang", "third", DAY), "party-differs"],
    ["declared third party, set by the site", seen("px", "first", DAY), "party-differs"],
    ["third party as declared", seen("px", "third", 30 * DAY), undefined],
  ];
  it.each(cases)("%s", (_, cookie, kind) => {
    expect(judgeCookie(cookie, registry)?.kind).toBe(kind);
  });

  it("accepts a cookie that one of several entries with its name declares as seen", () => {
    const two = [entry(["id"], "first", "P1D"), entry(["id"], "first", "P1Y", { service: "Other" })];
    expect(judgeCookie(seen("id", "first", 200 * DAY), two)).toBeUndefined();
  });
});

describe("compareWithRegistry", () => {
  it("reports declared names and patterns that no cookie matched as notes, after the errors", () => {
    const registry = [entry(["a", "b"], "first", "P1D"), entry(["_pk_*"], "third", "P13M")];
    const findings = compareWithRegistry([seen("a", "first", DAY), seen("c", "first", "session")], registry);
    expect(findings.map((f) => [f.kind, "name" in f ? f.name : f.cookie.name])).toEqual([
      ["undeclared", "c"],
      ["declared-not-seen", "b"],
      ["declared-not-seen", "_pk_*"],
    ]);
  });
});

describe("entriesInForce: the entries that apply on a date", () => {
  const registry = [
    entry(["always"], "first", "P1D"),
    entry(["from"], "first", "P1D", { since: "2026-03-01" }),
    entry(["gone"], "first", "P1D", { until: "2026-03-01" }),
    entry(["window"], "first", "P1D", { since: "2026-01-01", until: "2026-02-01" }),
  ];
  const cases: [string, string[]][] = [
    ["2025-12-31", ["always", "gone"]],
    ["2026-01-01", ["always", "gone", "window"]],
    ["2026-02-01", ["always", "gone"]],
    ["2026-03-01", ["always", "from"]],
  ];
  it.each(cases)("on %s", (date, names) => {
    expect(entriesInForce(registry, date).flatMap((e) => e.names)).toEqual(names);
  });
});
