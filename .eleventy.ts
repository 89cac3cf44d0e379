import type { UserConfig } from "@11ty/eleventy";
import { codicilPlugin } from "./src/rendering/plugin.ts";

// Only registration here; everything Codicil does lives under src/ (see docs/architecture.md).
export default function (eleventyConfig: UserConfig): void {
  eleventyConfig.addPlugin(codicilPlugin);
}

// No `dir` here: a config value would override the folders the build command gives Eleventy for
// each run (the site's templates/ or Codicil's as input, a staging folder as output), and a
// relative one would be read from wherever the command was started.
export const config = {
  templateFormats: ["njk"],
};
