import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Eleventy, type UserConfig } from "@11ty/eleventy";
import { CODICIL_DIR, entryPoint, RUNS_COMPILED } from "../core/installation.ts";
import { codicilPlugin } from "./plugin.ts";
import { assetsDir, type PageSource } from "./site-source.ts";

/** The site's own Eleventy config (`.eleventy.ts` in its folder, when that is not Codicil's own folder). */
export function ownEleventyConfig(root: string): string | undefined {
  const own = path.join(root, ".eleventy.ts");
  return existsSync(own) && realpathSync(own) !== realpathSync(path.join(CODICIL_DIR, ".eleventy.ts")) ? own : undefined;
}

/**
 * The site's own Eleventy config when it has one, Codicil's otherwise (fixture sites in tests).
 * A site's own config is TypeScript, which bin/codicil.mjs runs from source, through tsx; compiled
 * code meets one only when it was added after the command started.
 */
function configPath(root: string): string {
  const own = ownEleventyConfig(root);
  if (!own) return fileURLToPath(entryPoint("eleventy-config", ".eleventy.ts"));
  if (RUNS_COMPILED) throw new Error(`${own} was added after the command started; start it again to use that Eleventy config.`);
  return own;
}

/**
 * Eleventy times every filter and prints a line when one takes more than 8 % of a run: on a large
 * site, `[11ty] Benchmark … "t" Nunjucks Filter` after the site-wide pages, which list every
 * document in every language. An editor can do nothing about it, and
 * Codicil has its own timings (`CODICIL_TIMINGS=1`). Eleventy 3.1.7 means quiet mode to silence
 * these, but makes the group that times filters before it knows about quiet mode, so it says so here.
 */
function withoutBenchmarkWarnings(config: UserConfig): void {
  config.benchmarks.config.setIsVerbose(false);
}

/**
 * One Eleventy run over a list of pages, written into `outDir`; returns how many files it wrote,
 * the copied assets included.
 * Eleventy keeps every page it renders in a run until the run ends, so a large site's build makes
 * one run per document (a few hundred pages) rather than one for the whole site: memory then
 * depends on the largest document, not on the size of the site. Each run has a set-up cost of its
 * own, so a small site is written in one run (docs/architecture.md).
 */
export async function renderPages(source: PageSource, templateDirs: readonly string[], outDir: string): Promise<number> {
  const templatesDir = templateDirs[0] ?? path.join(CODICIL_DIR, "templates");
  // Eleventy's input folder, which Codicil's config leaves to this call, is given relative to the
  // working folder: Eleventy matches its ignore patterns (the plugin's `**/*.njk`, which keeps
  // layouts and partials from being rendered as pages) against paths relative to it, and a
  // folder outside it only takes them in that form.
  const input = path.relative(process.cwd(), templatesDir) || ".";
  // The pages go to the plugin as its options, through Eleventy's configuration callback, which
  // runs before the config file (whose own `addPlugin` then gives way, the plugin being unique).
  // Eleventy keeps the last run's configuration, these options with it, in a cache of its modules
  // (its layouts'), so the pages leave them once the run is over: otherwise each thread would hold
  // a finished document's pages and model through the next document's run.
  const pluginOptions: { source?: PageSource } = { source };
  const config = (eleventyConfig: UserConfig): void => {
    withoutBenchmarkWarnings(eleventyConfig);
    eleventyConfig.addPlugin(codicilPlugin, pluginOptions);
  };
  const eleventy = new Eleventy(input, outDir, { configPath: configPath(source.root), quietMode: true, config });
  // Eleventy would print "Wrote N files" after every run, one line per document; the build
  // command says once what it wrote. Errors still come back as exceptions.
  eleventy.disableLogger();
  const [, templates] = await eleventy.write().finally(() => delete pluginOptions.source);
  // The assets are copied here, once the pages are written, rather than by Eleventy's
  // passthrough copy: when a template fails, Eleventy rejects the run while its copy is still
  // under way and no longer awaits it. The failed build then removes its temporary folder, and
  // the copy either failed, its rejection unhandled, or made the folder again and left it behind
  // (tests/integration/failed-build.test.ts).
  const assets = source.copyAssets ? assetsDir(templateDirs) : undefined;
  const files = source.copyAssets ? (source.copiedFiles ?? []) : [];
  for (const file of files) {
    mkdirSync(path.dirname(path.join(outDir, file.to)), { recursive: true });
    cpSync(file.from, path.join(outDir, file.to));
  }
  // A symbolic link is copied as it is written, as Eleventy's copy did (not made absolute).
  if (!assets) return templates.length + files.length;
  const copied = path.join(outDir, "assets");
  // Pages may live in assets/ too (`/assets/site.css`): only the files the copy adds are counted.
  const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory()).length : 0);
  const before = filesIn(copied);
  cpSync(assets, copied, { recursive: true, verbatimSymlinks: true });
  return templates.length + files.length + filesIn(copied) - before;
}
