import path from "node:path";
import { loadSite, type LoadedSite } from "../content/load-site.ts";
import { ContentError, formatProblem, sortProblems } from "../problems.ts";

/**
 * Where Eleventy gets the loaded site from. The `codicil build` command loads and validates the
 * content itself (to print problems cleanly and stop before Eleventy starts) and hands the result
 * over here, so the content is parsed and rendered once. Under `eleventy --serve` nothing is handed
 * over and each rebuild loads the content afresh, which is what makes edits show up.
 */
// Kept on globalThis, not in module scope: Eleventy imports the config (and with it this module)
// through its own loader, which under a test runner is a different module instance than the
// command's. A registered symbol is the one thing both instances share.
const REGISTRY = Symbol.for("codicil.sitesBeingBuilt");
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, LoadedSite> };
const handedOver = (globalRegistry[REGISTRY] ??= new Map<string, LoadedSite>());

export function handOver(loaded: LoadedSite): void {
  handedOver.set(loaded.site.root, loaded);
}

/** The site a build command is rendering right now, if any (one build runs at a time). */
export function siteBeingBuilt(): LoadedSite | undefined {
  return [...handedOver.values()].at(-1);
}

export function release(root: string): void {
  handedOver.delete(path.resolve(root));
}

export async function obtainSite(root: string): Promise<LoadedSite> {
  const resolved = path.resolve(root);
  const ready = handedOver.get(resolved);
  if (ready) return ready;
  const { loaded, problems } = await loadSite({ root: resolved });
  if (!loaded) throw new ContentError(problems);
  for (const problem of sortProblems(problems)) console.warn(formatProblem(problem));
  return loaded;
}
