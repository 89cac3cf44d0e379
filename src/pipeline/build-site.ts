import path from "node:path";
import { RecentDocumentCaches } from "../content/file-cache.ts";
import { completeSiteLoad, type LoadedSite } from "../content/load-site.ts";
import { loadDocument } from "../content/load-document.ts";
import { SiteRulesMemo } from "../content/site-rules.ts";
import { loadSiteResources, type SiteResources } from "../content/site-resources.ts";
import { documentMarkdownFiles, listDocumentFolders, totalBytes } from "../content/scan.ts";
import { hasErrors, type Problem } from "../core/problems.ts";
import { linesRecordedIn, readPublishedLock, sourceReader, updatedLockText, writePublishedLock } from "../content/published-lock.ts";
import { sitemapIsSplit, sitePageEntries } from "../pages/pages.ts";
import { DocumentSitemapParts, type SitemapLimits } from "../pages/sitemap.ts";
import { brandFiles } from "../pages/brand.ts";
import { writeAtomically } from "./atomic-output.ts";
import {
  buildDocument,
  documentOutput,
  removeDocumentSitemapFiles,
  withoutTextLoad,
  type BuiltDocument,
  type LoadedDocument,
  type PageOutput,
} from "./document-task.ts";
import { buildDocumentsInParallel, threadsFor, writesInOneRun } from "./parallel-documents.ts";
import { ownEleventyConfig, renderPages } from "../rendering/render-pages.ts";
import { reloadSharedTemplates } from "../templating/environment.ts";
import { startPhase } from "./timings.ts";
import { pushAll } from "../core/arrays.ts";

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
  /** The output is served by `npm start` (its pages allow the live-reload script). */
  readonly liveReload?: boolean;
  /** `--accept-rendering`: published texts that only Codicil's rendering changed are accepted and recorded. */
  readonly acceptRendering?: boolean;
  /** `check --ci`: a lock that lacks an address or holds an outdated fingerprint is an error. */
  readonly requireCurrentLock?: boolean;
  /** What one sitemap file may hold; sitemaps.org's limits unless a test needs a site past them. */
  readonly sitemapLimits?: SitemapLimits;
}

export interface BuildResult {
  readonly problems: readonly Problem[];
  /** False when content problems stopped the build; output is then untouched. */
  readonly built: boolean;
  /** How many version addresses were newly recorded in the lock file. */
  readonly newlyPublished: number;
  /** Addresses whose entry in the lock file was brought up to date (fingerprints added, a correction, a rendering). */
  readonly lockUpdated: number;
  /** Addresses whose recorded correction the lock took. */
  readonly corrected: readonly string[];
  /** Addresses whose new rendering `--accept-rendering` accepted. */
  readonly renderingAccepted: readonly string[];
  /** Files written: every page, feed and data file, and the assets. */
  readonly filesWritten: number;
  /** What the build loaded, for rebuilding one document after an edit; absent without site settings. */
  readonly session?: BuildSession;
}

/** What a build keeps so that `npm start` can rebuild one edited document instead of the site. */
export interface BuildSession {
  readonly resources: SiteResources;
  /** Problems of the site's settings, UI strings, cookies and folder listing. */
  readonly siteProblems: readonly Problem[];
  /**
   * Every document as last built, in folder order; with its part of the sitemap only under
   * `npm start` (`liveReload`), whose rebuilds write the site-wide pages again.
   */
  readonly documents: Map<string, BuiltDocument>;
  readonly liveReload: boolean;
  /** What the last rebuilds read of the documents edited last (`npm start`). */
  readonly fileCaches: RecentDocumentCaches;
  /** Documents edited since their pages were last written: a rebuild that found an error wrote nothing. */
  readonly unwritten: Set<string>;
  /** What the rules across documents reuse from one rebuild to the next. */
  readonly siteRules: SiteRulesMemo;
}

/**
 * How many bytes of files `npm start` keeps the readings and renderings of, in the caches of the
 * documents edited last (`RecentDocumentCaches`): a few large documents or a whole small site.
 */
const CACHED_BYTES = 24 * 1024 * 1024;

/**
 * Validates all content and renders it with Eleventy into a staging folder that replaces the
 * output only on success. Documents are loaded and their pages written one document at a time
 * (in worker threads on large sites); once all are loaded the rules across documents run and the
 * site-wide pages are written (`loadAndRender`); a small site is loaded whole and written in one Eleventy run
 * (`buildSmallSite`). Any error discards the staging folder: nothing half-built is published.
 * Content problems come back as values; Eleventy failures are thrown.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  // A template may have changed since the last build in this process (`npm start`).
  reloadSharedTemplates();
  let result: SiteLoad = { problems: [] };
  let filesWritten = 0;
  await writeAtomically(options.outDir ?? path.join(root, "_site"), async (staging) => {
    const documentsDone = startPhase("documents (load, check, write), the rules across them and the site-wide pages");
    result = await loadAndRender({ ...options, root }, { dir: staging, liveReload: options.liveReload === true });
    documentsDone();
    filesWritten = result.filesWritten ?? 0;
    return result.loaded !== undefined && result.session !== undefined;
  });
  const { loaded, problems, session } = result;
  const nothingRecorded = { newlyPublished: 0, lockUpdated: 0, corrected: [], renderingAccepted: [] };
  if (!loaded) return { problems, built: false, ...nothingRecorded, filesWritten: 0, ...(session && { session }) };
  if (options.recordPublished === false) return { problems, built: true, ...nothingRecorded, filesWritten, ...(session && { session }) };
  // Recorded only once the site is out, so the lock never lists an address that was not published.
  // A source is read again only for an entry that changes, for its line fingerprints.
  const recorded = startPhase("published.lock.json recorded");
  const lock = updatedLockText(loaded.publishedLock, loaded.publishedTexts, sourceReader(root));
  if (lock) await writePublishedLock(root, lock.text);
  recorded();
  const { corrected, renderingChanged } = loaded.lockComparison;
  return {
    problems,
    built: true,
    newlyPublished: lock?.added ?? 0,
    lockUpdated: lock?.updated ?? 0,
    corrected,
    renderingAccepted: renderingChanged,
    filesWritten,
    ...(session && { session }),
  };
}

/**
 * Home, language indexes, sitemap (with each document's part, in folder order; `undefined` when
 * the parts were past the limits and each document's file was written with its pages),
 * robots.txt, cookies.json, assets.
 */
export async function writeSitePages(
  loaded: LoadedSite,
  documentSitemapFragments: readonly string[] | undefined,
  outDir: string,
  liveReload: boolean,
  sitemapLimits?: SitemapLimits,
): Promise<number> {
  const done = startPhase("site-wide pages and assets");
  const pages = sitePageEntries(loaded.site, documentSitemapFragments, sitemapLimits);
  const written = await renderPages({ root: loaded.site.root, translator: loaded.translator, pages, copyAssets: true, copiedFiles: brandFiles(loaded.site.root, loaded.site.settings), liveReload }, loaded.templateDirs, outDir);
  done();
  return written;
}

/**
 * `npm run check`: the same loading and rules as a build, in the same threads, writing nothing.
 * The model it returns holds each document without its text (see `withoutText`).
 */
export async function checkSite(options: Omit<BuildOptions, "outDir" | "recordPublished">): Promise<{ loaded?: LoadedSite; problems: Problem[] }> {
  const { loaded, problems } = await loadAndRender({ ...options, root: path.resolve(options.root) }, undefined);
  return { problems, ...(loaded && { loaded }) };
}

interface SiteLoad {
  readonly loaded?: LoadedSite;
  readonly problems: Problem[];
  readonly session?: BuildSession;
  /** Every file written: the documents' pages and, when nothing was wrong, the site-wide pages. */
  readonly filesWritten?: number;
}

/**
 * Every document loaded (and, with `output`, its pages written), then the rules across documents
 * and, with `output` and no error, the site-wide pages. In worker threads the rules and the
 * site-wide pages run in this thread as soon as the last document is loaded, while the threads
 * still write the last documents' pages; otherwise one thread would wait for the other at the end.
 */
async function loadAndRender(options: BuildOptions, output: PageOutput | undefined): Promise<SiteLoad> {
  const loadOptions = {
    root: options.root,
    ...(options.buildDate !== undefined && { buildDate: options.buildDate }),
    ...(options.strictParity !== undefined && { strictParity: options.strictParity }),
    lock: { acceptRendering: options.acceptRendering === true, requireCurrent: options.requireCurrentLock === true },
    // A build that records the lock takes a new source's line fingerprints as it reads it, in its
    // thread, rather than reading every new source again at the end in this one.
    ...(output && options.recordPublished !== false && { linesRecorded: linesRecordedIn((await readPublishedLock(options.root)).lock) }),
  };
  const { resources, problems } = await loadSiteResources(loadOptions);
  if (!resources) return { problems };
  const folders = await listDocumentFolders(resources.root, resources.settings.brand?.logo?.file);
  pushAll(problems, folders.problems);
  // A site's own TypeScript config cannot be loaded in a worker thread (tsx there makes Node
  // require() it inside an import cycle), so such a site is built in one thread.
  const requested = ownEleventyConfig(resources.root) ? 1 : options.threads;
  const markdown = documentMarkdownFiles(resources.root, folders.slugs);
  const threads = threadsFor(markdown.length, folders.slugs.length, requested);
  // An explicit `--threads 1` keeps to one document at a time, as a large site is built.
  if (output && writesInOneRun(markdown.length, () => totalBytes(markdown), options.threads)) return buildSmallSite(resources, folders.slugs, problems, output, options.sitemapLimits);
  // Once every document is loaded: the rules across them and, when nothing is wrong, the site-wide
  // pages, from the documents without their text.
  // Each document's part of the sitemap is kept only while the site may fit one sitemap file;
  // npm start keeps them all, for the site-wide pages its later rebuilds write again.
  const sitemapParts = new DocumentSitemapParts(options.sitemapLimits);
  const setSitemapPartAside = <T extends LoadedDocument>(document: T): T => {
    if (!output || output.liveReload) return document;
    sitemapParts.add(document.load.slug, document.sitemapFragment);
    return { ...document, sitemapFragment: "" };
  };
  const completeSite = async (loaded: readonly LoadedDocument[]) => {
    const site = await completeSiteLoad(resources, loaded.map((d) => d.load), problems);
    const fragments = output?.liveReload ? loaded.map((d) => d.sitemapFragment) : sitemapParts.fragments(loaded.map((d) => d.load.slug));
    const sitemapSplit = output !== undefined && site.loaded !== undefined && sitemapIsSplit(site.loaded.site, fragments, options.sitemapLimits);
    // When split, each document wrote its own sitemap file with its pages.
    const sitePagesWritten = output && site.loaded ? await writeSitePages(site.loaded, sitemapSplit ? undefined : fragments, output.dir, output.liveReload, options.sitemapLimits) : 0;
    return { site, sitePagesWritten, sitemapSplit };
  };
  const siteProblems = [...problems];
  const fileCaches = new RecentDocumentCaches(CACHED_BYTES);
  // Under `npm start` each document is read through a file cache, for the fingerprints of what its
  // pages were written from; a worker thread's caches stay there and are dropped.
  const cacheFor = (slug: string) => (options.liveReload ? fileCaches.of(slug) : undefined);
  let documents: BuiltDocument[];
  let completed: Awaited<ReturnType<typeof completeSite>>;
  if (threads > 1) {
    // Workers decide nothing about dates on their own: the main thread's build date goes with them.
    const setup = { ...loadOptions, buildDate: resources.buildDate, ...(output && { output }) };
    ({ documents, afterLoading: completed } = await buildDocumentsInParallel(setup, folders.slugs, threads, completeSite, setSitemapPartAside));
  } else {
    documents = [];
    // As in the threads: once a document has an error, the rest are checked but not written.
    let write = output !== undefined;
    for (const slug of folders.slugs) {
      const built = await buildDocument(resources, slug, write ? output : undefined, undefined, cacheFor(slug));
      fileCaches.trim();
      if (hasErrors(built.load.problems)) write = false;
      documents.push(setSitemapPartAside(built));
    }
    completed = await completeSite(documents);
  }
  const session: BuildSession = {
    resources,
    siteProblems,
    documents: new Map(documents.map((d) => [d.load.slug, d])),
    liveReload: options.liveReload === true,
    fileCaches,
    unwritten: new Set(),
    siteRules: new SiteRulesMemo(),
  };
  // Only now, once every document's pages are written, and only when the site fits one sitemap.
  const sitemapFilesRemoved = output && completed.site.loaded && !completed.sitemapSplit ? await removeDocumentSitemapFiles(output.dir, folders.slugs) : 0;
  const filesWritten = documents.reduce((n, d) => n + d.filesWritten, completed.sitePagesWritten) - sitemapFilesRemoved;
  return { ...completed.site, session, filesWritten };
}

/**
 * A small site (`writesInOneRun`: fewer Markdown files than make threads pay, and not many
 * megabytes of them): every document is loaded and checked first, then, if nothing is wrong, all
 * its pages, the documents' and the site-wide ones, are written in one Eleventy run, saving each
 * run's set-up; the run holds every page until it ends, which the size bound keeps small.
 */
async function buildSmallSite(resources: SiteResources, slugs: readonly string[], problems: Problem[], output: PageOutput, limits?: SitemapLimits): Promise<SiteLoad> {
  const fileCaches = new RecentDocumentCaches(CACHED_BYTES);
  const loads = [];
  for (const slug of slugs) {
    const loaded = startPhase(`${slug}: load and check`);
    loads.push(loadDocument(resources, slug, output.liveReload ? fileCaches.of(slug) : undefined));
    fileCaches.trim();
    loaded();
  }
  const light = loads.map(withoutTextLoad);
  const site = await completeSiteLoad(resources, light, problems);
  const outputs = loads.map((load) => (site.loaded && load.document ? documentOutput(resources, load.document) : { pages: [], sitemapFragment: "" }));
  const session: BuildSession = {
    resources,
    siteProblems: [...problems],
    documents: new Map(light.map((load, i) => [load.slug, { load, sitemapFragment: outputs[i]?.sitemapFragment ?? "", filesWritten: outputs[i]?.pages.length ?? 0 }])),
    liveReload: output.liveReload,
    fileCaches,
    unwritten: new Set(),
    siteRules: new SiteRulesMemo(),
  };
  if (!site.loaded) return { ...site, session };
  const written = startPhase("every page, in one Eleventy run");
  const pages = [...outputs.flatMap((o) => o.pages), ...sitePageEntries(site.loaded.site, outputs.map((o) => o.sitemapFragment), limits)];
  const filesWritten = await renderPages(
    { root: resources.root, translator: site.loaded.translator, pages, copyAssets: true, copiedFiles: brandFiles(resources.root, resources.settings), liveReload: output.liveReload },
    site.loaded.templateDirs,
    output.dir,
  );
  written();
  return { ...site, session, filesWritten };
}
