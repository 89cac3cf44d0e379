import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CookieTableUse } from "./cookies/table.ts";
import type { RenderedMarkdown } from "../markdown/renderer.ts";
import type { Problem } from "../core/problems.ts";
import type { ParsedDocumentFile } from "./front-matter.ts";

/** What reading one Markdown file gives: its front matter and body, or the problems that stop that. */
export interface FileReading {
  readonly parsed?: ParsedDocumentFile;
  /** The body even when the front matter is wrong, so its problems are reported too. */
  readonly body?: { readonly text: string; readonly line: number };
  readonly problems: readonly Problem[];
  /** SHA-256 (hex) of the bytes read. */
  readonly sourceSha256?: string;
  /** The lines' fingerprints, when the lock will record them (`SourceFile.lines`). */
  readonly lines?: string;
}

/** One render of a body, and the cookie tables it showed (the load counts them across files). */
export interface FileRendering {
  readonly rendered: RenderedMarkdown;
  readonly tablesUsed: readonly CookieTableUse[];
}

interface CachedFile {
  readonly digest: string;
  readonly bytes: number;
  readonly reading: FileReading;
  rendering?: FileRendering;
}

/**
 * What `npm start` keeps of one document's files from one rebuild to the next. An edit changes one
 * file of a document's many, and parsing and rendering the others again would be most of the
 * rebuild (docs/performance.md). Every file is still read on each
 * rebuild, as bytes, and its SHA-256 compared with the one it had; only a file whose bytes
 * differ is decoded, parsed and rendered again. Nothing depends on modification times, which an
 * editor or `git checkout` may leave as they were.
 *
 * A file's reading and rendering depend on its bytes, its path, its language and the site's
 * settings, UI strings and cookie registry; a change to any of those rebuilds the whole site with a
 * new session, and with it new caches. What is kept is frozen: the next load hands the same
 * objects to the model again, so nothing may write into them.
 *
 * The digests also tell which languages' files changed (`fingerprints`), for writing only those
 * languages' pages again.
 */
export class DocumentFileCache {
  private files = new Map<string, CachedFile>();
  private readThisLoad = new Set<string>();

  /** Starts a load of the document: files it does not read again are forgotten at `endLoad`. */
  beginLoad(): void {
    this.readThisLoad.clear();
  }

  /** `file` relative to the site root, as problems name it; `read` parses text decoded from the bytes (their SHA-256 beside them). */
  read(file: string, absolutePath: string, read: (bytes: Buffer, sha256: string) => FileReading): FileReading {
    const bytes = readFileSync(absolutePath);
    const digest = createHash("sha256").update(bytes).digest("hex");
    this.readThisLoad.add(file);
    const known = this.files.get(file);
    if (known?.digest === digest) return known.reading;
    const reading = deepFreeze(read(bytes, digest));
    this.files.set(file, { digest, bytes: bytes.length, reading });
    return reading;
  }

  /**
   * The rendering of a file this load read, made once for each version of its bytes: the body,
   * the line it starts on and the language it is rendered in all follow from the file's path and
   * bytes (`read` forgets the rendering when they change).
   */
  render(file: string, render: () => FileRendering): FileRendering {
    const cached = this.files.get(file);
    if (cached?.rendering) return cached.rendering;
    const rendering = deepFreeze(render());
    if (cached) cached.rendering = rendering;
    return rendering;
  }

  /** Forgets the files the load did not read (deleted or renamed). */
  endLoad(): void {
    for (const file of this.files.keys()) if (!this.readThisLoad.has(file)) this.files.delete(file);
  }

  /**
   * One fingerprint per language of the files the last load read: each file's path and bytes, in
   * path order. A language's pages are made of its files (and of what every language shares, which
   * `rebuildDocuments` compares on its own), so pages whose fingerprint is unchanged would be
   * written again byte for byte.
   */
  fingerprints(): Map<string, string> {
    const byLocale = new Map<string, string[]>();
    for (const [file, { digest }] of [...this.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      // A document's files are named after their language (`de.md`).
      const locale = path.posix.basename(file, ".md");
      byLocale.set(locale, [...(byLocale.get(locale) ?? []), `${file}\0${digest}`]);
    }
    return new Map([...byLocale].map(([locale, lines]) => [locale, createHash("sha256").update(lines.join("\n")).digest("hex")]));
  }

  /** How many bytes its files have; for the session's bound on what it keeps. */
  get bytes(): number {
    let total = 0;
    for (const file of this.files.values()) total += file.bytes;
    return total;
  }
}

/**
 * The file caches of the documents edited last, as many as fit in `maxBytes` of files: a cache is
 * worth its memory only while its document is being edited. A file's reading and rendering take
 * three to four times its size in memory (73 KB for files of 18 KB, 224 KB for files of 68 KB).
 */
export class RecentDocumentCaches {
  private caches = new Map<string, DocumentFileCache>();

  constructor(private readonly maxBytes: number) {}

  /** The document's cache, now the most recent. */
  of(slug: string): DocumentFileCache {
    const cache = this.caches.get(slug) ?? new DocumentFileCache();
    this.caches.delete(slug);
    this.caches.set(slug, cache);
    return cache;
  }

  /** Drops the caches used longest ago until the rest fit; the newest stays, whatever its size. Call after loading. */
  trim(): void {
    let bytes = [...this.caches.values()].reduce((n, cache) => n + cache.bytes, 0);
    // Map order is insertion order: the least recently used first.
    for (const [slug, cache] of this.caches) {
      if (bytes <= this.maxBytes || this.caches.size === 1) break;
      this.caches.delete(slug);
      bytes -= cache.bytes;
    }
  }
}

/** Freezes a plain value and everything it holds, so shared cached results cannot be written into. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
