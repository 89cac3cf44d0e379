import { existsSync } from "node:fs";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { overridableDirs, type LoadedSite } from "../content/load-site.ts";
import { buildPages } from "../site/pages.ts";
import { createTemplateEnvironment } from "../templates/environment.ts";
import { obtainSite, siteBeingBuilt } from "./site-source.ts";

export interface CodicilPluginOptions {
  /** The site repository; defaults to the site a build command is rendering, or the working directory. */
  readonly root?: string;
}

/**
 * Registers Codicil with Eleventy: the page list as global data, one paginated virtual template
 * that renders every page through the template its view names, the Nunjucks environment, the UI
 * string filter and the stylesheet. No logic of its own lives here.
 */
export function codicilPlugin(eleventyConfig: UserConfig, options: CodicilPluginOptions = {}): void {
  const root = path.resolve(options.root ?? siteBeingBuilt()?.site.root ?? process.cwd());
  const templateDirs = overridableDirs(root, "templates");
  let loaded: LoadedSite | undefined;

  eleventyConfig.addGlobalData("codicil", async () => {
    loaded = await obtainSite(root);
    return { pages: buildPages(loaded.site) };
  });

  // Our own environment: the site's templates/ first, Codicil's second, autoescape on.
  eleventyConfig.setLibrary("njk", createTemplateEnvironment(templateDirs));

  /** `{{ "document.updated" | t(view.locale) }}`: every UI string comes from i18next. */
  eleventyConfig.addFilter("t", (key: string, locale: string, values?: Record<string, unknown>) => {
    if (!loaded) throw new Error("Codicil: a template asked for a UI string before the site was loaded.");
    return loaded.translator.t(locale, key, values);
  });

  // Pages come from the model, not from input files: legal text is never run as a template, so a
  // literal `{{` in a policy stays literal, and one template serves every page of a kind.
  eleventyConfig.addTemplate("codicil-pages.njk", "{% include view.template %}", {
    pagination: { data: "codicil.pages", size: 1, alias: "view", addAllPagesToCollections: false },
    permalink: (data: { view: { permalink: string } }) => data.view.permalink,
    eleventyExcludeFromCollections: true,
  });

  const assets = templateDirs.map((dir) => path.join(dir, "assets")).find((dir) => existsSync(dir));
  if (assets) eleventyConfig.addPassthroughCopy({ [assets]: "assets" });

  // templates/ is Eleventy's input folder only so that paths resolve; its files are layouts and
  // partials, never pages of their own.
  eleventyConfig.ignores.add("**/*.njk");

  eleventyConfig.addWatchTarget(path.join(root, "content"));
  eleventyConfig.addWatchTarget(path.join(root, "locales"));
  eleventyConfig.setUseGitIgnore(false);
}
