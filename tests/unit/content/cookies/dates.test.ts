import { describe, expect, it } from "vitest";
import { readYaml } from "../../../../src/content/yaml.ts";
import { parseCookieRegistry } from "../../../../src/content/cookies/parse-registry.ts";
import { cookieDatingAdvice, cookiesOn, registryStateOn } from "../../../../src/content/cookies/dates.ts";
import type { CookieRegistry } from "../../../../src/model/cookies.ts";

const FILE = "content/cookies.yaml";
const SETTINGS = { defaultLocale: "en", locales: [{ code: "en", name: "English", dir: "ltr" as const }, { code: "de", name: "Deutsch", dir: "ltr" as const }] };

/** A registry as an editor writes it: a cookie there from the start, one added, one retired, one reworded. */
const REGISTRY_YAML = `cookies:
  - service: Shop
    names: [basket]
    category: necessary
    party: first
    duration: session
    purpose: { en: Keeps the basket. }
  - service: Shop
    names: [csrf]
    category: necessary
    party: first
    duration: session
    since: 2025-06-01
    purpose: { en: Protects forms. }
  - service: Shop
    names: [theme]
    category: functional
    party: first
    duration: P1Y
    until: 2025-09-01
    purpose: { en: Remembers the theme. }
  - service: Stats
    names: [_pk_id]
    category: analytics
    party: first
    duration: P13M
    since: 2024-01-01
    until: 2026-01-01
    purposes:
      - { en: Counts visits., de: Zählt Besuche. }
      - { since: 2025-03-01, en: Counts visits without the address. }
`;

function registry(): CookieRegistry {
  const { registry: parsed, problems } = parseCookieRegistry(readYaml(REGISTRY_YAML, FILE), FILE, SETTINGS);
  if (!parsed) throw new Error(JSON.stringify(problems));
  return parsed;
}

describe("cookiesOn: a version's tables show the registry as of its effective date", () => {
  it.each([
    // date, the names set that day, the Stats purpose shown
    ["2023-12-31", ["basket", "theme"], undefined],
    ["2024-01-01", ["basket", "theme", "_pk_id"], "Counts visits."],
    ["2025-02-28", ["basket", "theme", "_pk_id"], "Counts visits."],
    ["2025-03-01", ["basket", "theme", "_pk_id"], "Counts visits without the address."],
    ["2025-05-31", ["basket", "theme", "_pk_id"], "Counts visits without the address."],
    ["2025-06-01", ["basket", "csrf", "theme", "_pk_id"], "Counts visits without the address."],
    ["2025-08-31", ["basket", "csrf", "theme", "_pk_id"], "Counts visits without the address."],
    ["2025-09-01", ["basket", "csrf", "_pk_id"], "Counts visits without the address."],
    ["2025-12-31", ["basket", "csrf", "_pk_id"], "Counts visits without the address."],
    ["2026-01-01", ["basket", "csrf"], undefined],
  ])("on %s: %j, Stats purpose %j", (date, names, statsPurpose) => {
    const set = cookiesOn(registry(), date);
    expect(set.flatMap(({ cookie }) => cookie.names)).toEqual(names);
    expect(set.find(({ cookie }) => cookie.service === "Stats")?.purpose.text.en).toBe(statsPurpose);
  });

  it("keeps each dated text's own languages and line (a missing translation is reported there)", () => {
    const stats = registry().cookies[3];
    expect(stats?.purposes.map((p) => [p.since, Object.keys(p.text), p.line])).toEqual([
      [undefined, ["en", "de"], 30],
      ["2025-03-01", ["en"], 31],
    ]);
  });
});

describe("registryStateOn: dates on which the registry reads the same share one key, and only those", () => {
  it.each([
    // two dates, whether their tables are the same
    ["2024-01-01", "2025-02-28", true],
    ["2025-02-28", "2025-03-01", false], // Stats reworded
    ["2025-03-01", "2025-05-31", true],
    ["2025-05-31", "2025-06-01", false], // csrf added
    ["2025-08-31", "2025-09-01", false], // theme retired
    ["2025-09-01", "2025-12-31", true],
    ["2025-12-31", "2026-01-01", false], // Stats retired
    ["2023-12-31", "2026-01-01", false],
  ])("%s and %s: same %s", (a, b, same) => {
    const reg = registry();
    expect(registryStateOn(reg, a) === registryStateOn(reg, b)).toBe(same);
    const names = (date: string) => JSON.stringify(cookiesOn(reg, date).map(({ cookie, purpose }) => [cookie.names, purpose.text]));
    expect(names(a) === names(b)).toBe(same);
  });
});

describe("cookieDatingAdvice says how to date the entries a published table shows", () => {
  it("points at each undated entry and undated purpose that table shows, and at removed entries", () => {
    const advice = cookieDatingAdvice(registry(), "2025-05-01", "content/cookies/versions/2025-05-01/en.md (effective 2025-05-01)");
    // csrf (since 2025-06-01) is not in that table; Stats is dated throughout; basket and theme have no since.
    expect(advice.map((p) => [p.file, p.line, p.severity, p.message])).toEqual([
      [FILE, 2, "warning", expect.stringContaining("Shop (basket) has no since: date, so the cookie table of content/cookies/versions/2025-05-01/en.md (effective 2025-05-01) shows it; if the site set it only later, add since: with the first day it did (after 2025-05-01)")],
      [FILE, 7, "warning", expect.stringContaining("the purpose of Shop (basket) is not dated, so the cookie table of content/cookies/versions/2025-05-01/en.md (effective 2025-05-01) shows its current text; if you reworded it, keep the old text and date the new one: purposes: [{ en: old text }, { since: 2025-05-02, en: new text }].")],
      [FILE, 15, "warning", expect.stringContaining("Shop (theme) has no since: date")],
      [FILE, 21, "warning", expect.stringContaining("the purpose of Shop (theme) is not dated")],
      [FILE, 1, "warning", "if you removed a cookie that content/cookies/versions/2025-05-01/en.md (effective 2025-05-01) lists, put its entry back with until: and the first day the site no longer set it, instead of deleting it."],
    ]);
  });
});
