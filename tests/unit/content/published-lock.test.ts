import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  comparePublished,
  disappearedUrls,
  COOKIE_ROW_FORMAT,
  emptyLock,
  firstChangedLine,
  lineFingerprints,
  LOCK_FILE,
  readPublishedLock,
  sha256,
  staleLockProblems,
  updatedLockText,
  type PublishedLock,
  type PublishedText,
} from "../../../src/content/published-lock.ts";
import { removeDir } from "../../support/sites.ts";

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));
const rootWith = (lockText?: string) => {
  const root = mkdtempSync(path.join(tmpdir(), "codicil-lock-"));
  roots.push(root);
  if (lockText !== undefined) writeFileSync(path.join(root, LOCK_FILE), lockText);
  return root;
};

const sources: Record<string, string> = {
  "content/privacy/versions/2024-01-01/en.md": "---\ntitle: Privacy\nversion: 1\nupdated: 2024-01-01\n---\n\n## Data\n\nWe do not sell data.\n",
  "content/privacy/en.md": "---\ntitle: Privacy\nversion: 2\nupdated: 2025-01-01\n---\n\n## Data\n\nWe never sell data.\n",
};
const readSource = (file: string) => sources[file];
const textOf = (url: string, source: string, html: string, extra: Partial<PublishedText> = {}): PublishedText => ({
  url,
  source,
  sourceSha256: sha256(sources[source] ?? ""),
  textSha256: sha256(html),
  ...extra,
});
const produced = [
  textOf("/en/privacy/2024-01-01/", "content/privacy/versions/2024-01-01/en.md", "<p>We do not sell data.</p>"),
  textOf("/en/privacy/2025-01-01/", "content/privacy/en.md", "<p>We never sell data.</p>"),
];
const producedUrls = new Map(produced.map((t) => [t.url, t.source]));
const compare = (lock: PublishedLock, texts: readonly PublishedText[], acceptRendering = false) =>
  comparePublished(lock, texts, { readSource, acceptRendering, cookieRegistryFile: "content/cookies.yaml" });
const lockOf = async (texts: readonly PublishedText[]) => (await readPublishedLock(rootWith(updatedLockText(emptyLock(), texts, readSource)?.text ?? ""))).lock;

describe("published URL lock", () => {
  it("starts empty when there is no lock file, and records everything produced with its fingerprints", async () => {
    const { lock, problems } = await readPublishedLock(rootWith());
    expect(problems).toEqual([]);
    expect(disappearedUrls(lock, producedUrls)).toEqual([]);
    const update = updatedLockText(lock, produced, readSource);
    expect(update?.added).toBe(2);
    const entry = JSON.parse(update?.text ?? "").urls["/en/privacy/2024-01-01/"];
    expect(entry).toEqual({
      source: "content/privacy/versions/2024-01-01/en.md",
      sourceSha256: sha256(sources["content/privacy/versions/2024-01-01/en.md"] ?? ""),
      textSha256: sha256("<p>We do not sell data.</p>"),
      lines: lineFingerprints(sources["content/privacy/versions/2024-01-01/en.md"] ?? ""),
    });
  });

  it("reads the same file again only when its text changed (npm start reads it after every edit)", async () => {
    const text = updatedLockText(emptyLock(), produced, readSource)?.text ?? "";
    const root = rootWith(text);
    const first = await readPublishedLock(root);
    expect(await readPublishedLock(root)).toBe(first);
    writeFileSync(path.join(root, LOCK_FILE), updatedLockText(emptyLock(), produced.slice(0, 1), readSource)?.text ?? "");
    expect([...(await readPublishedLock(root)).lock.urls.keys()]).toEqual(["/en/privacy/2024-01-01/"]);
    writeFileSync(path.join(root, LOCK_FILE), "{ not JSON");
    expect((await readPublishedLock(root)).problems).toHaveLength(1);
  });

  it("round-trips: a written lock reads back with each address on its own line, and is then current", async () => {
    const lock = await lockOf(produced);
    expect(lock.lines.get("/en/privacy/2024-01-01/")).toBe(4);
    expect(lock.lines.get("/en/privacy/2025-01-01/")).toBe(5);
    expect(updatedLockText(lock, produced, readSource)).toBeUndefined();
    expect(compare(lock, produced)).toEqual({ problems: [], renderingChanged: [], corrected: [] });
    expect(staleLockProblems(lock, produced)).toEqual([]);
  });

  it("reads a lock written before fingerprints (address → file) without failing, and upgrades it", async () => {
    const old = `${JSON.stringify({ urls: Object.fromEntries(producedUrls) }, null, 2)}\n`;
    const { lock, problems } = await readPublishedLock(rootWith(old));
    expect(problems).toEqual([]);
    expect(lock.urls.get("/en/privacy/2025-01-01/")).toEqual({ source: "content/privacy/en.md" });
    // Nothing recorded to compare with: taken as it is now.
    expect(compare(lock, produced).problems).toEqual([]);
    expect(staleLockProblems(lock, produced)).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining("without fingerprints") }),
      expect.objectContaining({ line: 4, message: expect.stringContaining("without fingerprints") }),
    ]);
    const update = updatedLockText(lock, produced, readSource);
    expect(update).toMatchObject({ added: 0, updated: 2 });
    expect(updatedLockText((await readPublishedLock(rootWith(update?.text))).lock, produced, readSource)).toBeUndefined();
  });

  it("reports an address that would disappear, at its line, naming the file that made it", async () => {
    const text = `${JSON.stringify({ urls: { "/de/privacy/2023-01-01/": "content/privacy/versions/2023-01-01/de.md", ...Object.fromEntries(producedUrls) } }, null, 2)}\n`;
    const { lock } = await readPublishedLock(rootWith(text));
    expect(disappearedUrls(lock, producedUrls)).toEqual([
      expect.objectContaining({
        file: LOCK_FILE,
        line: 3,
        severity: "error",
        message: expect.stringContaining("/de/privacy/2023-01-01/ was published from content/privacy/versions/2023-01-01/de.md and would disappear"),
      }),
    ]);
    expect(disappearedUrls(lock, producedUrls, new Set(["content/privacy/versions/2023-01-01/de.md"]))).toEqual([]);
  });

  it("names the first changed line of a changed published source", async () => {
    const lock = await lockOf(produced);
    const changed = "---\ntitle: Privacy\nversion: 1\nupdated: 2024-01-01\n---\n\n## Data\n\nWe may sell data.\n";
    const edited = textOf("/en/privacy/2024-01-01/", "content/privacy/versions/2024-01-01/en.md", "<p>We may sell data.</p>", { sourceSha256: sha256(changed) });
    const result = comparePublished(lock, [edited, produced[1] as PublishedText], {
      readSource: (file) => (file === edited.source ? changed : readSource(file)),
      cookieRegistryFile: "content/cookies.yaml",
    });
    expect(result.problems).toEqual([
      expect.objectContaining({ file: edited.source, line: 9, severity: "error", message: expect.stringContaining("differs from the text published at /en/privacy/2024-01-01/") }),
    ]);
    expect(result.corrected).toEqual([]);
  });

  it("accepts a changed source that records a correction newer than the lock's, and only then", async () => {
    const lock = await lockOf(produced);
    const corrected = textOf("/en/privacy/2024-01-01/", "content/privacy/versions/2024-01-01/en.md", "<p>x</p>", { sourceSha256: sha256("other"), corrected: "2024-06-01" });
    expect(compare(lock, [corrected])).toEqual({ problems: [], renderingChanged: [], corrected: ["/en/privacy/2024-01-01/"] });
    // Once recorded, the same correction does not cover a further change.
    const recorded = await lockOf([corrected]);
    const again = { ...corrected, sourceSha256: sha256("yet another") };
    expect(compare(recorded, [again]).problems).toHaveLength(1);
    expect(compare(recorded, [{ ...again, corrected: "2024-07-01" }]).problems).toEqual([]);
  });

  it("follows a source moved under versions/ with the same bytes, without calling it a change", async () => {
    const lock = await lockOf(produced);
    const moved = { ...(produced[1] as PublishedText), source: "content/privacy/versions/2025-01-01/en.md" };
    expect(compare(lock, [moved]).problems).toEqual([]);
    const update = updatedLockText(lock, [produced[0] as PublishedText, moved], readSource);
    expect(update).toMatchObject({ added: 0, updated: 1 });
    expect(JSON.parse(update?.text ?? "").urls["/en/privacy/2025-01-01/"].source).toBe("content/privacy/versions/2025-01-01/en.md");
  });

  it("lists a rendering-only change, an error until accepted, and never hides a source change with it", async () => {
    const lock = await lockOf(produced);
    const rerendered = produced.map((t) => ({ ...t, textSha256: sha256("new rendering") }));
    const listed = compare(lock, rerendered);
    expect(listed.renderingChanged).toEqual(["/en/privacy/2024-01-01/", "/en/privacy/2025-01-01/"]);
    expect(listed.problems).toEqual([
      expect.objectContaining({ file: LOCK_FILE, line: 4, message: expect.stringContaining("npm run accept-rendering") }),
      expect.objectContaining({ file: LOCK_FILE, line: 5 }),
    ]);
    expect(compare(lock, rerendered, true).problems).toEqual([]);
    const sourceToo = [{ ...(rerendered[0] as PublishedText), sourceSha256: sha256("edited") }, rerendered[1] as PublishedText];
    const accepted = compare(lock, sourceToo, true);
    expect(accepted.problems).toEqual([expect.objectContaining({ file: "content/privacy/versions/2024-01-01/en.md" })]);
    expect(accepted.renderingChanged).toEqual(["/en/privacy/2025-01-01/"]);
  });

  it("takes rows recorded with their labels (before registry facts) for a rendering change, never a registry change", async () => {
    const labelled = { "Shop (basket)": { sha: "aaaa", line: 4 } };
    const lock = await lockOf(produced.map((t) => ({ ...t, cookies: labelled })));
    const now = produced.map((t) => ({ ...t, textSha256: sha256("labels translated"), cookies: { "Shop (basket)": { sha: `${COOKIE_ROW_FORMAT}dddd`, line: 4 } } }));
    const result = compare(lock, now);
    expect(result.renderingChanged).toEqual(["/en/privacy/2024-01-01/", "/en/privacy/2025-01-01/"]);
    expect(result.problems.every((p) => p.file === LOCK_FILE && p.message.includes("npm run accept-rendering"))).toBe(true);
  });

  it("names the registry entry whose change alters a published cookie table, once for all tables", async () => {
    const rows = { "Shop (basket)": { sha: `${COOKIE_ROW_FORMAT}aaaa`, line: 4 }, "Matomo (_pk_id)": { sha: `${COOKIE_ROW_FORMAT}bbbb`, line: 12 } };
    const withTables = produced.map((t) => ({ ...t, cookies: rows }));
    const lock = await lockOf(withTables);
    const changed = withTables.map((t) => ({ ...t, textSha256: sha256("table changed"), cookies: { ...rows, "Matomo (_pk_id)": { sha: `${COOKIE_ROW_FORMAT}cccc`, line: 12 } } }));
    const result = compare(lock, changed, true);
    expect(result.renderingChanged).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: "content/cookies.yaml",
        line: 12,
        message: expect.stringContaining("the entry Matomo (_pk_id) changes the cookie tables published at /en/privacy/2024-01-01/"),
      }),
    ]);
    const added = withTables.map((t) => ({ ...t, textSha256: sha256("row added"), cookies: { ...rows, "Ads (ad)": { sha: "dddd", line: 20 } } }));
    expect(compare(lock, added).problems).toEqual([expect.objectContaining({ file: "content/cookies.yaml", line: 20 })]);
  });

  it("under CI, reports an address the lock lacks and an entry it records otherwise", async () => {
    const lock = await lockOf(produced.slice(0, 1));
    expect(staleLockProblems(lock, produced)).toEqual([
      expect.objectContaining({ file: LOCK_FILE, line: 1, message: expect.stringContaining("does not list /en/privacy/2025-01-01/") }),
    ]);
    const corrected = [{ ...(produced[0] as PublishedText), corrected: "2024-06-01" }];
    expect(staleLockProblems(lock, corrected)).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining("run npm run build and commit published.lock.json") })]);
  });

  it("finds the first changed line from the line fingerprints", () => {
    const before = "a\nb\nc\nd";
    const recorded = lineFingerprints(before);
    expect(firstChangedLine(recorded, "a\nb\nX\nd")).toBe(3);
    expect(firstChangedLine(recorded, "a\nnew\nb\nc\nd")).toBe(2);
    expect(firstChangedLine(recorded, "a\nb\nc\nd\ne")).toBe(5);
    expect(firstChangedLine(recorded, "a\nb")).toBe(2);
    expect(firstChangedLine(recorded, "a\r\nb\r\nc\r\nd")).toBe(4);
  });

  it.each([
    ["not JSON", "{ urls: ", "is not valid JSON"],
    ["no urls object", '{ "urls": [] }', 'must hold an object "urls"'],
    ["a fingerprint that is not SHA-256", '{ "urls": { "/en/p/2024-01-01/": { "source": "content/p/en.md", "sourceSha256": "abc" } } }', 'must hold an object "urls"'],
  ])("reports a damaged lock file: %s", async (_, text, message) => {
    const { problems } = await readPublishedLock(rootWith(text));
    expect(problems).toEqual([expect.objectContaining({ file: LOCK_FILE, line: 1, message: expect.stringContaining(message) })]);
  });
});
