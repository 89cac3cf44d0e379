import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { error, warning, type Problem } from "../core/problems.ts";
import { decodeUtf8, forbiddenCharacterProblems } from "../core/text.ts";
import { isIsoDate } from "../rules/dates.ts";
import type { DocumentFileCache, FileReading } from "./file-cache.ts";
import { parseDocumentFile, type ParsedDocumentFile } from "./front-matter.ts";
import { pushAll } from "../core/arrays.ts";
import { lineFingerprints, sha256 } from "./published-lock.ts";

/** One Markdown file of a document, read and with valid front matter. */
export interface SourceFile extends ParsedDocumentFile {
  readonly docSlug: string;
  readonly locale: string;
  /** Relative to the site root. */
  readonly file: string;
  /** The `versions/<date>/` folder name, or undefined for the newest file at the document's top. */
  readonly folderDate: string | undefined;
  /** SHA-256 (hex) of the file's bytes, as `sha256sum` gives it: what versions.json and the lock publish. */
  readonly sourceSha256: string;
  /** The lines' fingerprints (`lineFingerprints`), when the lock will record them (`LoadOptions.linesRecorded`). */
  readonly lines?: string;
}

/** A file whose front matter is wrong: its body is still checked, so all problems come at once. */
export interface UncheckedBody {
  readonly file: string;
  readonly body: string;
  readonly bodyLine: number;
}

/** A document folder's files, before versions are assembled. */
export interface DocumentSources {
  readonly slug: string;
  readonly files: SourceFile[];
  readonly uncheckedBodies: UncheckedBody[];
  /** Files that exist but could not be read (bad front matter, too large): their version is unknown. */
  readonly unreadable: string[];
  /** True when some file was unreadable or invalid, so cross-file rules would only add noise. */
  readonly incomplete: boolean;
}

/**
 * A folder name is the document's URL as it is: `_` is allowed beside `-` because repositories moved
 * from other tools name folders `firefox_privacy_notice`, and renaming them would break their history.
 */
const SLUG = /^[a-z0-9]+([-_][a-z0-9]+)*$/;

/**
 * A long privacy policy is about 100 KB of Markdown; anything past this is a mistake (a pasted
 * export, a binary) and would only slow every build, so it is refused before parsing.
 */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const KNOWN_TOP_LEVEL_FILES = new Set(["site.yaml", "cookies.yaml"]);

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The document folders under content/, sorted so that the model, and with it the output, does not
 * depend on the file system's listing order. Files that do not belong there are reported.
 */
export async function listDocumentFolders(root: string, logoFile?: string): Promise<{ slugs: string[]; problems: Problem[] }> {
  const contentDir = path.join(root, "content");
  const problems: Problem[] = [];
  const slugs: string[] = [];
  const entries = (await readdir(contentDir, { withFileTypes: true })).sort(byName);

  for (const entry of entries) {
    const relative = `content/${entry.name}`;
    if (entry.name.startsWith(".")) continue;
    if (!entry.isDirectory()) {
      if (!KNOWN_TOP_LEVEL_FILES.has(entry.name) && entry.name !== logoFile) {
        problems.push(warning(relative, 1, "is ignored: content/ holds site.yaml, cookies.yaml, the logo site.yaml names and one folder per document."));
      }
      continue;
    }
    if (!SLUG.test(entry.name)) {
      problems.push(error(`${relative}/`, 1, folderNameProblem(entry.name)));
      continue;
    }
    slugs.push(entry.name);
  }
  return { slugs, problems };
}

/** Why a folder name cannot be a document's URL, with the name to rename it to when there is one. */
export function folderNameProblem(name: string): string {
  const suggestion = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/([-_])[-_]+/g, "$1")
    .replace(/^[-_]+|[-_]+$/g, "");
  const rename = suggestion === "" ? "rename the folder, e.g. privacy-policy" : `rename it to ${suggestion}`;
  return `the folder name "${name}" is the document's URL, so it must be lower-case letters and digits, joined by "-" or "_" (no spaces, no upper case); ${rename}.`;
}

/**
 * A folder's entries, or none when it does not exist. A document's folders and files are read
 * synchronously: they are many and small, and each asynchronous call waits for a turn of the
 * thread pool, which left the thread idle for part of a small site's build (docs/performance-history.md).
 */
function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return [];
    throw e;
  }
}

/** The Markdown files of the document folders, from their listings alone (nothing is read). */
export function documentMarkdownFiles(root: string, slugs: readonly string[]): string[] {
  const files: string[] = [];
  const markdown = (dir: string) => {
    for (const entry of entriesOf(dir)) if (entry.name.endsWith(".md")) files.push(path.join(dir, entry.name));
  };
  for (const slug of slugs) {
    const docDir = path.join(root, "content", slug);
    markdown(docDir);
    for (const folder of entriesOf(path.join(docDir, "versions"))) markdown(path.join(docDir, "versions", folder.name));
  }
  return files;
}

/** How many bytes files hold, from their sizes (nothing is read); one deleted meanwhile counts none. */
export function totalBytes(files: readonly string[]): number {
  return files.reduce((bytes, file) => bytes + (statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/**
 * Reads one document folder: its files in sorted order, each with its front matter parsed. With
 * `cache` (`npm start`), a file whose bytes are as they were is not decoded or parsed again.
 */
export function scanDocument(
  root: string,
  slug: string,
  localeCodes: readonly string[],
  problems: Problem[],
  cache?: DocumentFileCache,
  linesRecorded?: ReadonlySet<string>,
): DocumentSources {
  const docDir = path.join(root, "content", slug);
  const files: SourceFile[] = [];
  const uncheckedBodies: UncheckedBody[] = [];
  const unreadable: string[] = [];
  let incomplete = false;
  const candidates: { file: string; locale: string; folderDate: string | undefined }[] = [];

  const readLocaleFiles = (dir: string, relativeDir: string, folderDate: string | undefined) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort(byName)) {
      const relative = `${relativeDir}/${entry.name}`;
      if (entry.name.startsWith(".") || (folderDate === undefined && entry.name === "versions" && entry.isDirectory())) continue;
      if (!entry.isFile() || !entry.name.endsWith(".md")) {
        problems.push(warning(relative, 1, `is ignored: a document folder holds <locale>.md files${folderDate === undefined ? " and a versions/ folder" : ""} only.`));
        continue;
      }
      const locale = entry.name.slice(0, -".md".length);
      const localeProblem = unknownLocaleProblem(locale, localeCodes);
      if (localeProblem) {
        problems.push(error(relative, 1, localeProblem));
        incomplete = true;
        continue;
      }
      candidates.push({ file: relative, locale, folderDate });
    }
  };

  readLocaleFiles(docDir, `content/${slug}`, undefined);
  const versionsDir = path.join(docDir, "versions");
  const versionFolders = entriesOf(versionsDir);
  for (const folder of versionFolders.sort(byName)) {
    const relative = `content/${slug}/versions/${folder.name}`;
    if (folder.name.startsWith(".")) continue;
    if (!folder.isDirectory()) {
      problems.push(warning(relative, 1, "is ignored: versions/ holds one folder per version, named by its updated date (YYYY-MM-DD)."));
      continue;
    }
    if (!isIsoDate(folder.name)) {
      problems.push(
        error(`${relative}/`, 1, `the folder name "${folder.name}" is not a date; name each folder under versions/ after the updated date of the version inside, e.g. 2024-03-01.`),
      );
      incomplete = true;
      continue;
    }
    readLocaleFiles(path.join(versionsDir, folder.name), relative, folder.name);
  }

  const parsed = candidates.map((candidate) => {
    const absolute = path.join(root, candidate.file);
    const reading = (bytes: Buffer, digest = sha256(bytes)): FileReading => {
      const read = readingOf(candidate.file, bytes);
      // Decoded as the lock's own reading of a source decodes it (a byte order mark kept).
      const lines = read.parsed && linesRecorded && !linesRecorded.has(digest) ? lineFingerprints(bytes.toString("utf8")) : undefined;
      return { ...read, sourceSha256: digest, ...(lines !== undefined && { lines }) };
    };
    return { candidate, result: cache ? cache.read(candidate.file, absolute, reading) : reading(readFileSync(absolute)) };
  });
  for (const { candidate, result } of parsed) {
    pushAll(problems, result.problems);
    if (!result.parsed) {
      incomplete = true;
      unreadable.push(candidate.file);
      if (result.body) uncheckedBodies.push({ file: candidate.file, body: result.body.text, bodyLine: result.body.line });
      continue;
    }
    files.push({ ...result.parsed, docSlug: slug, ...candidate, sourceSha256: result.sourceSha256 ?? "", ...(result.lines !== undefined && { lines: result.lines }) });
  }
  if (candidates.length === 0 && !incomplete) {
    problems.push(error(`content/${slug}/`, 1, `the document folder has no <locale>.md file; add one, e.g. content/${slug}/${localeCodes[0] ?? "en"}.md, or remove the folder.`));
    incomplete = true;
  }
  return { slug, files, uncheckedBodies, unreadable, incomplete };
}

/**
 * A file's front matter and body, unless it is too large to be a document or is not UTF-8; only
 * then is it decoded. Characters no page may hold are reported with the file's other problems.
 */
function readingOf(file: string, bytes: Uint8Array): FileReading {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const size = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return {
      problems: [error(file, 1, `is ${size(bytes.length)}; a document may be at most ${size(MAX_DOCUMENT_BYTES)} (a long policy is about 0.1 MB). Split it into several documents or remove what was pasted by mistake.`)],
    };
  }
  const decoded = decodeUtf8(bytes, file);
  if (decoded.problem) return { problems: [decoded.problem] };
  const reading = parseDocumentFile(decoded.text, file);
  const characters = forbiddenCharacterProblems(decoded.text, file);
  return characters.length === 0 ? reading : { ...reading, problems: [...characters, ...reading.problems] };
}

function unknownLocaleProblem(locale: string, localeCodes: readonly string[]): string | undefined {
  if (localeCodes.includes(locale)) return undefined;
  const sameIgnoringCase = localeCodes.find((code) => code.toLowerCase() === locale.toLowerCase());
  if (sameIgnoringCase) return `"${locale}" is written "${sameIgnoringCase}" in content/site.yaml; rename the file to ${sameIgnoringCase}.md.`;
  return `"${locale}" is not a language of this site (${localeCodes.join(", ")}); add it to locales in content/site.yaml or rename the file.`;
}
