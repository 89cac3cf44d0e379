import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { DocumentFileCache } from "../content/file-cache.ts";
import { loadDocument, type DocumentLoad } from "../content/load-document.ts";
import { type SiteResources } from "../content/site-resources.ts";
import type { LegalDocument, Site } from "../model/site.ts";
import { hasErrors } from "../core/problems.ts";
import { outputPermalink, paths } from "../addresses/urls.ts";
import { documentPageEntries, documentSitemapEntries, documentSitemapFileEntry, type PageEntry } from "../pages/pages.ts";
import { renderSitemapUrls } from "../rendering/sitemap-urls.ts";
import { renderPages } from "../rendering/render-pages.ts";
import { startPhase } from "./timings.ts";

/** The model of a site made of the given documents, for rendering their pages. */
export function siteOf(resources: SiteResources, documents: readonly LegalDocument[]): Site {
  const { root, settings, buildDate, cookies } = resources;
  return { root, settings, buildDate, documents, ...(cookies.registry && { cookies: cookies.registry }) };
}

/**
 * A document as the site-wide pages (home, language indexes, sitemap) need it: titles, labels,
 * dates and languages, without the rendered text and sections, which are by far the largest part
 * and are no longer needed once the document's own pages are written, nor the source's SHA-256,
 * which changes with the text (`npm start` compares the rest to tell an edit of the text alone).
 */
export function withoutText(doc: LegalDocument): LegalDocument {
  return {
    ...doc,
    versions: doc.versions.map((version) => ({
      ...version,
      translations: Object.fromEntries(Object.entries(version.translations).map(([locale, t]) => [locale, { ...t, html: "", toc: [], sections: [], sourceSha256: "" }])),
    })),
  };
}

/** A document's load as the rules across documents and the site-wide pages keep it: without its text. */
export function withoutTextLoad(load: DocumentLoad): DocumentLoad {
  return load.document ? { ...load, document: withoutText(load.document) } : load;
}

/** Where and how pages are written. */
export interface PageOutput {
  readonly dir: string;
  /** Pages are served by `npm start`, whose live-reload script the pages' CSP must then allow. */
  readonly liveReload: boolean;
}

/** A document loaded and, in a build, written, with its part of the sitemap. */
export interface BuiltDocument {
  readonly load: DocumentLoad;
  /**
   * The `<url>` elements of the document's pages; empty when nothing was written, and once a
   * build that writes documents one at a time has set it aside (`DocumentSitemapParts`).
   */
  readonly sitemapFragment: string;
  readonly filesWritten: number;
}

/** A document as the rules across documents and the site-wide pages need it, before its pages are written. */
export type LoadedDocument = Omit<BuiltDocument, "filesWritten">;

/**
 * Loads one document and, when `output` is given and the document is sound, writes its pages
 * there. What comes back is small: problems, links to check across documents, and the document
 * without its text. Run in a worker thread by a parallel build, or in the main thread. `loaded`
 * hears of the document as soon as it is loaded, before its pages are written. `npm start` gives
 * a `cache`, so the load carries the fingerprints its first rebuild compares with.
 */
export async function buildDocument(
  resources: SiteResources,
  slug: string,
  output: PageOutput | undefined,
  loaded?: (document: LoadedDocument) => void,
  cache?: DocumentFileCache,
): Promise<BuiltDocument> {
  const phase = startPhase(`${slug}: load and check`);
  const load = loadDocument(resources, slug, cache);
  phase();
  const { document } = load;
  const light = withoutTextLoad(load);
  // A document with errors is never published, and the build as a whole will stop.
  const toWrite = output && document && resources.translator && !hasErrors(load.problems) ? { output, document, prepared: documentOutput(resources, document) } : undefined;
  const sitemapFragment = toWrite?.prepared.sitemapFragment ?? "";
  loaded?.({ load: light, sitemapFragment });
  // With the document's own sitemap file, for a site too large for one: the build removes it
  // again if the site fits (`removeDocumentSitemapFiles`), and need not keep every part till the end.
  const pages = toWrite ? [...toWrite.prepared.pages, ...optional(documentSitemapFileEntry(siteOf(resources, [toWrite.document]), slug, sitemapFragment))] : [];
  const filesWritten = toWrite ? await writeDocumentPages(resources, toWrite.document, pages, toWrite.output) : 0;
  return { load: light, sitemapFragment, filesWritten };
}

const optional = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

/**
 * After a build that wrote each document's `/sitemaps/<doc>.xml` with its pages, when the site
 * turned out to fit one `/sitemap.xml`: those files are removed. Returns how many were.
 */
export async function removeDocumentSitemapFiles(outDir: string, slugs: readonly string[]): Promise<number> {
  let removed = 0;
  for (const slug of slugs) {
    const file = path.join(outDir, outputPermalink(paths.sitemapPart(slug)));
    if (!existsSync(file)) continue;
    await rm(file);
    removed++;
  }
  const folder = path.join(outDir, path.dirname(outputPermalink(paths.sitemapPart("_home"))));
  if (existsSync(folder) && readdirSync(folder).length === 0) await rm(folder, { recursive: true });
  return removed;
}

/**
 * Pages to write before the others, and what to do once they are written: under `npm start`, the
 * pages in the language of the file just edited, so the page its editor is looking at is
 * reloaded first (about 20 of a large document's 660 pages); the rest follow.
 */
export interface FirstPages {
  readonly locales: ReadonlySet<string>;
  readonly written: () => void;
}

/** A loaded document's pages, for an Eleventy run, and its part of the sitemap. */
export function documentOutput(resources: SiteResources, document: LegalDocument): { pages: PageEntry[]; sitemapFragment: string } {
  const site = siteOf(resources, [document]);
  return {
    pages: documentPageEntries(site, document.slug),
    sitemapFragment: renderSitemapUrls(resources.templateDirs, documentSitemapEntries(site, document.slug)),
  };
}

/** Writes a loaded document's pages (`documentOutput`) with one Eleventy run (two with `first`); returns how many files it wrote. */
export async function writeDocumentPages(
  resources: SiteResources,
  document: LegalDocument,
  pages: readonly PageEntry[],
  output: PageOutput,
  first?: FirstPages,
): Promise<number> {
  const { translator } = resources;
  if (!translator || pages.length === 0) return 0;
  const written = startPhase(`${document.slug}: write pages`);
  const render = (list: readonly PageEntry[]) =>
    renderPages({ root: resources.root, translator, pages: list, copyAssets: false, liveReload: output.liveReload }, resources.templateDirs, output.dir);
  const isFirst = (page: PageEntry) => page.locale !== undefined && first?.locales.has(page.locale) === true;
  const firstPages = pages.filter(isFirst);
  let filesWritten = 0;
  if (first && firstPages.length > 0) {
    filesWritten += await render(firstPages);
    first.written();
    const rest = pages.filter((page) => !isFirst(page));
    if (rest.length > 0) filesWritten += await render(rest);
  } else filesWritten = await render(pages);
  written();
  return filesWritten;
}
