import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/sites.ts";
import { EXAMPLE_BUILD_DATE, EXAMPLE_PAGES, launchChromium, serveExampleSite } from "./support.ts";

/**
 * The layout of every page type of the example site from a small phone to a wide desktop, light
 * and dark: nothing in `main` wider than its box, the title in the first screen, axe-core clean.
 * One browser; one page per width and scheme, reused for every page type.
 */
const VIEWPORTS = [
  { width: 320, height: 568 },
  { width: 375, height: 667 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const SCHEMES = ["light", "dark"] as const;
const AXE = readFileSync(path.join(REPO, "node_modules/axe-core/axe.min.js"), "utf8");

let browser: Browser;
let site: Awaited<ReturnType<typeof serveExampleSite>>;

beforeAll(async () => {
  site = await serveExampleSite(EXAMPLE_BUILD_DATE);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (site) rmSync(site.outDir, { recursive: true, force: true });
});

/** Elements in `main` whose content is wider than their box, or that reach out of `main`; code blocks and visually hidden texts (clipped on purpose) aside. */
function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector("main") as HTMLElement;
    const mainBox = main.getBoundingClientRect();
    const clipped = (element: Element): boolean => {
      for (let e: Element | null = element; e && e !== main; e = e.parentElement) {
        if (e.localName === "pre" || getComputedStyle(e).clipPath !== "none") return true;
      }
      return false;
    };
    const name = (e: Element) => `${e.localName}${e.id ? `#${e.id}` : ""}${e.classList.length ? `.${[...e.classList].join(".")}` : ""}`;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth}`);
    for (const element of [main, ...main.querySelectorAll("*")]) {
      if (clipped(element)) continue;
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).display !== "inline") {
        found.push(`${name(element)}: content ${element.scrollWidth} px in ${element.clientWidth} px`);
      }
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.left < mainBox.left - 1 || box.right > mainBox.right + 1)) found.push(`${name(element)}: reaches out of main (${Math.round(box.left)}–${Math.round(box.right)})`);
    }
    return found;
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

describe.each(SCHEMES)("%s scheme", (colorScheme) => {
  describe.each(VIEWPORTS)("$width × $height px", (viewport) => {
    let page: Page;
    beforeAll(async () => {
      // axe is injected as a script, which the page's own CSP rightly forbids; bypassed for the audit only.
      page = await browser.newPage({ viewport, colorScheme, bypassCSP: true });
    });
    afterAll(async () => {
      await page?.close();
    });

    it.each(Object.entries(EXAMPLE_PAGES))("%s page (%s): fits, shows its title first, axe clean", async (_, urlPath) => {
      await page.goto(site.origin + urlPath);
      expect(await overflowingElements(page)).toEqual([]);
      const title = await page.locator("main h1").boundingBox();
      expect(title).not.toBeNull();
      expect(title && title.y >= 0 && title.y + title.height <= viewport.height, `title at ${JSON.stringify(title)}`).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
