import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/sites.ts";
import { EXAMPLE_PAGES, exampleSiteInChromium } from "./support.ts";

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

const example = exampleSiteInChromium();

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
    const name = (e: Element) => `${e.localName}${e.id ? `#${e.id}` : ""}${e.classList.length ? `.${Array.from(e.classList).join(".")}` : ""}`;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth}`);
    for (const element of [main, ...Array.from(main.querySelectorAll("*"))]) {
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
      page = await example.browser.newPage({ viewport, colorScheme, bypassCSP: true });
    });
    afterAll(async () => {
      await page?.close();
    });

    it.each(Object.entries(EXAMPLE_PAGES))("%s page (%s): fits, shows its title first, axe clean", async (_, urlPath) => {
      await page.goto(example.origin + urlPath);
      expect(await overflowingElements(page)).toEqual([]);
      const title = await page.locator("main h1").boundingBox();
      expect(title).not.toBeNull();
      expect(title && title.y >= 0 && title.y + title.height <= viewport.height, `title at ${JSON.stringify(title)}`).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe("the document's table of contents", () => {
  it("is a collapsed disclosure before the text on a phone, opened without JavaScript", async () => {
    const page = await example.browser.newPage({ viewport: { width: 375, height: 667 }, javaScriptEnabled: false });
    try {
      await page.goto(`${example.origin}/en/privacy/`);
      const summary = page.locator(".toc summary");
      const firstEntry = page.locator(".toc a").first();
      expect(await summary.isVisible()).toBe(true);
      expect(await firstEntry.isVisible()).toBe(false);
      // One line, not a screen of headings, between the facts and the text.
      expect((await page.locator(".toc").boundingBox())?.height).toBeLessThan(60);
      await summary.click();
      expect(await firstEntry.isVisible()).toBe(true);
      expect(await summary.getAttribute("aria-expanded")).toBeNull();
      expect(await page.locator(".toc details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it.each([1280, 1920])("is a sidebar at %i px: beside the text, level with the title, sticky, its links focusable and in the accessibility tree", async (width) => {
    const page = await example.browser.newPage({ viewport: { width, height: 800 } });
    try {
      await page.goto(`${example.origin}/en/privacy/`);
      const boxes = () => page.evaluate(() => {
        const box = (selector: string) => (document.querySelector(selector) as Element).getBoundingClientRect().toJSON() as DOMRect;
        return { toc: box(".toc"), title: box("main h1"), body: box(".document-body"), link: box(".toc a") };
      });
      const before = await boxes();
      expect(before.toc.right).toBeLessThanOrEqual(before.body.left);
      expect(Math.abs(before.toc.top - before.title.top)).toBeLessThan(16);
      expect(before.link.width).toBeGreaterThan(0);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const after = await boxes();
      expect(after.toc.top).toBeGreaterThanOrEqual(0);
      expect(after.toc.top).toBeLessThan(50);

      await page.locator(".toc a").first().focus();
      expect(await page.evaluate(() => document.activeElement?.closest(".toc") !== null)).toBe(true);
      const cdp = await page.context().newCDPSession(page);
      const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[] };
      const tocNames = await page.locator(".toc a").allTextContents();
      const links = new Set(nodes.filter((n) => !n.ignored && n.role?.value === "link").map((n) => n.name?.value));
      expect(tocNames.filter((name) => !links.has(name))).toEqual([]);
      expect(nodes.some((n) => !n.ignored && n.role?.value === "navigation" && n.name?.value === "Contents")).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe("the reading column", () => {
  it.each([768, 1280, 1920])("holds 60 to 80 characters a line at %i px", async (width) => {
    const page = await example.browser.newPage({ viewport: { width, height: 800 } });
    try {
      await page.goto(`${example.origin}/en/privacy/`);
      const perLine = await page.evaluate(() => {
        const paragraph = Array.from(document.querySelectorAll(".document-body > p")).sort((a, b) => (b.textContent ?? "").length - (a.textContent ?? "").length)[0] as HTMLElement;
        const context = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
        context.font = getComputedStyle(paragraph).font;
        const text = paragraph.textContent ?? "";
        return paragraph.clientWidth / (context.measureText(text).width / text.length);
      });
      expect(perLine).toBeGreaterThanOrEqual(60);
      expect(perLine).toBeLessThanOrEqual(80);
    } finally {
      await page.close();
    }
  });
});

describe("cookie tables", () => {
  async function cells(page: Page) {
    return page.locator(".cookie-table tbody td").evaluateAll((tds) => tds.map((td) => ({ label: getComputedStyle(td, "::before").content, display: getComputedStyle(td).display })));
  }

  it.each([
    ["/en/cookies/", '"Cookie names"'],
    ["/de/cookies/", '"Cookie-Namen"'],
  ])("are cards on a phone (%s), each cell labelled with its column in the page's language, still a table to screen readers", async (urlPath, namesLabel) => {
    const page = await example.browser.newPage({ viewport: { width: 375, height: 667 } });
    try {
      await page.goto(example.origin + urlPath);
      const shown = await cells(page);
      expect(shown.length).toBeGreaterThanOrEqual(5);
      // The label with empty alternative text: seen, not read out.
      expect(shown[0]?.label).toBe(`${namesLabel} / ""`);
      expect(shown.every((cell) => cell.display === "grid" && cell.label.startsWith('"'))).toBe(true);
      // The header row is hidden visually only, so that screen readers keep the column headers.
      expect(await page.locator(".cookie-table thead").isVisible()).toBe(true);
      const cdp = await page.context().newCDPSession(page);
      const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[] };
      const roles = nodes.filter((n) => !n.ignored).map((n) => n.role?.value);
      for (const role of ["table", "row", "columnheader", "rowheader", "cell"]) expect(roles).toContain(role);
      // The label is decoration: a cell's accessible name is its own text, its header says the column.
      const names = nodes.filter((n) => !n.ignored && n.role?.value === "cell").map((n) => n.name?.value ?? "");
      expect(names.some((name) => name.startsWith(namesLabel.slice(1, -1)))).toBe(false);
    } finally {
      await page.close();
    }
  });

  it("are tables from 40rem up, without labels in the cells", async () => {
    const page = await example.browser.newPage({ viewport: { width: 768, height: 1024 } });
    try {
      await page.goto(`${example.origin}/en/cookies/`);
      const shown = await cells(page);
      expect(shown.every((cell) => cell.display === "table-cell" && cell.label === "none")).toBe(true);
    } finally {
      await page.close();
    }
  });
});
