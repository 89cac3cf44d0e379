import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EXAMPLE_BUILD_DATE, EXAMPLE_PAGES, launchChromium, serveExampleSite } from "../tests/browser/support.ts";

/**
 * `npm run screenshots`: the example site, built as the browser tests build it, photographed page
 * type by page type at a phone's and a desktop's width, light and dark, as whole-page PNGs named
 * `<page>-<width>-<scheme>.png`. Run it before and after a design change (`--out` another folder
 * for one of them) and look at the two side by side.
 *
 *   npm run screenshots                      into screenshots/ (git-ignored)
 *   npm run screenshots -- --out /tmp/before
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WIDTHS = [375, 1280] as const;
const SCHEMES = ["light", "dark"] as const;

const { values } = parseArgs({ options: { out: { type: "string", default: path.join(REPO, "screenshots") } } });
const outDir = path.resolve(values.out);
mkdirSync(outDir, { recursive: true });

const site = await serveExampleSite(EXAMPLE_BUILD_DATE);
const browser = await launchChromium();
try {
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      // One page per width and scheme, reused for every page type.
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme, deviceScaleFactor: 1 });
      for (const [name, urlPath] of Object.entries(EXAMPLE_PAGES)) {
        await page.goto(site.origin + urlPath);
        const file = path.join(outDir, `${name.replace(/\W+/g, "-")}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
      }
      await page.close();
    }
  }
  console.log(`Wrote ${WIDTHS.length * SCHEMES.length * Object.keys(EXAMPLE_PAGES).length} screenshots to ${path.relative(process.cwd(), outDir) || "."}/`);
} finally {
  await browser.close();
  await site.close();
}
