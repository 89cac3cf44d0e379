import { loadDocument, type DocumentLoad, type SiteResources } from "../content/load-site.ts";
import type { LegalDocument, Site } from "../content/model.ts";
import { hasErrors } from "../problems.ts";
import { documentPageEntries } from "../site/pages.ts";
import { renderPages } from "./render-pages.ts";

/** The model of a site made of the given documents, for rendering their pages. */
export function siteOf(resources: SiteResources, documents: readonly LegalDocument[]): Site {
  const { root, settings, buildDate, cookies } = resources;
  return { root, settings, buildDate, documents, ...(cookies.registry && { cookies: cookies.registry }) };
}

/**
 * A document as the site-wide pages (home, language indexes, sitemap) need it: titles, labels,
 * dates and languages, without the rendered text and sections, which are by far the largest part
 * and are no longer needed once the document's own pages are written.
 */
export function withoutText(doc: LegalDocument): LegalDocument {
  return {
    ...doc,
    versions: doc.versions.map((version) => ({
      ...version,
      translations: Object.fromEntries(Object.entries(version.translations).map(([locale, t]) => [locale, { ...t, html: "", toc: [], sections: [] }])),
    })),
  };
}

/**
 * Loads one document and, when `outDir` is given and the document is sound, writes its pages
 * there. What comes back is small: problems, links to check across documents, and the document
 * without its text. Run in a worker thread by a parallel build, or in the main thread.
 */
export async function buildDocument(resources: SiteResources, slug: string, outDir: string | undefined): Promise<DocumentLoad> {
  const t0 = performance.now();
  const load = await loadDocument(resources, slug);
  const t1 = performance.now();
  const { document } = load;
  if (!document) return load;
  // A document with errors is never published, and the build as a whole will stop.
  if (outDir !== undefined && resources.translator && !hasErrors(load.problems)) {
    const pages = documentPageEntries(siteOf(resources, [document]), slug);
    await renderPages({ root: resources.root, translator: resources.translator, pages, copyAssets: false }, resources.templateDirs, outDir);
  }
  const t2 = performance.now();
  if (process.env.CODICIL_TIMING) console.error("TIMING doc", slug, "load", ((t1 - t0) / 1000).toFixed(2), "render", ((t2 - t1) / 1000).toFixed(2), (process.memoryUsage().rss / 2 ** 20).toFixed(0));
  return { ...load, document: withoutText(document) };
}
