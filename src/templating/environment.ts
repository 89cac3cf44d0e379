import path from "node:path";
import nunjucks from "nunjucks";
import { redlineWords, type MarkedWords, type UiString } from "./redline-words.ts";
import { forgetMarkedStrings } from "./ui-strings.ts";
import { CODICIL_DIR } from "../core/installation.ts";

/**
 * `{% extends "codicil/layouts/base.njk" %}`: Codicil's own version of a template, so that a site's
 * templates/ can override one layout or partial and still build on Codicil's (its own
 * `layouts/base.njk` could not extend `layouts/base.njk`, which is itself).
 */
export const CODICIL_TEMPLATES_PREFIX = "codicil/";

/** Serves only names under `codicil/`, from Codicil's templates/. */
class CodicilTemplatesLoader extends nunjucks.FileSystemLoader {
  override getSource(name: string): nunjucks.LoaderSource {
    // Nunjucks' types say a source, but a loader answers null for a name it does not have.
    if (!name.startsWith(CODICIL_TEMPLATES_PREFIX)) return null as unknown as nunjucks.LoaderSource;
    return super.getSource(name.slice(CODICIL_TEMPLATES_PREFIX.length));
  }
}

/**
 * The one way Codicil makes a Nunjucks environment, shared by the Eleventy plugin (pages) and by
 * the renderer of cookie tables (HTML inside a document, made at load time before Eleventy runs),
 * so that both resolve templates from the site's templates/ first and Codicil's second (and
 * `codicil/…` from Codicil's alone), and both have autoescape explicitly on: every value printed is
 * escaped unless marked safe.
 */
export function createTemplateEnvironment(templateDirs: readonly string[]): Environment {
  const loaders = [new nunjucks.FileSystemLoader([...templateDirs]), new CodicilTemplatesLoader(path.join(CODICIL_DIR, "templates"))];
  const environment: Environment = new nunjucks.Environment(loaders, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  environment.addFilter("renderOnce", (items: unknown, template: string) => renderOnce(environment, items, template));
  // With whichever `t` filter the environment has when a page is rendered (the plugin sets it on each
  // run), called as Nunjucks calls a filter: on the template's context, which Eleventy's filters read.
  environment.addFilter("redlineWords", function (this: unknown, segments: readonly MarkedWords[], locale: string) {
    const t = environment.getFilter("t") as UiString;
    return redlineWords(segments, locale, (key, language) => t.call(this, key, language));
  });
  environment.addFilter("cssString", (value: unknown) => new nunjucks.runtime.SafeString(cssString(String(value))));
  return environment;
}

type Environment = nunjucks.Environment;

/**
 * `{{ text | cssString }}`: text as a quoted CSS string (CSS Syntax 3, "consume a string token"), for
 * generated stylesheets, where HTML escaping would print `&amp;` and a quote or backslash would end
 * the string. Line breaks and other control characters become hex escapes.
 */
export function cssString(text: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point here
  return `"${text.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** Per environment: a list → the partials rendered with it → their HTML. */
let renderedOnce = new WeakMap<Environment, WeakMap<object, Map<string, string>>>();

/**
 * `{{ view.alternates | renderOnce("partials/alternate-links.njk") }}`: the partial rendered with
 * `items` set to the value, once per value and partial, and printed as it is (it was escaped when
 * rendered). The pages of a family (the same page in each language) share one list of hreflang
 * alternates, and the sitemap lists it again for each of them: on a site in thirty languages each
 * list would otherwise be rendered thirty times over in pages and thirty in the sitemap, loop step
 * by loop step. Only a list the views share is worth it; any other value is
 * rendered each time.
 */
function renderOnce(environment: Environment, items: unknown, template: string): nunjucks.runtime.SafeString {
  if (typeof items !== "object" || items === null) return new nunjucks.runtime.SafeString(environment.render(template, { items }));
  let cache = renderedOnce.get(environment);
  if (!cache) renderedOnce.set(environment, (cache = new WeakMap()));
  let byTemplate = cache.get(items);
  if (!byTemplate) cache.set(items, (byTemplate = new Map<string, string>()));
  let html = byTemplate.get(template);
  if (html === undefined) byTemplate.set(template, (html = environment.render(template, { items })));
  return new nunjucks.runtime.SafeString(html);
}

// One per thread: each worker thread has its own modules. The build command gives Eleventy the
// plugin of its own module instance (`renderPages`), so it shares these with `reloadSharedTemplates`.
const environments = new Map<string, Environment>();

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
  const key = templateSearchPathKey(templateDirs);
  const environment = environments.get(key) ?? createTemplateEnvironment(templateDirs);
  environments.set(key, environment);
  return environment;
}

/** What tells template search paths apart: one environment per key. */
function templateSearchPathKey(templateDirs: readonly string[]): string {
  return templateDirs.join("\0");
}

/**
 * Called at the start of every build: templates are read and compiled again. The environments
 * themselves stay: Eleventy keeps each page layout it compiled (one per input folder) for the whole
 * process, and with it the environment it was compiled with.
 */
export function reloadSharedTemplates(): void {
  // `invalidateCache` empties every loader's cache; it is missing from Nunjucks' type definitions.
  for (const environment of environments.values()) {
    (environment as Environment & { invalidateCache(): void }).invalidateCache();
  }
  // What was rendered with the templates before.
  renderedOnce = new WeakMap();
  forgetMarkedStrings();
}
