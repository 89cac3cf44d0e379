import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { error, type Problem } from "../core/problems.ts";

/**
 * A version's address, once published, never disappears (SPEC section 3). The build records every
 * dated version address it has produced, with the file that produced it, in a lock file committed
 * with the content; a later build that would no longer produce one of them fails and says which
 * file to restore. Deleting a line by hand is the deliberate way to retire an address.
 */
export const LOCK_FILE = "published.lock.json";

const LOCK_COMMENT = "Every version address this site has published, and the file it came from. Written by `npm run build`; commit it. A listed address must keep being produced.";

export interface PublishedLock {
  /** Site-root path → the file that produced it when it was recorded. */
  readonly urls: ReadonlyMap<string, string>;
  /** Line of each path in the lock file, for reports. */
  readonly lines: ReadonlyMap<string, number>;
}

export async function readPublishedLock(root: string): Promise<LockReading> {
  const file = path.join(root, LOCK_FILE);
  if (!existsSync(file)) return { lock: emptyLock(), problems: [] };
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === "EISDIR" ? "is a folder, not the file npm run build writes" : `cannot be read (${e instanceof Error ? e.message : String(e)})`;
    return { lock: emptyLock(), problems: [error(LOCK_FILE, 1, `${what}; it lists every address this site has published. Remove it and restore the file from version control (git checkout -- ${LOCK_FILE}), or remove it on a site never published yet.`)] };
  }
  if (lastRead?.file === file && lastRead.text === text) return lastRead.result;
  const result = parsePublishedLock(text);
  lastRead = { file, text, result };
  return result;
}

/**
 * The lock file as read. The same reading may be handed out again (`readPublishedLock`), so it is
 * read-only by its type, and nothing writes into it (`updatedLockText` makes a new map).
 */
export interface LockReading {
  readonly lock: PublishedLock;
  readonly problems: readonly Problem[];
}

/**
 * The lock file read last, as it was then. `npm start` reads it after every edit; parsing the
 * 15,000 addresses of the bench's large site took 20 ms of each rebuild.
 */
let lastRead: { readonly file: string; readonly text: string; readonly result: LockReading } | undefined;

const emptyLock = (): PublishedLock => ({ urls: new Map(), lines: new Map() });

function parsePublishedLock(text: string): LockReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { lock: emptyLock(), problems: [error(LOCK_FILE, 1, `is not valid JSON (${message}); restore it from version control.`)] };
  }
  const urls = (data as { urls?: unknown } | null)?.urls;
  if (!urls || typeof urls !== "object" || Array.isArray(urls) || !Object.values(urls).every((v) => typeof v === "string")) {
    return { lock: emptyLock(), problems: [error(LOCK_FILE, 1, 'must hold an object "urls" of address → file; restore it from version control.')] };
  }
  const lines = new Map<string, number>();
  text.split("\n").forEach((line, i) => {
    const match = /^\s*("(?:[^"\\]|\\.)*")\s*:/.exec(line);
    if (match?.[1]) lines.set(JSON.parse(match[1]) as string, i + 1);
  });
  return { lock: { urls: new Map(Object.entries(urls as Record<string, string>)), lines }, problems: [] };
}

/**
 * Addresses in the lock that the current content would no longer produce. An address recorded from
 * a file that exists but cannot be read right now is left alone: that file's own problem is what
 * the editor must fix, and telling them to retire the address would be wrong.
 */
export function disappearedUrls(lock: PublishedLock, produced: ReadonlyMap<string, string>, unreadable: ReadonlySet<string> = new Set()): Problem[] {
  return [...lock.urls]
    .filter(([url, source]) => !produced.has(url) && !unreadable.has(source))
    .map(([url, source]) =>
      error(
        LOCK_FILE,
        lock.lines.get(url) ?? 1,
        `${url} was published from ${source} and would disappear. Restore that file (published versions keep their address), or, if the address must be retired, delete this line deliberately.`,
      ),
    );
}

/** The lock with every produced address added (sources brought up to date); undefined when unchanged. */
export function updatedLockText(lock: PublishedLock, produced: ReadonlyMap<string, string>): { text: string; added: number } | undefined {
  const merged = new Map(lock.urls);
  let added = 0;
  let changed = false;
  for (const [url, source] of produced) {
    if (!merged.has(url)) added++;
    if (merged.get(url) !== source) changed = true;
    merged.set(url, source);
  }
  if (!changed) return undefined;
  const urls = Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { text: `${JSON.stringify({ comment: LOCK_COMMENT, urls }, null, 2)}\n`, added };
}

export async function writePublishedLock(root: string, text: string): Promise<void> {
  await writeFile(path.join(root, LOCK_FILE), text);
}
