import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { loadDocument } from "../../src/content/load-document.ts";
import { lineFingerprints, LOCK_FILE, type PublishedText } from "../../src/content/published-lock.ts";
import { loadSiteResources } from "../../src/content/site-resources.ts";
import { buildDocumentsInParallel } from "../../src/pipeline/parallel-documents.ts";
import { copyFixture, readPage, REPO, removeDir, runCliAsync, snapshotDir } from "../support/sites.ts";

/**
 * The legal record through the command line, on copies of tests/fixtures/bad/_base built once so
 * that published.lock.json holds their fingerprints: a recorded correction, a change only
 * Codicil's rendering made, a stale lock under CI, and `new-site`.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const EPOCH = { SOURCE_DATE_EPOCH: "1796000000" };
const OLD_VERSION = "content/privacy/versions/2024-01-01/en.md";

async function publishedSite(): Promise<string> {
  const root = copyFixture("bad/_base");
  dirs.push(root);
  const first = await runCliAsync(["build", "--root", root], EPOCH);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stderr).toContain(`${LOCK_FILE}: recorded 4 version addresses newly published.`);
  return root;
}

const lockOf = (root: string) => JSON.parse(readFileSync(path.join(root, LOCK_FILE), "utf8")) as { urls: Record<string, Record<string, unknown>> };
const sha256Of = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("the legal record", () => {
  /** bad/_base with a second document, and an old version saved with a byte order mark and CRLF line endings. */
  function twoDocumentSite(): string {
    const root = copyFixture("bad/_base");
    dirs.push(root);
    cpSync(path.join(root, "content/privacy"), path.join(root, "content/terms"), { recursive: true });
    const file = path.join(root, OLD_VERSION);
    writeFileSync(file, `\uFEFF${readFileSync(file, "utf8").replaceAll("\n", "\r\n")}`);
    return root;
  }
  const linesOf = (root: string, source: string) => lineFingerprints(readFileSync(path.join(root, source), "utf8"));

  it("takes a source's line fingerprints as it reads it, in one thread or in workers, unless the lock holds them", async () => {
    const root = twoDocumentSite();
    const known = path.join(root, "content/terms/en.md");
    const linesRecorded = new Set([sha256Of(known)]);
    const expectLines = (texts: readonly PublishedText[]) => {
      expect(texts).toHaveLength(4);
      for (const text of texts) expect(text.lines).toBe(text.source === "content/terms/en.md" ? undefined : linesOf(root, text.source));
    };
    const { resources } = await loadSiteResources({ root, buildDate: "2026-12-01", linesRecorded });
    if (!resources) throw new Error("bad/_base did not load");
    expectLines([...loadDocument(resources, "privacy").publishedTexts, ...loadDocument(resources, "terms").publishedTexts].filter((t) => t.source.startsWith("content/terms/")));
    expect(loadDocument(resources, "privacy").publishedTexts.find((t) => t.source === OLD_VERSION)?.lines).toBe(linesOf(root, OLD_VERSION));
    const inWorkers = await buildDocumentsInParallel({ root, buildDate: "2026-12-01", linesRecorded }, ["privacy", "terms"], 2, () => Promise.resolve());
    expectLines(inWorkers.documents.flatMap((d) => d.load.publishedTexts).filter((t) => t.source.startsWith("content/terms/")));
    // Without the set (check, npm start, verify's second build: nothing recorded), no lines are taken.
    const { resources: checking } = await loadSiteResources({ root, buildDate: "2026-12-01" });
    expect(checking && loadDocument(checking, "privacy").publishedTexts.map((t) => t.lines)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("records the lines of each new source as the lock's own reading of the file gives them, whichever way the site is built", async () => {
    // A byte order mark and CRLF line endings must come out as when the file is read again.
    const locks = [];
    for (const threads of [[], ["--threads", "1"], ["--threads", "2"]]) {
      const root = twoDocumentSite();
      const build = await runCliAsync(["build", "--root", root, ...threads], EPOCH);
      expect(build.status, build.stderr).toBe(0);
      const { urls } = lockOf(root);
      expect(Object.keys(urls)).toHaveLength(8);
      for (const entry of Object.values(urls)) expect(entry.lines).toBe(linesOf(root, entry.source as string));
      locks.push(readFileSync(path.join(root, LOCK_FILE), "utf8"));
    }
    expect(new Set(locks).size).toBe(1);
  });

  it("accepts a change recorded as a correction, takes its fingerprints, and shows it on the page, the history and the feed", async () => {
    const root = await publishedSite();
    const file = path.join(root, OLD_VERSION);
    const corrected = readFileSync(file, "utf8")
      .replace("updated: 2024-01-01\n", 'updated: 2024-01-01\ncorrections:\n  - { date: 2024-03-05, note: "Fixed a typo in the scope" }\n')
      .replace("applies to everyone", "applies to everybody");
    writeFileSync(file, corrected);

    const build = await runCliAsync(["build", "--root", root], EPOCH);
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toContain(`${LOCK_FILE}: recorded the correction of /en/privacy/2024-01-01/.`);
    const entry = lockOf(root).urls["/en/privacy/2024-01-01/"];
    expect(entry).toMatchObject({ sourceSha256: sha256Of(file), corrected: "2024-03-05" });

    const out = path.join(root, "_site");
    const page = readPage(out, "/en/privacy/2024-01-01/");
    expect(page(".document-corrections dd li").text()).toBe("March 5, 2024: Fixed a typo in the scope");
    expect(page(".document-corrections time").attr("datetime")).toBe("2024-03-05");
    expect(page(".document-fingerprint code").text()).toBe(sha256Of(file));
    expect(readPage(out, "/en/privacy/history/")(".history-entry").last().find("li").text()).toBe("March 5, 2024: Fixed a typo in the scope");
    const feed = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(path.join(out, "en/privacy/feed.xml"), "utf8"));
    const oldEntry = (feed.feed.entry as { id: string; updated: string; published: string; summary: string }[]).find((e) => e.id.endsWith("/en/privacy/2024-01-01/"));
    expect(oldEntry).toMatchObject({ published: "2024-01-01T00:00:00Z", updated: "2024-03-05T00:00:00Z" });
    expect(oldEntry?.summary).toContain("Corrected on March 5, 2024: Fixed a typo in the scope");
    const versions = JSON.parse(readFileSync(path.join(out, "privacy/versions.json"), "utf8"));
    const listed = versions.versions.find((v: { updated: string }) => v.updated === "2024-01-01");
    expect(listed.locales.en).toMatchObject({ sha256: sha256Of(file), corrections: [{ date: "2024-03-05", note: "Fixed a typo in the scope" }] });
    expect(listed.locales.de.sha256).toBe(sha256Of(path.join(root, "content/privacy/versions/2024-01-01/de.md")));

    // The same correction does not cover a further change: that is an error at its line.
    writeFileSync(file, corrected.replace("applies to everybody", "applies to some"));
    const again = await runCliAsync(["check", "--root", root], EPOCH);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${OLD_VERSION}:11: this line differs from the text published at /en/privacy/2024-01-01/`);
  });

  it("lists the pages whose rendering alone changed, publishes nothing until accepted, and then records it", async () => {
    const root = await publishedSite();
    // A UI string rendered inside the text (each heading's link label) stands for a change of
    // Codicil's rendering: the sources stay as they are.
    mkdirSync(path.join(root, "locales"));
    const en = JSON.parse(readFileSync(path.join(REPO, "locales/en.json"), "utf8"));
    en.document.permalink = "Section “{{heading}}”";
    writeFileSync(path.join(root, "locales/en.json"), JSON.stringify(en));
    const site = snapshotDir(path.join(root, "_site"));
    const lockBefore = readFileSync(path.join(root, LOCK_FILE), "utf8");

    const refused = await runCliAsync(["build", "--root", root], EPOCH);
    expect(refused.status).toBe(1);
    const listed = refused.stderr.split("\n").filter((line) => line.includes("changed while its source did not"));
    expect(listed.map((line) => /of (\S+) changed/.exec(line)?.[1])).toEqual(["/en/privacy/2024-01-01/", "/en/privacy/2025-01-01/"]);
    expect(listed[0]).toMatch(/^published\.lock\.json:\d+: .*npm run accept-rendering/);
    // No error names a source file: the sources did not change.
    expect(refused.stderr.split("\n").filter((line) => line.startsWith("content/") && !line.includes(": warning: "))).toEqual([]);
    expect(snapshotDir(path.join(root, "_site"))).toEqual(site);
    expect(readFileSync(path.join(root, LOCK_FILE), "utf8")).toBe(lockBefore);

    const accepted = await runCliAsync(["build", "--accept-rendering", "--root", root], EPOCH);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain(`${LOCK_FILE}: accepted the new rendering of /en/privacy/2024-01-01/.`);
    expect(accepted.stderr).toContain(`${LOCK_FILE}: accepted the new rendering of /en/privacy/2025-01-01/.`);
    const after = await runCliAsync(["build", "--root", root], EPOCH);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stderr).not.toContain(LOCK_FILE);
  });

  it("does not let --accept-rendering through a changed source", async () => {
    const root = await publishedSite();
    const file = path.join(root, OLD_VERSION);
    writeFileSync(file, readFileSync(file, "utf8").replace("applies to everyone", "applies to no one"));
    const result = await runCliAsync(["build", "--accept-rendering", "--root", root], EPOCH);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${OLD_VERSION}:9: this line differs from the text published at /en/privacy/2024-01-01/`);
  });

  it("names the registry entry whose change alters a published cookie table, and not the document", async () => {
    const root = copyFixture("cookies");
    dirs.push(root);
    const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2025, 6, 1) / 1000) };
    expect((await runCliAsync(["build", "--root", root], env)).status).toBe(0);
    const registry = path.join(root, "content/cookies.yaml");
    const text = readFileSync(registry, "utf8");
    // Matomo's duration changes (line 23 starts its entry): every table that shows it changes.
    writeFileSync(registry, text.replace("duration: P13M", "duration: P25M"));
    const result = await runCliAsync(["check", "--root", root], env);
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => /^[^ ]+:\d+: (?!warning:)/.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^content\/cookies\.yaml:23: the entry Matomo \(_pk_id, _pk_ses\) changes the cookie tables published at \/ar\/cookies\/2024-01-01\/ /);
    expect(lines[0]).toContain("/en/cookies/2025-01-01/ (content/cookies/en.md)");
    // The entry as it was: nothing to report.
    writeFileSync(registry, text);
    expect((await runCliAsync(["check", "--root", root], env)).status).toBe(0);
  });

  it("under CI=true or --ci, check fails on a lock that lacks an address or holds outdated fingerprints", async () => {
    const root = await publishedSite();
    const lockFile = path.join(root, LOCK_FILE);
    const complete = readFileSync(lockFile, "utf8");
    expect((await runCliAsync(["check", "--root", root], { ...EPOCH, CI: "true" })).status).toBe(0);

    writeFileSync(lockFile, complete.split("\n").filter((line) => !line.includes('"/de/privacy/2025-01-01/"')).join("\n"));
    const lenient = await runCliAsync(["check", "--root", root], EPOCH);
    expect(lenient.status, lenient.stderr).toBe(0);
    for (const [args, env] of [[["check", "--root", root], { ...EPOCH, CI: "true" }], [["check", "--ci", "--root", root], EPOCH]] as const) {
      const strict = await runCliAsync([...args], env);
      expect(strict.status).toBe(1);
      expect(strict.stderr).toContain(`${LOCK_FILE}:1: does not list /de/privacy/2025-01-01/ (content/privacy/de.md), which the build publishes; run npm run build and commit ${LOCK_FILE}.`);
    }

    // A lock written before fingerprints: valid for a build, stale for CI.
    const old = Object.fromEntries(Object.entries(JSON.parse(complete).urls as Record<string, { source: string }>).map(([url, e]) => [url, e.source]));
    writeFileSync(lockFile, JSON.stringify({ urls: old }, null, 2));
    const ci = await runCliAsync(["check", "--root", root], { ...EPOCH, CI: "true" });
    expect(ci.status).toBe(1);
    expect(ci.stderr).toContain(`${LOCK_FILE}:3: records /de/privacy/2024-01-01/ without fingerprints`);
    const upgrade = await runCliAsync(["build", "--root", root], EPOCH);
    expect(upgrade.stderr).toContain(`${LOCK_FILE}: brought the fingerprints of 4 version addresses up to date.`);
    expect(readFileSync(lockFile, "utf8")).toBe(complete);
  });

  it("new-site replaces the example content with a skeleton that checks, builds and starts an empty lock", async () => {
    const root = copyFixture("bad/_base");
    dirs.push(root);
    cpSync(path.join(REPO, "published.lock.json"), path.join(root, LOCK_FILE));
    writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "my-legal-site", private: true }));
    const started = await runCliAsync(["new-site", "--root", root, "--name", "Acme & Co", "--url", "https://legal.acme.example"], EPOCH);
    expect(started.status, started.stderr).toBe(0);
    expect(Object.keys(snapshotDir(path.join(root, "content"))).sort()).toEqual(["privacy/en.md", "site.yaml"]);
    expect(lockOf(root).urls).toEqual({});
    const build = await runCliAsync(["build", "--root", root], EPOCH);
    expect(build.status, build.stderr).toBe(0);
    expect(Object.keys(lockOf(root).urls)).toEqual(["/en/privacy/2026-11-30/"]);
    const home = cheerio.load(readFileSync(path.join(root, "_site/index.html"), "utf8"));
    expect(home("title").text()).toContain("Acme & Co");
  });
});
