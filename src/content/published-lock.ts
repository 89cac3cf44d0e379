import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { error, type Problem } from "../core/problems.ts";

/**
 * A version's address, once published, never disappears, and what it shows never changes
 * unrecorded (SPEC section 3). The build records every dated version address it has produced in a
 * lock file committed with the content: the file it came from, the SHA-256 of that file's bytes
 * and of its rendered text, and a short fingerprint of each source line, so that a later change
 * can be located to its first line from a fresh clone, without git. Deleting a line by hand is
 * the deliberate way to retire an address.
 */
export const LOCK_FILE = "published.lock.json";

const LOCK_COMMENT =
  "Every version address this site has published: the file it came from, the SHA-256 of that file and of its rendered text, a fingerprint of each source line, and the newest correction recorded. Written by `npm run build`; commit it. A listed address must keep being produced, unchanged unless a correction is recorded.";

/** What the lock holds of one published address. */
export interface LockEntry {
  /** The file that produced it, relative to the site root. */
  readonly source: string;
  /** SHA-256 (hex) of the source file's bytes; absent in a lock written before fingerprints. */
  readonly sourceSha256?: string;
  /** SHA-256 (hex) of the document's rendered text, cookie tables included, without the site chrome. */
  readonly textSha256?: string;
  /** `LINE_PRINT_LENGTH` characters per source line (`lineFingerprints`), to name the first changed line. */
  readonly lines?: string;
  /** Date of the newest correction recorded in the source's front matter when the entry was written. */
  readonly corrected?: string;
  /** `Service (cookie names)` → fingerprint of its row, for every cookie-table row the text shows. */
  readonly cookies?: Readonly<Record<string, string>>;
}

export interface PublishedLock {
  /** Site-root path → what was recorded of it. */
  readonly urls: ReadonlyMap<string, LockEntry>;
  /** Line of each path in the lock file, for reports. */
  readonly lines: ReadonlyMap<string, number>;
}

/** What the content makes of one dated version address now (from `loadDocument`). */
export interface PublishedText {
  readonly url: string;
  readonly source: string;
  readonly sourceSha256: string;
  readonly textSha256: string;
  /** Date of the newest correction in the source's front matter. */
  readonly corrected?: string;
  /** The source's line fingerprints, when they were taken as it was read (`LoadOptions.linesRecorded`). */
  readonly lines?: string;
  /** Each cookie-table row the text shows: `Service (names)` → its fingerprint and its line in cookies.yaml. */
  readonly cookies?: Readonly<Record<string, { readonly sha: string; readonly line: number }>>;
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
 * The lock file read last, as it was then. `npm start` reads it after every edit, and parsing a
 * large site's lock would be a noticeable part of each rebuild (docs/performance.md).
 */
let lastRead: { readonly file: string; readonly text: string; readonly result: LockReading } | undefined;

export const emptyLock = (): PublishedLock => ({ urls: new Map(), lines: new Map() });

const SHA256 = /^[0-9a-f]{64}$/;
const isText = (v: unknown): v is string => typeof v === "string";

/** An entry as written by this or an earlier Codicil (a plain file name, before fingerprints), or undefined. */
function entryOf(value: unknown): LockEntry | undefined {
  if (isText(value)) return { source: value };
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (!isText(v.source)) return undefined;
  if (v.sourceSha256 !== undefined && !(isText(v.sourceSha256) && SHA256.test(v.sourceSha256))) return undefined;
  if (v.textSha256 !== undefined && !(isText(v.textSha256) && SHA256.test(v.textSha256))) return undefined;
  if (v.lines !== undefined && !isText(v.lines)) return undefined;
  if (v.corrected !== undefined && !isText(v.corrected)) return undefined;
  const cookies = v.cookies;
  if (cookies !== undefined && (!cookies || typeof cookies !== "object" || Array.isArray(cookies) || !Object.values(cookies).every(isText))) return undefined;
  return {
    source: v.source,
    ...(v.sourceSha256 !== undefined && { sourceSha256: v.sourceSha256 }),
    ...(v.textSha256 !== undefined && { textSha256: v.textSha256 }),
    ...(v.lines !== undefined && { lines: v.lines }),
    ...(v.corrected !== undefined && { corrected: v.corrected }),
    ...(cookies !== undefined && { cookies: cookies as Record<string, string> }),
  };
}

function parsePublishedLock(text: string): LockReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { lock: emptyLock(), problems: [error(LOCK_FILE, 1, `is not valid JSON (${message}); restore it from version control.`)] };
  }
  const urls = (data as { urls?: unknown } | null)?.urls;
  const invalid = () => ({
    lock: emptyLock(),
    problems: [error(LOCK_FILE, 1, 'must hold an object "urls" of address → { source, sourceSha256, textSha256, … }; restore it from version control.')],
  });
  if (!urls || typeof urls !== "object" || Array.isArray(urls)) return invalid();
  const entries = new Map<string, LockEntry>();
  for (const [url, value] of Object.entries(urls)) {
    const entry = entryOf(value);
    if (!entry) return invalid();
    entries.set(url, entry);
  }
  const lines = new Map<string, number>();
  text.split("\n").forEach((line, i) => {
    const match = /^\s*("\/(?:[^"\\]|\\.)*")\s*:/.exec(line);
    if (match?.[1]) lines.set(JSON.parse(match[1]) as string, i + 1);
  });
  return { lock: { urls: entries, lines }, problems: [] };
}

/**
 * Addresses in the lock that the current content would no longer produce. An address recorded from
 * a file that exists but cannot be read right now is left alone: that file's own problem is what
 * the editor must fix, and telling them to retire the address would be wrong.
 */
export function disappearedUrls(lock: PublishedLock, produced: ReadonlyMap<string, unknown>, unreadable: ReadonlySet<string> = new Set()): Problem[] {
  return [...lock.urls]
    .filter(([url, { source }]) => !produced.has(url) && !unreadable.has(source))
    .map(([url, { source }]) =>
      error(
        LOCK_FILE,
        lock.lines.get(url) ?? 1,
        `${url} was published from ${source} and would disappear. Restore that file (published versions keep their address), or, if the address must be retired, delete this line deliberately.`,
      ),
    );
}

/** Characters of each line's fingerprint: 24 bits, enough to find the first changed line of a file. */
export const LINE_PRINT_LENGTH = 4;

/** The source's lines, each as the first characters of its SHA-256 in base64url, joined. */
export function lineFingerprints(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => createHash("sha256").update(line).digest("base64url").slice(0, LINE_PRINT_LENGTH))
    .join("");
}

const lineFingerprintsOf = (text: string | undefined) => (text === undefined ? undefined : lineFingerprints(text));

/** The 1-based line of `text` where it first differs from the recorded fingerprints. */
export function firstChangedLine(recorded: string, text: string): number {
  const now = lineFingerprints(text);
  const count = now.length / LINE_PRINT_LENGTH;
  for (let i = 0; i < count; i++) {
    const at = i * LINE_PRINT_LENGTH;
    if (recorded.slice(at, at + LINE_PRINT_LENGTH) !== now.slice(at, at + LINE_PRINT_LENGTH)) return i + 1;
  }
  // Every line as recorded: lines were removed at the end (or only line endings changed).
  return Math.max(1, count);
}

export const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** How the published texts compare with the lock: what is wrong, and what the lock should take. */
export interface PublishedComparison {
  readonly problems: Problem[];
  /** Addresses whose rendered text changed while their source did not (listed, or accepted). */
  readonly renderingChanged: string[];
  /** Addresses whose changed source is covered by a newly recorded correction. */
  readonly corrected: string[];
}

export interface CompareOptions {
  /** Reads a source file (relative to the site root) to locate its first changed line; only when it changed. */
  readonly readSource: (file: string) => string | undefined;
  /** `--accept-rendering`: a rendering-only change is accepted rather than an error. */
  readonly acceptRendering?: boolean;
  readonly cookieRegistryFile: string;
}

/**
 * The rules of a published text (SPEC section 3): a changed source is an error naming its first
 * changed line, unless the file records a correction newer than the lock's; a changed cookie-table
 * row with an unchanged source is an error naming the registry entry; any other change of the
 * rendered text with an unchanged source is Codicil's rendering, an error until accepted with
 * `--accept-rendering`. Entries recorded before fingerprints are taken as they are now.
 */
export function comparePublished(lock: PublishedLock, texts: readonly PublishedText[], options: CompareOptions): PublishedComparison {
  const problems: Problem[] = [];
  const renderingChanged: string[] = [];
  const corrected: string[] = [];
  // Registry entry → the published tables it changes, so each entry is reported once.
  const tablesChanged = new Map<string, { name: string; line: number; texts: PublishedText[] }>();
  for (const text of texts) {
    const entry = lock.urls.get(text.url);
    // The source may have moved (new-version archives the newest file under versions/): its bytes are what count.
    if (!entry?.sourceSha256) continue;
    if (entry.sourceSha256 !== text.sourceSha256) {
      if (text.corrected !== undefined && (entry.corrected === undefined || text.corrected > entry.corrected)) {
        corrected.push(text.url);
        continue;
      }
      const current = options.readSource(text.source);
      const line = entry.lines !== undefined && current !== undefined ? firstChangedLine(entry.lines, current) : 1;
      problems.push(
        error(
          text.source,
          line,
          `this line differs from the text published at ${text.url}, and a published version must not change unrecorded. Undo the change; or, if it is a real correction (a typo, a dead link), record it in the front matter: corrections: [{ date: YYYY-MM-DD, note: "what was fixed" }]; or start a new version (npm run new-version).`,
        ),
      );
      continue;
    }
    if (entry.textSha256 === undefined || entry.textSha256 === text.textSha256) continue;
    const registryChanges = changedCookieRows(entry.cookies, text.cookies);
    if (registryChanges.length > 0) {
      for (const { name, line } of registryChanges) {
        const key = `${line} ${name}`;
        tablesChanged.set(key, { name, line, texts: [...(tablesChanged.get(key)?.texts ?? []), text] });
      }
      continue;
    }
    renderingChanged.push(text.url);
  }
  for (const { name, line, texts: changed } of tablesChanged.values()) {
    const where = changed.map((t) => `${t.url} (${t.source})`).join(", ");
    problems.push(
      error(
        options.cookieRegistryFile,
        line,
        `the entry ${name} changes the cookie table${changed.length === 1 ? "" : "s"} published at ${where}; a published table stays as it was. Date the change in the registry so that each version keeps the table it was published with, or record a correction in the front matter of ${changed.length === 1 ? "that file" : "those files"}.`,
      ),
    );
  }
  if (renderingChanged.length > 0 && options.acceptRendering !== true) {
    for (const url of renderingChanged) {
      problems.push(
        error(
          LOCK_FILE,
          lock.lines.get(url) ?? 1,
          `the rendered text of ${url} changed while its source did not (Codicil renders it differently now). Look at the page, then accept and record the new rendering with npm run accept-rendering (codicil build --accept-rendering).`,
        ),
      );
    }
  }
  return { problems, renderingChanged, corrected };
}

/**
 * Marks a cookie-row fingerprint taken of the registry's facts (cookies/table.ts); earlier ones were
 * of the rendered row, labels included, and are not compared.
 */
export const COOKIE_ROW_FORMAT = "r2-";

/** Registry entries whose row differs from the one recorded, or that were added to or removed from the table. */
function changedCookieRows(
  recorded: LockEntry["cookies"],
  now: PublishedText["cookies"],
): { name: string; line: number }[] {
  // Rows recorded by an earlier Codicil were fingerprinted with their labels: not comparable.
  if (recorded === undefined || Object.values(recorded).some((sha) => !sha.startsWith(COOKIE_ROW_FORMAT))) return [];
  const changed: { name: string; line: number }[] = [];
  for (const [name, { sha, line }] of Object.entries(now ?? {})) if (recorded[name] !== sha) changed.push({ name, line });
  // An entry removed from the registry has no line left; the file's first is the nearest.
  for (const name of Object.keys(recorded)) if (!now?.[name]) changed.push({ name, line: 1 });
  return changed;
}

/**
 * The lock entry that records `text` as it is now. The line fingerprints are kept from `previous`
 * when the source bytes are the same; otherwise `readSource` gives the text to take them from.
 */
export function entryFor(text: PublishedText, readSource: (file: string) => string | undefined, previous?: LockEntry): LockEntry {
  const lines = previous?.lines !== undefined && previous.sourceSha256 === text.sourceSha256 ? previous.lines : (text.lines ?? lineFingerprintsOf(readSource(text.source)));
  const cookies = text.cookies && Object.keys(text.cookies).length > 0 ? Object.fromEntries(Object.entries(text.cookies).map(([name, row]) => [name, row.sha])) : undefined;
  return {
    source: text.source,
    sourceSha256: text.sourceSha256,
    textSha256: text.textSha256,
    ...(lines !== undefined && { lines }),
    ...(text.corrected !== undefined && { corrected: text.corrected }),
    ...(cookies && { cookies }),
  };
}

/** The sources (SHA-256 of their bytes) whose line fingerprints the lock holds: `LoadOptions.linesRecorded`. */
export function linesRecordedIn(lock: PublishedLock): Set<string> {
  const recorded = new Set<string>();
  for (const entry of lock.urls.values()) if (entry.lines !== undefined && entry.sourceSha256 !== undefined) recorded.add(entry.sourceSha256);
  return recorded;
}

/** True when the entry records `text` as it is now. */
export function entryIsCurrent(entry: LockEntry | undefined, text: PublishedText): boolean {
  if (!entry || entry.source !== text.source || entry.sourceSha256 !== text.sourceSha256 || entry.textSha256 !== text.textSha256) return false;
  if (entry.lines === undefined || entry.corrected !== text.corrected) return false;
  const rows = Object.entries(text.cookies ?? {});
  const recorded = entry.cookies ?? {};
  return rows.length === Object.keys(recorded).length && rows.every(([name, row]) => recorded[name] === row.sha);
}

/**
 * The lock with every produced address recorded as it is now (only new and changed entries are
 * computed again, so a source file is read a second time only when its entry changes); undefined
 * when unchanged. Callers have checked with `comparePublished` that every change is allowed.
 */
export function updatedLockText(
  lock: PublishedLock,
  texts: readonly PublishedText[],
  readSource: (file: string) => string | undefined,
): { text: string; added: number; updated: number } | undefined {
  const merged = new Map(lock.urls);
  let added = 0;
  let updated = 0;
  for (const text of texts) {
    const entry = merged.get(text.url);
    if (entryIsCurrent(entry, text)) continue;
    if (entry) updated++;
    else added++;
    merged.set(text.url, entryFor(text, readSource, entry));
  }
  if (added + updated === 0) return undefined;
  return { text: lockText(merged), added, updated };
}

/** The lock file's text: one line per address, sorted, so a change shows as the lines it changes. */
export function lockText(entries: ReadonlyMap<string, LockEntry>): string {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = sorted.map(([url, entry], i) => `    ${JSON.stringify(url)}: ${JSON.stringify(entry)}${i < sorted.length - 1 ? "," : ""}`);
  return `{\n  "comment": ${JSON.stringify(LOCK_COMMENT)},\n  "urls": {${lines.length > 0 ? `\n${lines.join("\n")}\n  ` : ""}}\n}\n`;
}

/** Reads a source file relative to `root` as text, or undefined when it cannot be read. */
export const sourceReader =
  (root: string) =>
  (file: string): string | undefined => {
    try {
      return readFileSync(path.join(root, file), "utf8");
    } catch {
      return undefined;
    }
  };

export async function writePublishedLock(root: string, text: string): Promise<void> {
  await writeFile(path.join(root, LOCK_FILE), text);
}

/** Under `--ci`: addresses the lock lacks, or records otherwise than they are now. */
export function staleLockProblems(lock: PublishedLock, texts: readonly PublishedText[]): Problem[] {
  const fix = `run npm run build and commit ${LOCK_FILE}.`;
  return texts.flatMap((text) => {
    const entry = lock.urls.get(text.url);
    if (!entry) return [error(LOCK_FILE, 1, `does not list ${text.url} (${text.source}), which the build publishes; ${fix}`)];
    if (entryIsCurrent(entry, text)) return [];
    const what = entry.sourceSha256 === undefined ? "without fingerprints (written by an earlier Codicil)" : "with outdated fingerprints";
    return [error(LOCK_FILE, lock.lines.get(text.url) ?? 1, `records ${text.url} ${what}; ${fix}`)];
  });
}
