import { existsSync } from "node:fs";
import path from "node:path";
import { loadSite } from "../content/load-site.ts";
import type { Translator } from "../i18n/translations.ts";
import { ContentError, formatProblem, sortProblems } from "../core/problems.ts";
import { pageEntries, type PageEntry } from "../pages/pages.ts";
import { brandFiles, type CopiedFile } from "../pages/brand.ts";
import { renderSitemapUrls } from "./sitemap-urls.ts";

/**
 * What one Eleventy run renders: a list of pages and the UI strings to print them with.
 * The build command loads and validates the content itself (to print problems cleanly and stop
 * before Eleventy starts), then gives the plugin the pages of one document at a time, or the
 * site-wide pages (`renderPages`), so nothing is parsed twice and no run holds the whole site's
 * output. Under Eleventy's own commands the plugin loads the content itself (`obtainPages`).
 */
export interface PageSource {
  readonly root: string;
  readonly translator: Translator;
  readonly pages: readonly PageEntry[];
  /** Copy templates/assets/ and the site's brand files (once per build, with the site-wide pages). */
  readonly copyAssets: boolean;
  /** Files copied as they are (the logo), with the assets. */
  readonly copiedFiles?: readonly CopiedFile[];
  /** The pages are served by `npm start`: their CSP allows its live-reload script. */
  readonly liveReload: boolean;
}

/** The stylesheet's folder: `assets/` in the site's templates/ if it has one, else in Codicil's. */
export function assetsDir(templateDirs: readonly string[]): string | undefined {
  return templateDirs.map((dir) => path.join(dir, "assets")).find((dir) => existsSync(dir));
}

/** The whole site's pages, for Eleventy's own commands (`eleventy --serve`), which give the plugin none. */
export async function obtainPages(root: string): Promise<PageSource> {
  const resolved = path.resolve(root);
  const { loaded, problems } = await loadSite({ root: resolved });
  if (!loaded) throw new ContentError(problems);
  for (const problem of sortProblems(problems)) console.warn(formatProblem(problem));
  const pages = pageEntries(loaded.site, (entries) => renderSitemapUrls(loaded.templateDirs, entries));
  // Eleventy's own --serve (the command uses Codicil's dev server, src/dev-server/) also reloads live.
  return { root: resolved, translator: loaded.translator, pages, copyAssets: true, copiedFiles: brandFiles(resolved, loaded.site.settings), liveReload: process.env.ELEVENTY_RUN_MODE === "serve" };
}
