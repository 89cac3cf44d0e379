import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * CPU time of the changes pages' work of a generated corpus: each changes page's view (its
 * comparison included) and its Nunjucks rendering, for the first N documents (loading not counted).
 *
 *   SOURCE_DATE_EPOCH=1893456000 node --import tsx bench/changes-costs.ts <corpus> [documents] [checkout]
 *
 * The third argument runs the code of another checkout of Codicil (a copy of the repository with
 * node_modules), to measure two versions in alternating processes on the same machine.
 */
const [root = "bench/.work/S", count = "5", checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")] = process.argv.slice(2);
const code = path.resolve(checkout);
// Checkouts from before src/content/load-site.ts was split have both functions there.
const split = existsSync(path.join(code, "src/content/load-document.ts"));
const { loadDocument } = (await import(path.join(code, split ? "src/content/load-document.ts" : "src/content/load-site.ts"))) as typeof import("../src/content/load-document.ts"); // eslint-disable-line @typescript-eslint/consistent-type-imports -- the module is loaded from another checkout
const { loadSiteResources } = (await import(path.join(code, split ? "src/content/site-resources.ts" : "src/content/load-site.ts"))) as typeof import("../src/content/site-resources.ts"); // eslint-disable-line @typescript-eslint/consistent-type-imports
const { documentPageEntries } = (await import(path.join(code, "src/pages/pages.ts"))) as typeof import("../src/pages/pages.ts"); // eslint-disable-line @typescript-eslint/consistent-type-imports
const { siteOf } = (await import(path.join(code, "src/pipeline/document-task.ts"))) as typeof import("../src/pipeline/document-task.ts"); // eslint-disable-line @typescript-eslint/consistent-type-imports
const { sharedTemplateEnvironment } = (await import(path.join(code, "src/templating/environment.ts"))) as typeof import("../src/templating/environment.ts"); // eslint-disable-line @typescript-eslint/consistent-type-imports

const { resources, problems } = await loadSiteResources({ root: path.resolve(root) });
if (!resources?.translator) throw new Error(`${root} could not be loaded: ${JSON.stringify(problems)}`);
const { translator } = resources;
const environment = sharedTemplateEnvironment(resources.templateDirs);
environment.addFilter("t", (key: string, locale: string, values?: Record<string, unknown>) => translator.t(locale, key, values));
const entries = [];
for (let d = 1; d <= Number(count); d++) {
  const slug = `policy-${String(d).padStart(2, "0")}`;
  const { document } = loadDocument(resources, slug);
  if (!document) throw new Error(`${slug} did not load.`);
  entries.push(...documentPageEntries(siteOf(resources, [document]), slug).filter((e) => e.kind === "changes"));
}
const before = process.cpuUsage();
let bytes = 0;
// A page's view is built when first read: here, inside the measured loop.
for (const entry of entries) bytes += environment.render(entry.view.template, { view: entry.view, codicil: { liveReload: false } }).length;
const cpu = process.cpuUsage(before);
console.log(JSON.stringify({ pages: entries.length, bytes, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
