import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCookieDatabase } from "../../src/cookie-scan/open-cookie-database.ts";
import { scanCookies, type ScanReport } from "../../src/cookie-scan/scan.ts";
import { FIXTURE_COOKIES, startCookieWebsite, type CookieWebsite } from "../support/cookie-website.ts";
import { copyFixture, FIXTURES, removeDir, runCliAsync } from "../support/sites.ts";

/**
 * The scanner against a real website served on the loopback (tests/support/cookie-website.ts) in
 * Debian's Chromium, with the registry of a copy of tests/fixtures/cookies.
 */
const TODAY = "2026-01-15";
const REGISTRY = "content/cookies.yaml";
let website: CookieWebsite;
const roots: string[] = [];

function siteWithRegistry(yaml: string): string {
  const root = copyFixture("cookies");
  roots.push(root);
  writeFileSync(path.join(root, REGISTRY), yaml);
  return root;
}

beforeAll(async () => {
  website = await startCookieWebsite();
});
afterAll(async () => {
  await website.close();
  roots.forEach(removeDir);
});

/** The registry that declares exactly what the fixture sets, the wildcard name as a pattern. */
const MATCHING_REGISTRY = `cookies:
  - service: Cookie Fixture
    names: [fx_session]
    category: necessary
    party: first
    duration: session
    purpose: { en: Keeps the visit together. }
  - service: Cookie Fixture
    names: [fx_lang]
    category: functional
    party: first
    duration: P1Y
    purpose: { en: Remembers the language. }
  - service: Fixture Analytics
    names: [_fx_ga_*]
    category: analytics
    party: first
    duration: P90D
    purpose: { en: Counts visits. }
  - service: Cookie Fixture
    names: [fx_script]
    category: functional
    party: first
    duration: PT1H
    purpose: { en: Set by a script. }
  - service: Cookie Fixture
    names: [fx_consent]
    category: necessary
    party: first
    duration: P6M
    purpose: { en: Remembers the consent. }
  - service: Pixel Co
    names: [fx_pixel]
    category: marketing
    party: third
    duration: P30D
    purpose: { en: Follows visits across sites. }
    policy: https://pixel.example/privacy
`;

describe("a scan with an empty registry, a consent click and the Open Cookie Database", () => {
  let root: string;
  let report: ScanReport;

  beforeAll(async () => {
    root = siteWithRegistry("cookies: []\n");
    const csv = path.join(FIXTURES, "cookie-scan/open-cookie-database.csv");
    const { database } = readCookieDatabase(readFileSync(csv, "utf8"), csv);
    const scanned = await scanCookies({ root, startUrl: `${website.origin}/`, clickSelector: "#accept", date: TODAY, pageTimeoutMs: 10_000, ...(database && { database }) });
    expect(scanned.problems).toEqual([]);
    report = scanned.report!;
  });

  it("lists exactly the cookies the fixture sets, with party, domain and lifetime", () => {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(report.cookies.map(({ name, party, lifetime }) => ({ name, party, lifetime })).sort(byName)).toEqual([...FIXTURE_COOKIES].sort(byName));
    const host = new URL(website.origin).hostname;
    expect(Object.fromEntries(report.cookies.map((c) => [c.name, c.domain]))).toEqual({
      fx_session: host,
      fx_lang: host,
      _fx_ga_K2X9: host,
      fx_script: host,
      fx_consent: host,
      fx_pixel: "localhost",
    });
    expect(report.site).toBe("127.0.0.1");
  });

  it("says where each cookie first appeared: the consent cookie only after the click", () => {
    const first = Object.fromEntries(report.cookies.map((c) => [c.name, c.firstPage]));
    expect(first.fx_pixel).toBe(`${website.origin}/`);
    expect(first.fx_consent).toBe(`${website.origin}/ (after clicking #accept)`);
    expect(report.click).toEqual({ selector: "#accept", clicked: true });
  });

  it("reports web storage keys separately from cookies", () => {
    expect(report.storage).toEqual([{ area: "localStorage", origin: website.origin, key: "fx_basket", firstPage: `${website.origin}/` }]);
  });

  it("visits the site's pages breadth-first, records a redirect to another site without following it, and never submits the form", () => {
    expect(report.pages).toEqual([
      { url: `${website.origin}/`, outcome: "visited" },
      { url: `${website.origin}/about`, outcome: "visited" },
      { url: `${website.origin}/redirect-away`, outcome: "left-site", note: `redirects to ${website.otherOrigin}/landing, which is not on 127.0.0.1: not followed` },
      { url: `${website.origin}/contact`, outcome: "visited" },
    ]);
    const other = new URL(website.otherOrigin).host;
    expect(website.requests.filter((r) => r.includes(other))).toEqual([`GET ${other} /pixel.gif`]);
    expect(website.requests.some((r) => r.startsWith("POST") || r.includes("/submit"))).toBe(false);
  });

  it("finds every cookie undeclared, and fills the stubs of known ones from the database", () => {
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.kind)).toEqual(Array(6).fill("undeclared"));
    expect(report.stubs.find((s) => s.names.includes("fx_pixel"))).toEqual({
      service: "Pixel Co",
      names: ["fx_pixel"],
      category: "marketing",
      party: "third",
      duration: "P30D",
      purpose: { en: "Recognises a browser across the sites that show Pixel Co's ads." },
      policy: "https://pixel.example/privacy",
    });
    expect(report.stubs.find((s) => s.service === "Fixture Analytics")).toMatchObject({ names: ["_fx_ga_*"], category: "analytics", duration: "P90D" });
    expect(report.stubs.find((s) => s.names.includes("fx_session"))).toMatchObject({ service: "Cookie Fixture", purpose: { en: expect.stringMatching(/^TODO/) } });
  });

  it("prints stubs that npm run check accepts once pasted into cookies.yaml", async () => {
    writeFileSync(path.join(root, REGISTRY), `cookies:\n${report.stubsYaml}\n`);
    const check = await runCliAsync(["check", "--root", root]);
    expect(check.stderr).not.toMatch(/^content\/cookies\.yaml:\d+: (?!warning)/m);
    expect(check.status).toBe(0);
  });
});

describe("the command line", () => {
  it("exits 0 and writes the JSON report when the registry declares what the site sets", async () => {
    const root = siteWithRegistry(MATCHING_REGISTRY);
    const json = path.join(root, "scan.json");
    const run = await runCliAsync(["scan-cookies", `${website.origin}/`, "--click", "#accept", "--root", root, "--json", json]);
    expect(run.stdout).toContain("The registry matches what the site sets.");
    expect(run.status).toBe(0);
    const written = JSON.parse(readFileSync(json, "utf8")) as ScanReport;
    expect(written.ok).toBe(true);
    expect(written.findings).toEqual([]);
    expect(written.cookies).toHaveLength(FIXTURE_COOKIES.length);
  });

  it("exits 1 on an invalid registry, with its problems as file:line, before opening the site", async () => {
    const root = siteWithRegistry("cookies:\n  - service: Shop\n    names: [a]\n    category: tasty\n    party: first\n    duration: P1Q\n    purpose: { en: x }\n");
    const before = website.requests.length;
    const run = await runCliAsync(["scan-cookies", `${website.origin}/`, "--root", root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^content\/cookies\.yaml:4: .*category/m);
    expect(run.stderr).toMatch(/^content\/cookies\.yaml:6: .*P1Q/m);
    expect(website.requests.length).toBe(before);
  });

  const root = () => siteWithRegistry("cookies: []\n");
  const badInput: [string, () => Promise<string[]>, RegExp][] = [
    ["a scheme other than http(s)", () => Promise.resolve(["ftp://127.0.0.1/"]), /ftp: address; the scan opens only http:\/\/ and https:\/\//],
    ["no address", () => Promise.resolve([]), /needs the address of the site/],
    ["a bad page count", () => Promise.resolve([`${website.origin}/`, "--pages", "0"]), /--pages takes a whole number/],
    ["a file that is not the Open Cookie Database", () => Promise.resolve([`${website.origin}/`, "--cookie-database", path.join(FIXTURES, "cookies/content/site.yaml")]), /is not the Open Cookie Database's CSV/],
    ["an unreachable address", () => closedPortUrl().then((url) => [url]), /could not be opened: .*ERR_CONNECTION_REFUSED.*Check the address/],
  ];
  it.each(badInput)("exits 2 with a clear message on %s", async (_, args, message) => {
    const run = await runCliAsync(["scan-cookies", ...(await args()), "--root", root()]);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
  });

  it("says what to install when Chromium is missing", async () => {
    const run = await runCliAsync(["scan-cookies", `${website.origin}/`, "--root", root()], { CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(run.stderr).toContain("needs Chromium at /nonexistent/chromium: install it (Debian and Ubuntu: sudo apt-get install chromium)");
    expect(run.status).toBe(2);
  });
});

describe("a registry that does not match", () => {
  it("reports the undeclared, the longer-lived, the wrong party, and the declared but not seen", async () => {
    const registry = MATCHING_REGISTRY.replace("duration: P1Y", "duration: P6M")
      .replace("    names: [fx_pixel]\n    category: marketing\n    party: third", "    names: [fx_pixel]\n    category: marketing\n    party: first")
      .replace("    names: [fx_script]", "    names: [fx_scripted]");
    const root = siteWithRegistry(registry);
    // Without the click, the consent cookie is never set; two pages of the site's four.
    const { report } = await scanCookies({ root, startUrl: `${website.origin}/`, maxPages: 2, date: TODAY, pageTimeoutMs: 10_000 });
    expect(report?.findings.map((f) => [f.kind, f.severity, f.line, f.message.split(":")[1]?.trim().split(" ")[0]])).toEqual([
      ["lives-longer", "error", 9, "fx_lang"],
      ["party-differs", "error", 33, "fx_pixel"],
      ["undeclared", "error", 1, "fx_script"],
      ["declared-not-seen", "note", 21, "fx_scripted"],
      ["declared-not-seen", "note", 27, "fx_consent"],
    ]);
    expect(report?.pages.map((p) => p.url)).toEqual([`${website.origin}/`, `${website.origin}/about`]);
    expect(report?.notVisited).toEqual([`${website.origin}/redirect-away`, `${website.origin}/contact`]);
    expect(report?.ok).toBe(false);
  });
});

describe("a page that never finishes loading", () => {
  it.each([
    ["a response that never ends", "/slow"],
    ["a script that never ends", "/busy"],
  ])("%s is given up after the per-page timeout, and the scan ends", async (_, pathname) => {
    const root = siteWithRegistry("cookies: []\n");
    const { report } = await scanCookies({ root, startUrl: `${website.origin}${pathname}`, date: TODAY, pageTimeoutMs: 1_500 });
    expect(report?.pages).toEqual([{ url: `${website.origin}${pathname}`, outcome: "timed-out", note: "did not finish loading within 1.5 s; what it set until then is recorded" }]);
  });
});

describe("a click that would submit a form", () => {
  it("is refused: the form's request never reaches the site", async () => {
    const root = siteWithRegistry("cookies: []\n");
    const { report } = await scanCookies({ root, startUrl: `${website.origin}/`, clickSelector: "form button[type=submit]", maxPages: 1, date: TODAY, pageTimeoutMs: 10_000 });
    expect(report?.click).toEqual({ selector: "form button[type=submit]", clicked: true });
    expect(website.requests.filter((r) => r.startsWith("POST") || r.includes("/submit"))).toEqual([]);
    expect(report?.pages).toEqual([{ url: `${website.origin}/`, outcome: "visited" }]);
  });
});

/** An address on the loopback where nothing listens any more. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}
