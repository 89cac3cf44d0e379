import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSite } from "../../../src/content/load-site.ts";
import { nextLabel, startNewVersion } from "../../../src/commands/new-version.ts";
import { formatLanguageStatus, formatStatusTable, languageStatus, translationStatus } from "../../../src/commands/translation-status.ts";
import { copyFixture, removeDir, runCliAsync } from "../../support/sites.ts";

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));
const fixture = () => {
  const root = copyFixture("multilingual");
  roots.push(root);
  return root;
};

describe("nextLabel", () => {
  it.each([
    ["1", "2"],
    ["2.1", "2.2"],
    ["1.9", "1.10"],
    ["10.1.9", "10.1.10"],
  ])("%s → %s", (label, next) => expect(nextLabel(label)).toBe(next));
});

describe("startNewVersion", () => {
  it("says on the command line which day the new version takes effect", async () => {
    const root = fixture();
    const defaulted = await runCliAsync(["new-version", "privacy", "--root", root, "--date", "2026-02-01"]);
    expect(defaulted.status, defaulted.stderr).toBe(0);
    expect(defaulted.stderr).toContain(
      "Version 10.2 (updated 2026-02-01) takes effect on 2026-02-01, its date (pass --effective YYYY-MM-DD for a later day); started in content/privacy/en.md",
    );
    // A fresh site: the first new version, left unedited, is an error that stops new-version.
    const later = await runCliAsync(["new-version", "terms", "--root", fixture(), "--date", "2026-02-01", "--effective", "2026-04-01"]);
    expect(later.status, later.stderr).toBe(0);
    expect(later.stderr).toMatch(/Version \S+ \(updated 2026-02-01\) takes effect on 2026-04-01; started in content\/terms\/en\.md/);
  });

  it("archives every language's newest file and starts the next version from the default language", async () => {
    const root = fixture();
    const result = await startNewVersion({ root, slug: "privacy", date: "2026-02-01", effective: "2026-03-01" });
    expect(result.problems).toEqual([]);
    expect(result.created?.label).toBe("10.2");
    expect([result.created?.previousLabel, result.created?.date, result.created?.effective]).toEqual(["10.1", "2026-02-01", "2026-03-01"]);
    expect(result.created?.archived).toEqual([
      ["content/privacy/pt-BR.md", "content/privacy/versions/2024-01-01/pt-BR.md"],
      ["content/privacy/en.md", "content/privacy/versions/2025-06-01/en.md"],
      ["content/privacy/de.md", "content/privacy/versions/2025-06-01/de.md"],
    ]);
    const text = readFileSync(path.join(root, "content/privacy/en.md"), "utf8");
    expect(text).toMatch(/^---\ntitle: "Privacy Policy"\nversion: "10.2"\nupdated: 2026-02-01\neffective: 2026-03-01\n/);
    expect(text).not.toContain("summary:");
    expect(text).toContain("Version 10.1 text in en.");
    expect(existsSync(path.join(root, "content/privacy/de.md"))).toBe(false);

    // Unedited, the new version is a placeholder: its text is the previous version's.
    const unedited = await loadSite({ root, buildDate: "2025-07-01" });
    expect(unedited.problems.filter((p) => p.severity === "error")).toEqual([
      expect.objectContaining({ file: "content/privacy/en.md", message: expect.stringContaining("the text is the same as in content/privacy/versions/2025-06-01/en.md (version 10.1)") }),
    ]);
    writeFileSync(path.join(root, "content/privacy/en.md"), text.replace("Version 10.1 text in en.", "Version 10.2 text in en."));

    // Edited, the result is valid content, and the translations now show as behind.
    const { loaded, problems } = await loadSite({ root, buildDate: "2025-07-01" });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(translationStatus(loaded!.site).find((r) => r.document === "privacy" && r.locale === "de")).toEqual({
      document: "privacy",
      locale: "de",
      state: "out-of-date",
      newest: "10.1",
      behind: ["10.2"],
      // The fixture's German keeps two of its three paragraphs in English.
      untranslated: { file: "content/privacy/versions/2025-06-01/de.md", paragraphs: 3, identical: 2, firstLine: 16 },
    });
  });

  it.each([
    ["an unknown document", { slug: "cookies" }, 'there is no document "cookies" (documents: privacy, terms)'],
    ["a date not after the newest version", { slug: "privacy", date: "2025-06-01" }, "must be after 2025-06-01"],
    ["a label not above the newest", { slug: "privacy", date: "2026-02-01", effective: "2026-02-01", label: "10" }, "must be greater than the newest version's 10.1"],
    ["an impossible date", { slug: "privacy", date: "2026-02-30" }, "not a date that exists"],
    ["taking effect before the version it follows", { slug: "privacy", date: "2025-08-01" }, "pass --effective 2026-01-01 or later"],
  ])("refuses %s and changes nothing", async (_, options, message) => {
    const root = fixture();
    const before = readFileSync(path.join(root, "content/privacy/en.md"), "utf8");
    const result = await startNewVersion({ root, ...options });
    expect(result.created).toBeUndefined();
    expect(result.problems).toContainEqual(expect.objectContaining({ severity: "error", message: expect.stringContaining(message) }));
    expect(readFileSync(path.join(root, "content/privacy/en.md"), "utf8")).toBe(before);
  });
});

describe("translationStatus", () => {
  it("reports each language as up to date, behind by which versions, or missing", async () => {
    const { loaded, problems } = await loadSite({ root: fixture(), buildDate: "2025-07-01" });
    const rows = translationStatus(loaded!.site);
    // check says so too, at the first paragraph still in English.
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "content/privacy/de.md", line: 16, severity: "warning", message: expect.stringMatching(/^2 of 3 paragraphs \(67 %\) are word for word as in content\/privacy\/en.md/) }),
    );
    expect(rows.map((r) => `${r.document} ${r.locale} ${r.state} ${r.newest ?? "-"} [${r.behind.join(",")}]`)).toEqual([
      // Has the newest version, but two of its three paragraphs are the English ones.
      "privacy de untranslated 10.1 []",
      "privacy ar out-of-date 10 [10.1]",
      "privacy pt-BR out-of-date 2 [10,10.1]",
      "terms de missing - [1]",
      "terms ar missing - [1]",
      "terms pt-BR missing - [1]",
    ]);
    expect(formatStatusTable(rows).split("\n").slice(1, 3)).toEqual([
      "privacy   de        untranslated  10.1                    2 of 3 paragraphs (67 %) from content/privacy/de.md:16",
      "privacy   ar        out of date   10    10.1              2 of 3 paragraphs (67 %) from content/privacy/versions/2025-01-01/ar.md:16",
    ]);
  });
});

describe("languageStatus", () => {
  it("lists per language the cookie purposes without its text and the UI strings it shows in another language", async () => {
    const root = copyFixture("cookies");
    roots.push(root);
    // Khmer: no purposes, no shipped strings; pt-BR lacks two purposes; de and ar lack Matomo's.
    const siteYaml = path.join(root, "content/site.yaml");
    writeFileSync(siteYaml, `${readFileSync(siteYaml, "utf8").trimEnd()}\n  - { code: km, name: ខ្មែរ }\n`);
    const { loaded, problems } = await loadSite({ root, buildDate: "2025-07-01" });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const rows = languageStatus(loaded!.site, loaded!.translator);
    const registryLines = readFileSync(path.join(root, "content/cookies.yaml"), "utf8").split("\n");
    const purposeLine = (n: number) => registryLines.flatMap((l, i) => (l.trim() === "purpose:" ? [i + 1] : []))[n];
    const matomo = { cookie: "Matomo (_pk_id, _pk_ses)", file: "content/cookies.yaml", line: purposeLine(2) };
    const km = rows.find((r) => r.locale === "km");
    expect(km?.missingCookiePurposes.map((c) => c.cookie)).toEqual(expect.arrayContaining(["Fixture Shop (shop_session, shop_csrf)", "Matomo (_pk_id, _pk_ses)"]));
    expect(km?.missingUiStrings).toContain("document.version");
    expect(rows.find((r) => r.locale === "ar")?.missingCookiePurposes).toContainEqual(matomo);
    expect(rows.find((r) => r.locale === "ar")?.missingUiStrings).toEqual([]);
    expect(rows.find((r) => r.locale === "pt-BR")?.missingCookiePurposes.map((c) => c.cookie)).toContain("Fixture Shop (shop_lang)");
    expect(formatLanguageStatus(rows)).toMatch(new RegExp(`^km: \\d+ cookie purposes to translate \\(content/cookies.yaml:\\d+ Fixture Shop .*; \\d+ UI strings shown in another language \\(.*add them to locales/km.json\\)$`, "m"));
  });
});
