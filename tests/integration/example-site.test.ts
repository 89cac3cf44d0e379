import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { loadSite } from "../../src/content/load-site.ts";
import type { Site } from "../../src/model/site.ts";
import { LOCK_FILE, readPublishedLock, staleLockProblems } from "../../src/content/published-lock.ts";
import { readPage, removeDir, REPO } from "../support/sites.ts";

/** The example in content/ is what a new user sees first: it must build and show every feature. */
const BUILD_DATE = "2026-11-22";
let out: string;
let site: Site;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), "codicil-example-"));
  const result = await buildSite({ root: REPO, outDir: out, buildDate: BUILD_DATE, recordPublished: false });
  expect(result.problems).toEqual([]);
  expect(result.built).toBe(true);
  const { loaded } = await loadSite({ root: REPO, buildDate: BUILD_DATE });
  site = loaded?.site as Site;
});
afterAll(() => removeDir(out));

describe("the example site", () => {
  it("has at least three documents in at least three languages, one right-to-left and one regional", () => {
    expect(site.documents.length).toBeGreaterThanOrEqual(3);
    const codes = site.settings.locales.map((l) => l.code);
    expect(codes.length).toBeGreaterThanOrEqual(3);
    expect(site.settings.locales.some((l) => l.dir === "rtl")).toBe(true);
    expect(codes.some((c) => c.includes("-"))).toBe(true);
  });

  it("has a document with four versions, one of them upcoming", () => {
    const privacy = site.documents.find((d) => d.versions.length >= 4);
    expect(privacy?.versions.map((v) => v.status)).toContain("upcoming");
    expect(privacy?.versions.filter((v) => v.status === "current")).toHaveLength(1);
  });

  it("shows a dated cookie change: a cookie retired or added between two versions of the cookie policy, each table as of its version", () => {
    const dated = site.cookies?.cookies.find((cookie) => cookie.since !== undefined || cookie.until !== undefined);
    expect(dated, "an entry with since or until in content/cookies.yaml").toBeDefined();
    const change = (dated?.until ?? dated?.since) as string;
    const policy = site.documents.find((d) => d.slug === "cookies");
    const before = policy?.versions.filter((v) => v.effective < change).at(-1);
    const after = policy?.versions.find((v) => v.effective >= change);
    expect([before?.effective, after?.effective], `versions of the cookie policy on both sides of ${change}`).not.toContain(undefined);
    const names = (date: string) => readPage(out, `en/cookies/${date}/`)("table tbody code").toArray().map((c) => readPage(out, `en/cookies/${date}/`)(c).text());
    const name = dated?.names[0] as string;
    // Retired: listed by the version before, not by the one after; added: the other way round.
    expect(names(before?.updated as string).includes(name)).toBe(dated?.until !== undefined);
    expect(names(after?.updated as string).includes(name)).toBe(dated?.until === undefined);
  });

  it("shows a stale translation with its notice", () => {
    const stale = site.settings.locales.flatMap((l) =>
      site.documents.filter((d) => {
        const landing = d.landingIndex[l.code];
        return l.code !== site.settings.defaultLocale && landing !== undefined && d.currentIndex !== undefined && landing < d.currentIndex;
      }).map((d) => `${l.code}/${d.slug}/`),
    );
    expect(stale.length).toBeGreaterThan(0);
    for (const page of stale) expect(readPage(out, page)(".notice-stale").length, page).toBe(1);
  });

  it("has every version address recorded in the committed lock file, with current fingerprints", async () => {
    const { loaded } = await loadSite({ root: REPO, buildDate: BUILD_DATE });
    const lock = JSON.parse(readFileSync(path.join(REPO, LOCK_FILE), "utf8")) as { urls: Record<string, unknown> };
    expect(loaded?.publishedTexts.map((t) => t.url)).toEqual(Object.keys(lock.urls));
    const { lock: read } = await readPublishedLock(REPO);
    expect(staleLockProblems(read, loaded?.publishedTexts ?? [])).toEqual([]);
  });

  it("shows its one recorded correction on the page, in the history and in the lock", () => {
    const corrected = readPage(out, "en/privacy/2026-11-02/")(".document-corrections li");
    expect(corrected.length).toBe(1);
    expect(corrected.text()).toMatch(/^November 20, 2026: The link to our Terms of Service/);
    expect(readPage(out, "en/privacy/history/")(".history-entry .corrections li").length).toBe(1);
    // In a language that has not translated the version, the history shows the note in its own.
    expect(readPage(out, "pt-BR/privacy/history/")(".history-entry .corrections li span").attr("lang")).toBe("en");
    const lock = JSON.parse(readFileSync(path.join(REPO, LOCK_FILE), "utf8")) as { urls: Record<string, { corrected?: string }> };
    expect(Object.entries(lock.urls).filter(([, e]) => e.corrected).map(([url, e]) => [url, e.corrected])).toEqual([["/en/privacy/2026-11-02/", "2026-11-20"]]);
  });

  it("shows version 2.0's changes as a lawyer reads them: the table as a table, the rewritten sentence word by word, the new link written out", () => {
    const $ = readPage(out, "en/privacy/2025-05-01/changes/");
    const section = (heading: string) => $(".changes-section").filter((_, el) => $(el).find("h2").text().startsWith(heading));
    const table = section("Why we use your data").find("table");
    expect(table.find('thead th[scope="col"]').toArray().map((th) => $(th).text())).toEqual(["Purpose", "Data used", "Legal basis (GDPR)"]);
    const added = table.find("tr.changes-row-inserted");
    expect(added.find('th[scope="row"]').text()).toBe("Row added: [added: Fixing crashes]");
    expect(table.find("tbody tr").length).toBe(5);
    const website = section("Our website");
    expect(website.find("p").first().text()).toBe(
      "Our website uses no analytics or advertising tools. It sets [removed: one cookie to keep you signed in to][added: only] the [removed: account area and one to remember your language][added: few cookies it needs, which our Cookie Policy describes].",
    );
    expect(website.find(".changes-targets li").text()).toBe("Link added: [added: /en/cookies/]");
    expect($(".changes-summary").text()).toContain("Link addresses, image sources and anchors added, removed or changed: 1");
  });

  it("renders the right-to-left pages with dir=rtl", () => {
    const rtl = site.settings.locales.find((l) => l.dir === "rtl");
    expect(readPage(out, `${rtl?.code}/`)("html").attr("dir")).toBe("rtl");
  });
});
