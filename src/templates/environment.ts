import nunjucks from "nunjucks";

/**
 * The one way Codicil makes a Nunjucks environment, shared by the Eleventy plugin (pages) and by
 * the renderer of cookie tables (HTML inside a document, made at load time before Eleventy runs),
 * so that both resolve templates from the site's templates/ first and Codicil's second, and both
 * have autoescape explicitly on: every value printed is escaped unless marked safe.
 */
export function createTemplateEnvironment(templateDirs: readonly string[]): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader([...templateDirs]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
}

type Environment = ReturnType<typeof createTemplateEnvironment>;

// On globalThis under a registered symbol, like the page hand-over (src/eleventy/site-source.ts):
// Eleventy imports the plugin through its own loader, which may be another module instance than
// the build command's. Each worker thread has its own globalThis, so its own environments.
const REGISTRY = Symbol.for("codicil.sharedTemplateEnvironments");
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, Environment> };
const environments = (globalRegistry[REGISTRY] ??= new Map<string, Environment>());

/**
 * The environment pages are rendered with: one per template search path and thread, reused by
 * every Eleventy run of a build and by each document's part of the sitemap. Eleventy keeps each
 * environment it is given for the life of the process (its engine remembers which libraries it
 * has amended), and with it the filters of that run and the pages they reach; a build makes one
 * run per document, so a new environment each time would keep every document's pages in memory.
 * Eleventy sets the filters again on each run. Templates compile once per build:
 * `reloadSharedTemplates` starts every build afresh, so an edited template is read again (under
 * `npm start` too).
 */
export function sharedTemplateEnvironment(templateDirs: readonly string[]): Environment {
  const key = templateDirs.join("\0");
  const environment = environments.get(key) ?? createTemplateEnvironment(templateDirs);
  environments.set(key, environment);
  return environment;
}

/**
 * Called at the start of every build: templates are read and compiled again. The environments
 * themselves stay: Eleventy keeps the page layout it compiled with one for the whole process.
 */
export function reloadSharedTemplates(): void {
  // `invalidateCache` empties every loader's cache; it is missing from Nunjucks' type definitions.
  for (const environment of environments.values()) (environment as Environment & { invalidateCache(): void }).invalidateCache();
}
