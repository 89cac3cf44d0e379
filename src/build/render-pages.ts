import { existsSync } from "node:fs";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { fileURLToPath } from "node:url";
import { CODICIL_DIR, entryPoint, RUNS_COMPILED } from "../installation.ts";
import { handOver, release, type PageSource } from "../eleventy/site-source.ts";

let tsxRegistered = false;

/**
 * The site's own Eleventy config when it has one, Codicil's otherwise (fixture sites in tests).
 * Compiled, Codicil's config is JavaScript; a site's own TypeScript config then needs tsx, which is
 * registered in this thread the first time such a config is met.
 */
async function configPath(root: string): Promise<string> {
  const own = path.join(root, ".eleventy.ts");
  const codicils = path.join(CODICIL_DIR, ".eleventy.ts");
  if (!existsSync(own) || own === codicils) return fileURLToPath(entryPoint("eleventy-config", ".eleventy.ts"));
  if (RUNS_COMPILED && !tsxRegistered) {
    const { register } = await import("tsx/esm/api");
    register();
    tsxRegistered = true;
  }
  return own;
}

/**
 * One Eleventy run over a list of pages, written into `outDir`; returns how many it wrote.
 * Eleventy keeps every page it renders in a run until the run ends, so the build makes one run per
 * document (a few hundred pages) rather than one for the whole site: memory then depends on the
 * largest document, not on the size of the site. A run costs Eleventy about 10 ms of set-up.
 */
export async function renderPages(source: PageSource, templateDirs: readonly string[], outDir: string): Promise<number> {
  handOver(source);
  try {
    const templatesDir = templateDirs[0] ?? path.join(CODICIL_DIR, "templates");
    const eleventy = new Eleventy(templatesDir, outDir, { configPath: await configPath(source.root), quietMode: true });
    // Eleventy would print "Wrote N files" after every run, one line per document; the build
    // command says once what it wrote. Errors still come back as exceptions.
    eleventy.disableLogger();
    const [, templates] = await eleventy.write();
    return templates.length;
  } finally {
    release(source.root);
  }
}
