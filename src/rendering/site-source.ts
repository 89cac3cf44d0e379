import { existsSync } from "node:fs";
import path from "node:path";
import { loadSite } from "../content/load-site.ts";
import type { Translator } from "../i18n/translations.ts";
import { ContentError, formatProblem, sortProblems } from "../core/problems.ts";
import { pageEntries, type PageEntry } from "../pages/pages.ts";
import { renderSitemapUrls } from "./sitemap-urls.ts";

/**
 * What one Eleventy run renders: a list of pages and the UI strings to print them with.
 * The build command loads and validates the content itself (to print problems cleanly and stop
 * before Eleventy starts), then hands Eleventy the pages of one document at a time, or the
 * site-wide pages, so nothing is parsed twice and no run holds the whole site's output.
 * Under `eleventy --serve` nothing is handed over and each rebuild loads the content afresh.
 */
export interface PageSource {
  readonly root: string;
  readonly translator: Translator;
  readonly pages: readonly PageEntry[];
  /** Copy templates/assets/ (once per build, with the site-wide pages). */
  readonly copyAssets: boolean;
  /** The pages are served by `npm start`: their CSP allows its live-reload script. */
  readonly liveReload: boolean;
}

// Kept on globalThis, not in module scope: Eleventy imports the config (and with it this module)
// through its own loader, which under a test runner is a different module instance than the
// command's. A registered symbol is the one thing both instances share. Each worker thread has
// its own globalThis, so each has its own hand-over.
const REGISTRY = Symbol.for("codicil.pagesBeingBuilt");
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, PageSource> };
const handedOver = (globalRegistry[REGISTRY] ??= new Map<string, PageSource>());

export function handOver(source: PageSource): void {
  handedOver.set(path.resolve(source.root), source);
}

/** The site a build command is rendering right now, if any (one Eleventy run at a time per thread). */
export function siteBeingBuilt(): PageSource | undefined {
  return [...handedOver.values()].at(-1);
}

export function release(root: string): void {
  handedOver.delete(path.resolve(root));
}

/** The stylesheet's folder: `assets/` in the site's templates/ if it has one, else in Codicil's. */
export function assetsDir(templateDirs: readonly string[]): string | undefined {
  return templateDirs.map((dir) => path.join(dir, "assets")).find((dir) => existsSync(dir));
}

export async function obtainPages(root: string): Promise<PageSource> {
  const resolved = path.resolve(root);
  const ready = handedOver.get(resolved);
  if (ready) return ready;
  const { loaded, problems } = await loadSite({ root: resolved });
  if (!loaded) throw new ContentError(problems);
  for (const problem of sortProblems(problems)) console.warn(formatProblem(problem));
  const pages = pageEntries(loaded.site, (entries) => renderSitemapUrls(loaded.templateDirs, entries));
  // Eleventy's own --serve (the command uses Codicil's dev server, src/dev-server/) also reloads live.
  return { root: resolved, translator: loaded.translator, pages, copyAssets: true, liveReload: process.env.ELEVENTY_RUN_MODE === "serve" };
}
