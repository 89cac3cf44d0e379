import type { UserConfig } from "@11ty/eleventy";
import { codicilPlugin } from "./src/eleventy/plugin.ts";

// Only registration here; everything Codicil does lives under src/ (see docs/architecture.md).
export default function (eleventyConfig: UserConfig): void {
  eleventyConfig.addPlugin(codicilPlugin);
}

export const config = {
  dir: {
    // Page templates are registered virtually by the plugin; templates/ holds layouts and partials.
    input: "templates",
    // No `output` here: Eleventy's default is _site, and the build command writes to a staging
    // folder first (a config value would override the folder it asks for).
  },
  templateFormats: ["njk"],
};
