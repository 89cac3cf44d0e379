import { existsSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Problem } from "../core/problems.ts";
import { completeSiteLoad, type LoadedSite } from "../content/load-site.ts";
import { loadDocument, type DocumentLoad } from "../content/load-document.ts";
import { writeSitePages, type BuildSession } from "../pipeline/build-site.ts";
import { documentOutput, withoutTextLoad, writeDocumentPages, type BuiltDocument, type FirstPages } from "../pipeline/document-task.ts";

/**
 * More documents than this changed at once (a `git checkout`, a replace in every file) are built
 * with the whole site, in all threads, once they are checked one at a time without their text
 * (`fullBuildUnlessWrong`).
 */
const MOST_DOCUMENTS_REBUILT = 4;

export interface Rebuild {
  readonly problems: Problem[];
  readonly built: boolean;
  readonly needsFullBuild: boolean;
  readonly filesWritten: number;
  /** Every document loaded again: the edited ones and those an earlier error held back. */
  readonly documents: readonly string[];
}

/**
 * After edits under `content/<doc>/`: the edited documents are loaded and checked again, with
 * every document an earlier rebuild left unwritten because something was wrong
 * (`BuildSession.unwritten`: their files changed since their pages were written), then the rules
 * across documents run with them; so the problems are those a build of the whole site would
 * report. Only when there is no error are their pages and (when what they are made of changed)
 * the site-wide pages written, straight into `outDir` (the folder `npm start` serves), so the last
 * good pages stay served while something is wrong; when nothing but some languages' text changed,
 * only their pages are written. A document whose set of pages changed (a version or language
 * added or removed) needs the whole site built, or pages that went away would still be served; so
 * does a new or removed document, and so do more documents than one rebuild writes; but not while
 * anything is wrong, as nothing is written then (`fullBuildUnlessWrong`). When writing fails
 * halfway, the documents are written whole by the next rebuild.
 * With `first`, the pages of the first edited document in the edited languages are written (and
 * announced) before the other pages.
 */
export async function rebuildDocuments(session: BuildSession, edited: readonly string[], outDir: string, first?: FirstPages): Promise<Rebuild> {
  const slugs = [...new Set([...edited, ...session.unwritten])];
  const exists = (slug: string) => existsSync(path.join(session.resources.root, "content", slug));
  const known = slugs.every((slug) => session.documents.has(slug) && exists(slug));
  if (slugs.length > MOST_DOCUMENTS_REBUILT || !known) return fullBuildUnlessWrong(session, slugs, exists);
  const reloaded = [];
  // Held-back documents first, so that the edited ones are the caches used last.
  for (const slug of [...slugs].reverse()) {
    const before = session.documents.get(slug);
    if (!before) return fullBuildUnlessWrong(session, slugs, exists);
    const load = loadDocument(session.resources, slug, session.fileCaches.of(slug));
    session.fileCaches.trim();
    reloaded.unshift({ slug, before, load, light: withoutTextLoad(load) });
  }
  const lights = new Map(reloaded.map(({ slug, light }) => [slug, light]));
  const loads = [...session.documents.values()].map((d) => lights.get(d.load.slug) ?? d.load);
  const { loaded, problems } = await completeSiteLoad(session.resources, loads, session.siteProblems, session.siteRules);
  if (!loaded || reloaded.some(({ load }) => !load.document)) return heldBack(session, slugs, problems);
  // Only now: while anything is wrong nothing is written, so an unreadable file's problem is
  // reported at once rather than after a full build.
  if (reloaded.some(({ load, before }) => JSON.stringify(load.route) !== JSON.stringify(before.load.route))) return asksForFullBuild(slugs);
  // Until everything is written the documents count as unwritten, so a failure halfway is redone.
  for (const slug of slugs) session.unwritten.add(slug);
  try {
    return await writeReloaded(session, reloaded, loaded, problems, outDir, slugs, first);
  } catch (e) {
    // Pages were written halfway: what the session held no longer tells which. The next rebuild,
    // with nothing to compare with, writes all the documents' pages and the site-wide ones, even
    // when an edit was undone meanwhile.
    for (const { slug, before } of reloaded) {
      const { sourceFingerprints: _, ...load } = before.load;
      session.documents.set(slug, { ...before, load, sitemapFragment: "" });
    }
    throw e;
  }
}

/** A full build, unless something is wrong: then the documents are held back and the problems reported, as a full build could only fail. */
async function fullBuildUnlessWrong(session: BuildSession, slugs: readonly string[], exists: (slug: string) => boolean): Promise<Rebuild> {
  // One document at a time, without its text: more documents than one rebuild writes, or one the
  // session does not know (new), or one that is gone.
  const lights = new Map(slugs.map((slug) => [slug, exists(slug) ? withoutTextLoad(loadDocument(session.resources, slug)) : undefined]));
  const kept = [...session.documents.values()].flatMap((d) => (lights.has(d.load.slug) ? [] : [d.load]));
  const loads = [...kept, ...[...lights.values()].flatMap((light) => (light ? [light] : []))];
  const { loaded, problems } = await completeSiteLoad(session.resources, loads, session.siteProblems, session.siteRules);
  return loaded ? asksForFullBuild(slugs) : heldBack(session, slugs, problems);
}

/**
 * When a document without its text and its part of the sitemap are as they were (a sentence or a
 * heading rewritten, not a title, a date or a version), only pages in the languages whose files
 * changed since their pages were last written can differ: no page shows another language's text,
 * and the site-wide pages are made of nothing else; except versions.json, in no language, which
 * gives every file's SHA-256. Fingerprints are of the files as last written, not as last saved,
 * since a save made while the document had an error was not written.
 */
export function pagesOfChangedLanguages<Page extends { readonly locale?: string | undefined; readonly kind?: string }>(
  pages: readonly Page[],
  fingerprints: ReadonlyMap<string, string> | undefined,
  lastWritten: ReadonlyMap<string, string> | undefined,
): readonly Page[] {
  if (!fingerprints || !lastWritten) return pages;
  const changed = pages.filter((page) => page.locale !== undefined && fingerprints.get(page.locale) !== lastWritten.get(page.locale));
  return changed.length === 0 ? changed : [...changed, ...pages.filter((page) => page.kind === "versionsIndex")];
}

const asksForFullBuild = (documents: readonly string[]): Rebuild => ({ problems: [], built: false, needsFullBuild: true, filesWritten: 0, documents });

/** Nothing written: the documents wait, as `unwritten`, for a rebuild that finds nothing wrong. */
function heldBack(session: BuildSession, documents: readonly string[], problems: Problem[]): Rebuild {
  for (const slug of documents) session.unwritten.add(slug);
  return { problems, built: false, needsFullBuild: false, filesWritten: 0, documents };
}

interface Reloaded {
  readonly slug: string;
  readonly before: BuiltDocument;
  readonly load: DocumentLoad;
  readonly light: DocumentLoad;
}

/** `rebuildDocuments`' writing, once everything is checked. */
async function writeReloaded(
  session: BuildSession,
  reloaded: readonly Reloaded[],
  loaded: LoadedSite,
  problems: Problem[],
  outDir: string,
  slugs: readonly string[],
  first: FirstPages | undefined,
): Promise<Rebuild> {
  const rebuilt = new Map<string, BuiltDocument>();
  let outlineChanged = false;
  let filesWritten = 0;
  for (const { slug, before, load, light } of reloaded) {
    if (!load.document) continue;
    const prepared = documentOutput(session.resources, load.document);
    const outlineUnchanged = prepared.sitemapFragment === before.sitemapFragment && isDeepStrictEqual(light.document, before.load.document);
    outlineChanged ||= !outlineUnchanged;
    const pages = outlineUnchanged ? pagesOfChangedLanguages(prepared.pages, load.sourceFingerprints, before.load.sourceFingerprints) : prepared.pages;
    const output = { dir: outDir, liveReload: session.liveReload };
    const written = await writeDocumentPages(session.resources, load.document, pages, output, slug === slugs[0] ? first : undefined);
    filesWritten += written;
    rebuilt.set(slug, { load: light, sitemapFragment: prepared.sitemapFragment, filesWritten: written });
  }
  const fragments = [...session.documents].map(([slug, built]) => (rebuilt.get(slug) ?? built).sitemapFragment);
  const siteWideWritten = outlineChanged ? await writeSitePages(loaded, fragments, outDir, session.liveReload) : 0;
  // Only once everything is written: what the session holds is what the served pages were made of.
  for (const [slug, built] of rebuilt) session.documents.set(slug, built);
  session.unwritten.clear();
  return { problems, built: true, needsFullBuild: false, filesWritten: filesWritten + siteWideWritten, documents: slugs };
}

