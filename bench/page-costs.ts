import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { siteOf } from "../src/pipeline/document-task.ts";
import { renderPages } from "../src/rendering/render-pages.ts";
import { loadDocument } from "../src/content/load-document.ts";
import { loadSiteResources } from "../src/content/site-resources.ts";
import { documentPageEntries, type PageEntry, type PageView } from "../src/pages/pages.ts";
import { sharedTemplateEnvironment } from "../src/templating/environment.ts";
import { uiStringFilters } from "../src/templating/ui-strings.ts";

/**
 * Where one document's build time goes, in one thread, per document of a corpus (the first is
 * slower while V8 compiles the code):
 *
 *   SOURCE_DATE_EPOCH=1893456000 node --import tsx bench/page-costs.ts bench/.work/M 4
 *
 * With a third argument `real`, only the last step runs (documents loaded and written as a build
 * does, nothing rendered twice): the form to profile, with `node --cpu-prof --import tsx …`.
 *
 * - load: reading, checking and rendering the document's Markdown (`loadDocument`);
 * - views and templates: each page's view built, then rendered with Nunjucks alone, per kind;
 * - Eleventy, trivial pages: an Eleventy run writing the same files with a one-line template,
 *   which is what Eleventy costs per page whatever Codicil does;
 * - Eleventy, real pages: the run a build makes (views, Nunjucks, Eleventy and the writing).
 */
const [root = "bench/.work/M", count = "3", only] = process.argv.slice(2);
const { resources, problems } = await loadSiteResources({ root: path.resolve(root) });
if (!resources?.translator) throw new Error(`${root} could not be loaded: ${JSON.stringify(problems)}`);
const { translator } = resources;
const environment = sharedTemplateEnvironment(resources.templateDirs);
// The UI-string filters the Eleventy plugin registers (src/rendering/plugin.ts).
const filters = uiStringFilters(environment, () => translator);
environment.addFilter("t", filters.t);
environment.addFilter("tText", filters.tText);
const out = mkdtempSync(path.join(tmpdir(), "codicil-page-costs-"));
const ms = (since: number) => `${(performance.now() - since).toFixed(0)} ms`;

/** Each page's view built, then rendered with Nunjucks alone; printed per kind of page. */
function viewsAndTemplates(entries: readonly PageEntry[]): void {
  const kinds = new Map<string, { pages: number; view: number; render: number; bytes: number }>();
  for (const entry of entries) {
    const kind = kinds.get(entry.kind) ?? { pages: 0, view: 0, render: 0, bytes: 0 };
    let started = performance.now();
    const view = entry.view;
    kind.view += performance.now() - started;
    started = performance.now();
    kind.bytes += environment.render(view.template, { view, codicil: { liveReload: false } }).length;
    kind.render += performance.now() - started;
    kind.pages++;
    kinds.set(entry.kind, kind);
  }
  for (const [name, k] of kinds) {
    console.log(`  ${name.padEnd(13)} ${String(k.pages).padStart(4)} pages: view ${(k.view / k.pages).toFixed(2)} ms, templates ${(k.render / k.pages).toFixed(2)} ms, ${(k.bytes / k.pages / 1024).toFixed(1)} KB a page`);
  }
  const sum = (field: "view" | "render") => [...kinds.values()].reduce((n, k) => n + k[field], 0).toFixed(0);
  console.log(`  views ${sum("view")} ms, templates ${sum("render")} ms`);
}

try {
  for (let d = 1; d <= Number(count); d++) {
    const slug = `policy-${String(d).padStart(2, "0")}`;
    let started = performance.now();
    const { document } = loadDocument(resources, slug);
    if (!document) throw new Error(`${slug} did not load.`);
    console.log(`${slug}: load ${ms(started)}`);
    const entries = documentPageEntries(siteOf(resources, [document]), slug);

    if (only !== "real") viewsAndTemplates(entries);

    const trivial: PageEntry[] = entries.map((e) => ({ kind: e.kind, permalink: e.permalink, view: { template: "layouts/text.njk", text: "x" } as unknown as PageView }));
    const runs = only === "real" ? ([["real pages", entries]] as const) : ([["trivial pages", trivial], ["real pages", entries]] as const);
    for (const [name, pages] of runs) {
      started = performance.now();
      const written = await renderPages({ root: resources.root, translator, pages, copyAssets: false, liveReload: false }, resources.templateDirs, path.join(out, slug, name));
      console.log(`  Eleventy, ${name}: ${written} files in ${ms(started)}`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
