import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadDocument } from "../src/content/load-document.ts";
import { loadSiteResources } from "../src/content/site-resources.ts";
import type { TextSection } from "../src/model/text.ts";
import type * as Compare from "../src/diff/compare.ts";

/**
 * CPU time of the comparisons behind every changes page of a generated corpus, nothing else
 * (documents are loaded first, not counted): the work the word segmenter and the bounds serve.
 *
 *   node --import tsx bench/compare-costs.ts bench/.work/S [documents] [rounds] [compare module]
 *
 * The fourth argument loads `compareSections` from another copy of src/diff/compare.ts, to
 * measure two versions of it in alternating processes on the same machine.
 */
const [root = "bench/.work/S", documents = "10", rounds = "3", module = "../src/diff/compare.ts"] = process.argv.slice(2);
const { compareSections } = (await import(module.startsWith(".") ? module : pathToFileURL(path.resolve(module)).href)) as typeof Compare;
const { resources, problems } = await loadSiteResources({ root: path.resolve(root) });
if (!resources) throw new Error(`${root} could not be loaded: ${JSON.stringify(problems)}`);

const pairs: [TextSection[], TextSection[]][] = [];
for (let d = 1; d <= Number(documents); d++) {
  const { document } = loadDocument(resources, `policy-${String(d).padStart(2, "0")}`);
  if (!document) throw new Error(`policy ${d} did not load.`);
  const versions = [...document.versions].sort((a, b) => (a.updated < b.updated ? -1 : 1));
  for (let v = 1; v < versions.length; v++) {
    for (const [locale, translation] of Object.entries(versions[v]?.translations ?? {})) {
      const previous = versions[v - 1]?.translations[locale];
      if (translation && previous) pairs.push([[...previous.sections], [...translation.sections]]);
    }
  }
}
const before = process.cpuUsage();
let changed = 0;
for (let r = 0; r < Number(rounds); r++) for (const [older, newer] of pairs) changed += compareSections(older, newer).counts.changed;
const cpu = process.cpuUsage(before);
console.log(JSON.stringify({ pages: pairs.length, rounds: Number(rounds), cpuSeconds: (cpu.user + cpu.system) / 1e6, changed }));
