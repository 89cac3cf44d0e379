import path from "node:path";
import { completeSiteLoad, loadSiteResources, type LoadedSite } from "../content/load-site.ts";
import { countDocumentFiles, listDocumentFolders } from "../content/scan.ts";
import type { Problem } from "../problems.ts";
import { updatedLockText, writePublishedLock } from "../history/published-lock.ts";
import { sitePageEntries } from "../site/pages.ts";
import { writeAtomically } from "./atomic-output.ts";
import { buildDocument, type BuiltDocument } from "./document-task.ts";
import { buildDocumentsInParallel, threadsFor } from "./parallel-documents.ts";
import { renderPages } from "./render-pages.ts";
import { startPhase } from "./timings.ts";

export interface BuildOptions {
  readonly root: string;
  /** Defaults to `<root>/_site`. */
  readonly outDir?: string;
  readonly buildDate?: string;
  /** Record newly published addresses in the lock file (default true; off for read-only runs). */
  readonly recordPublished?: boolean;
  /** Translation parity problems are errors rather than warnings. */
  readonly strictParity?: boolean;
  /** Threads to build documents in; default: one per core for large sites, one for small ones. */
  readonly threads?: number;
}

export interface BuildResult {
  readonly problems: readonly Problem[];
  /** False when content problems stopped the build; output is then untouched. */
  readonly built: boolean;
  /** How many version addresses were newly recorded in the lock file. */
  readonly newlyPublished: number;
  /** Files written: every page, feed and data file, and the assets. */
  readonly filesWritten: number;
}

/**
 * Validates all content and renders it with Eleventy into a staging folder that replaces the
 * output only on success. Documents are loaded and their pages written one document at a time
 * (in worker threads on large sites), then the rules across documents run, then the site-wide
 * pages are written. Any error discards the staging folder: nothing half-built is published.
 * Content problems come back as values; Eleventy failures are thrown.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  let result: SiteLoad = { problems: [] };
  let filesWritten = 0;
  await writeAtomically(options.outDir ?? path.join(root, "_site"), async (staging) => {
    const documentsDone = startPhase("documents (load, check, write) and the rules across them");
    result = await loadAndRender({ ...options, root }, staging);
    documentsDone();
    const { loaded } = result;
    if (!loaded) return false;
    const siteDone = startPhase("site-wide pages and assets");
    const pages = sitePageEntries(loaded.site, result.sitemapFragments ?? []);
    filesWritten = (result.filesWritten ?? 0) + await renderPages({ root, translator: loaded.translator, pages, copyAssets: true }, loaded.templateDirs, staging);
    siteDone();
    return true;
  });
  const { loaded, problems } = result;
  if (!loaded) return { problems, built: false, newlyPublished: 0, filesWritten: 0 };
  // Recorded only once the site is out, so the lock never lists an address that was not published.
  const lock = options.recordPublished === false ? undefined : updatedLockText(loaded.publishedLock, loaded.publishedUrls);
  if (lock) await writePublishedLock(root, lock.text);
  return { problems, built: true, newlyPublished: lock?.added ?? 0, filesWritten };
}

/**
 * `npm run check`: the same loading and rules as a build, in the same threads, writing nothing.
 * The model it returns holds each document without its text (see `withoutText`).
 */
export async function checkSite(options: Omit<BuildOptions, "outDir" | "recordPublished">): Promise<{ loaded?: LoadedSite; problems: Problem[] }> {
  return loadAndRender({ ...options, root: path.resolve(options.root) }, undefined);
}

interface SiteLoad {
  readonly loaded?: LoadedSite;
  readonly problems: Problem[];
  /** Each document's part of the sitemap, in document order. */
  readonly sitemapFragments?: readonly string[];
  readonly filesWritten?: number;
}

/** Every document loaded (and, with `outDir`, its pages written), then the rules across documents. */
async function loadAndRender(options: BuildOptions, outDir: string | undefined): Promise<SiteLoad> {
  const loadOptions = {
    root: options.root,
    ...(options.buildDate !== undefined && { buildDate: options.buildDate }),
    ...(options.strictParity !== undefined && { strictParity: options.strictParity }),
  };
  const { resources, problems } = await loadSiteResources(loadOptions);
  if (!resources) return { problems };
  const folders = await listDocumentFolders(resources.root);
  problems.push(...folders.problems);
  const threads = threadsFor(await countDocumentFiles(resources.root, folders.slugs), folders.slugs.length, options.threads);
  let documents: BuiltDocument[];
  let cookieWarnings: Problem[] | undefined;
  if (threads > 1) {
    // Workers decide nothing about dates on their own: the main thread's build date goes with them.
    const setup = { ...loadOptions, buildDate: resources.buildDate, ...(outDir !== undefined && { outDir }) };
    ({ documents, cookieWarnings } = await buildDocumentsInParallel(setup, folders.slugs, threads));
  } else {
    documents = [];
    for (const slug of folders.slugs) documents.push(await buildDocument(resources, slug, outDir));
  }
  const loads = documents.map((d) => d.load);
  const site = await completeSiteLoad(resources, loads, problems, cookieWarnings);
  return { ...site, sitemapFragments: documents.map((d) => d.sitemapFragment), filesWritten: documents.reduce((n, d) => n + d.filesWritten, 0) };
}
