import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { Environment } from "nunjucks";
import { overridableDirs } from "../content/site-resources.ts";
import { extensionNames } from "../patches/nunjucks-extension-names.ts";
import { sharedTemplateEnvironment } from "../templating/environment.ts";
import { uiStringFilters } from "../templating/ui-strings.ts";
import { assetsDir, obtainPages, type PageSource } from "./site-source.ts";

/**
 * Eleventy adds its shortcode tags (`setAsync`) to the environment on every run, and Nunjucks
 * appends each to a list; the previous run's go first, so a reused environment does not grow with
 * every run. Codicil adds no Nunjucks extensions of its own (cookie tables are a markdown-it rule).
 */
function withoutExtensions<T extends Environment>(environment: T): T {
  for (const name of extensionNames(environment)) environment.removeExtension(name);
  return environment;
}

/**
 * The virtual page layout, in the `_includes/` of the run's input folder (the site's templates/,
 * or Codicil's for every site without its own), where Eleventy keeps it compiled, with the
 * environment of that folder's search path, for the whole process: each site with templates of
 * its own has its own (tests/integration/several-sites.test.ts).
 */
const PAGE_LAYOUT = "codicil-page.njk";

export interface CodicilPluginOptions {
  /** The site repository; defaults to the working directory. */
  readonly root?: string;
  /** The pages the build command loaded (`renderPages`); without them the plugin loads the site itself. */
  readonly source?: PageSource;
}

/**
 * Registers Codicil with Eleventy: the page list as global data, one paginated virtual template
 * that renders every page through the template its view names, the Nunjucks environment, the UI
 * string filter and the stylesheet. No logic of its own lives here.
 */
export function codicilPlugin(eleventyConfig: UserConfig, options: CodicilPluginOptions = {}): void {
  const root = path.resolve(options.source?.root ?? options.root ?? process.cwd());
  const templateDirs = overridableDirs(root, "templates");
  let source: PageSource | undefined;

  eleventyConfig.addGlobalData("codicil", async () => {
    source = options.source ?? (await obtainPages(root));
    return { pages: source.pages, liveReload: source.liveReload };
  });
  // The environment, and the filters below with it, outlive the run; the pages need not.
  eleventyConfig.on("eleventy.after", () => {
    source = undefined;
  });

  // Our own environment: the site's templates/ first, Codicil's second, autoescape on.
  const environment = sharedTemplateEnvironment(templateDirs);
  eleventyConfig.setLibrary("njk", withoutExtensions(environment));

  /**
   * `{{ "document.updated" | t(view.locale) }}`: every UI string comes from i18next; `t` marks one
   * in another language than the page, `tText` (attributes, `<title>`, feeds) never does.
   */
  const filters = uiStringFilters(environment, () => {
    if (!source) throw new Error("Codicil: a template asked for a UI string before the site was loaded.");
    return source.translator;
  });
  eleventyConfig.addFilter("t", filters.t);
  eleventyConfig.addFilter("tText", filters.tText);

  // Pages come from the model, not from input files: legal text is never run as a template, so a
  // literal `{{` in a policy stays literal, and one template serves every page of a kind.
  // The page is rendered by a layout, not as the template's own content: Eleventy renders every
  // template's content first and keeps all of it until the end of the build (for collections),
  // while layouts are rendered page by page as each file is written. (Eleventy's write() still
  // returns every page's output, so a large site is written one document per run; see
  // docs/architecture.md.) `entry.view` builds the view on each read, so it is read once here and
  // collected after the page.
  eleventyConfig.addTemplate(`_includes/${PAGE_LAYOUT}`, "{% set view = entry.view %}{% include view.template %}", {});
  eleventyConfig.addTemplate("codicil-pages.njk", "", {
    layout: PAGE_LAYOUT,
    pagination: { data: "codicil.pages", size: 1, alias: "entry", addAllPagesToCollections: false },
    permalink: (data: { entry: { permalink: string } }) => data.entry.permalink,
    eleventyExcludeFromCollections: true,
  });

  // Under Eleventy's own commands; Codicil's build copies the assets itself once the pages are
  // written (`renderPages`, which says why).
  const assets = assetsDir(templateDirs);
  if (assets && !options.source) eleventyConfig.addPassthroughCopy({ [assets]: "assets" });

  // Eleventy's input folder (the templates folder `renderPages` gives it; under Eleventy's own
  // commands, the working folder) holds layouts and partials, never pages of their own.
  eleventyConfig.ignores.add("**/*.njk");

  eleventyConfig.addWatchTarget(path.join(root, "content"));
  eleventyConfig.addWatchTarget(path.join(root, "locales"));
  eleventyConfig.setUseGitIgnore(false);
}

// The build command adds the plugin, with its pages, before Eleventy reads the config file, which
// adds it again (a site's own config may too): Eleventy keeps the first of a unique plugin's name.
codicilPlugin.eleventyPackage = "codicil";
codicilPlugin.eleventyPluginOptions = { unique: true };
