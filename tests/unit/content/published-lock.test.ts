import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disappearedUrls, LOCK_FILE, readPublishedLock, updatedLockText } from "../../../src/content/published-lock.ts";
import { removeDir } from "../../support/sites.ts";

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));
const rootWith = (lockText?: string) => {
  const root = mkdtempSync(path.join(tmpdir(), "codicil-lock-"));
  roots.push(root);
  if (lockText !== undefined) writeFileSync(path.join(root, LOCK_FILE), lockText);
  return root;
};

const produced = new Map([
  ["/en/privacy/2024-01-01/", "content/privacy/versions/2024-01-01/en.md"],
  ["/en/privacy/2025-01-01/", "content/privacy/en.md"],
]);

describe("published URL lock", () => {
  it("starts empty when there is no lock file, and records everything produced", async () => {
    const { lock, problems } = await readPublishedLock(rootWith());
    expect(problems).toEqual([]);
    expect(disappearedUrls(lock, produced)).toEqual([]);
    const update = updatedLockText(lock, produced);
    expect(update?.added).toBe(2);
    expect(JSON.parse(update?.text ?? "").urls).toEqual(Object.fromEntries(produced));
  });

  it("reads the same file again only when its text changed (npm start reads it after every edit)", async () => {
    const text = (updatedLockText({ urls: new Map(), lines: new Map() }, produced) ?? { text: "" }).text;
    const root = rootWith(text);
    const first = await readPublishedLock(root);
    expect(await readPublishedLock(root)).toBe(first);
    const fewer = new Map([...produced].slice(0, 1));
    writeFileSync(path.join(root, LOCK_FILE), (updatedLockText({ urls: new Map(), lines: new Map() }, fewer) ?? { text: "" }).text);
    expect([...(await readPublishedLock(root)).lock.urls]).toEqual([...fewer]);
    writeFileSync(path.join(root, LOCK_FILE), "{ not JSON");
    expect((await readPublishedLock(root)).problems).toHaveLength(1);
  });

  it("round-trips: a written lock reads back with each address on its own line", async () => {
    const { lock } = await readPublishedLock(rootWith((updatedLockText({ urls: new Map(), lines: new Map() }, produced) ?? { text: "" }).text));
    expect([...lock.urls]).toEqual([...produced]);
    expect(lock.lines.get("/en/privacy/2024-01-01/")).toBe(4);
    expect(updatedLockText(lock, produced)).toBeUndefined();
  });

  it("reports an address that would disappear, at its line, naming the file that made it", async () => {
    const text = `${JSON.stringify({ urls: { "/de/privacy/2023-01-01/": "content/privacy/versions/2023-01-01/de.md", ...Object.fromEntries(produced) } }, null, 2)}\n`;
    const { lock } = await readPublishedLock(rootWith(text));
    expect(disappearedUrls(lock, produced)).toEqual([
      expect.objectContaining({
        file: LOCK_FILE,
        line: 3,
        severity: "error",
        message: expect.stringContaining("/de/privacy/2023-01-01/ was published from content/privacy/versions/2023-01-01/de.md and would disappear"),
      }),
    ]);
  });

  it("leaves alone an address whose file exists but cannot be read right now", async () => {
    const text = `${JSON.stringify({ urls: { "/de/privacy/2025-01-01/": "content/privacy/de.md" } }, null, 2)}\n`;
    const { lock } = await readPublishedLock(rootWith(text));
    expect(disappearedUrls(lock, produced, new Set(["content/privacy/de.md"]))).toEqual([]);
    expect(disappearedUrls(lock, produced)).toHaveLength(1);
  });

  it("keeps old addresses and follows a file that moved under versions/", async () => {
    const { lock } = await readPublishedLock(rootWith(`${JSON.stringify({ urls: { "/en/privacy/2024-01-01/": "content/privacy/en.md" } }, null, 2)}\n`));
    const update = updatedLockText(lock, produced);
    expect(update?.added).toBe(1);
    expect(JSON.parse(update?.text ?? "").urls["/en/privacy/2024-01-01/"]).toBe("content/privacy/versions/2024-01-01/en.md");
  });

  it.each([
    ["not JSON", "{ urls: ", "is not valid JSON"],
    ["no urls object", '{ "urls": [] }', 'must hold an object "urls"'],
  ])("reports a damaged lock file: %s", async (_, text, message) => {
    const { problems } = await readPublishedLock(rootWith(text));
    expect(problems).toEqual([expect.objectContaining({ file: LOCK_FILE, line: 1, message: expect.stringContaining(message) })]);
  });
});
