// The floor of Codicil's own stack for `npm run bench`: bare Eleventy 3 rendering the corpus's
// Markdown files one page per file through one minimal Nunjucks layout, and nothing else (no
// validation, versions, changes pages, feeds or sitemap). Plain JavaScript, so no TypeScript
// loader is in the measured time.
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** @param {{ addGlobalData(name: string, value: unknown): void; setUseGitIgnore(use: boolean): void }} eleventyConfig */
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "layout.njk");
  // The corpus is not a git repository; do not look for .gitignore files above it.
  eleventyConfig.setUseGitIgnore(false);
}

export const config = {
  // Markdown only: Nunjucks would read `{% cookieTable %}` as a tag it does not know and fail,
  // and Codicil never runs legal text as a template either.
  markdownTemplateEngine: false,
  templateFormats: ["md"],
  dir: {
    // Eleventy resolves layouts relative to the input folder, which the runner passes in.
    layouts: path.relative(path.resolve(process.env.BENCH_BARE_INPUT ?? "."), path.join(here, "_layouts")),
  },
};
