import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/sites.ts";
import { launchChromium, serveExampleSite } from "./support.ts";

/**
 * The example site in real Chromium, every page type, as readers meet it: phones and desktops,
 * light and dark, screen readers (axe-core), no JavaScript, print. Built as of 2026-11-22, when the
 * privacy policy's version 2.1 is published but not yet in force.
 */
const PAGES: Record<string, string> = {
  home: "/",
  "locale index": "/de/",
  current: "/en/privacy/",
  older: "/en/privacy/2023-03-01/",
  upcoming: "/en/privacy/2026-11-02/",
  "stale translation": "/pt-BR/privacy/",
  "right-to-left": "/ar/privacy/",
  history: "/en/privacy/history/",
  changes: "/en/privacy/2026-11-02/changes/",
  compare: "/en/privacy/2023-03-01/compare/",
  "right-to-left compare": "/ar/cookies/2025-05-01/compare/",
  "right-to-left changes": "/ar/privacy/2026-11-02/changes/",
  "cookie policy": "/en/cookies/",
  "not found": "/404.html",
};
const SCREENSHOTS = path.join(REPO, "tests/browser/__screenshots__");
const AXE = readFileSync(path.join(REPO, "node_modules/axe-core/axe.min.js"), "utf8");

let browser: Browser;
let site: Awaited<ReturnType<typeof serveExampleSite>>;

beforeAll(async () => {
  site = await serveExampleSite("2026-11-22");
  browser = await launchChromium();
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (site) rmSync(site.outDir, { recursive: true, force: true });
});

async function withPage<T>(options: Parameters<Browser["newContext"]>[0], run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describe.each(Object.entries(PAGES))("%s page (%s)", (name, urlPath) => {
  it.each(["light", "dark"] as const)("has no axe-core violations in the %s scheme", async (colorScheme) => {
    // axe is injected as a script, which the page's own CSP rightly forbids; bypass it for the audit only.
    const violations = await withPage({ colorScheme, bypassCSP: true }, async (page) => {
      await page.goto(site.origin + urlPath);
      await page.addScriptTag({ content: AXE });
      return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
    });
    expect(violations).toEqual([]);
  });

  it("requests nothing from another origin and sets no cookie", async () => {
    await withPage({}, async (page, context) => {
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(site.origin + urlPath, { waitUntil: "networkidle" });
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((url) => !url.startsWith(`${site.origin}/`))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(await page.evaluate(() => document.cookie)).toBe("");
    });
  });

  it("does not scroll sideways at 375 px, and writes screenshots at phone and desktop widths", async () => {
    const slug = name.replace(/\W+/g, "-");
    await withPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 }, async (page) => {
      await page.goto(site.origin + urlPath);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${slug}-phone.png`), fullPage: true });
    });
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(site.origin + urlPath);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${slug}-desktop.png`), fullPage: true });
    });
  });
});

describe("without JavaScript", () => {
  it("shows the document, its table of contents works and the language switcher leads to the same page", async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${site.origin}/en/privacy/`);
      expect(await page.locator("h1").textContent()).toBe("Privacy Policy");
      expect(await page.locator(".document-body").innerText()).toContain("Tidepool Labs GmbH");
      const entry = page.locator(".toc a").nth(1);
      const target = (await entry.getAttribute("href")) ?? "";
      await entry.click();
      expect(new URL(page.url()).hash).toBe(target);
      expect(await page.locator(decodeURIComponent(target).replace(/^#/, "[id='") + "']").isVisible()).toBe(true);
      await page.locator('.language-switcher a[hreflang="de"]').click();
      await page.waitForURL(`${site.origin}/de/privacy/`);
      expect(await page.locator("html").getAttribute("lang")).toBe("de");
    });
  });
});

describe("right to left", () => {
  it("mirrors the layout: the text starts on the right", async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${site.origin}/ar/privacy/`);
      const { body, toc } = await page.evaluate(() => ({
        body: document.querySelector(".document-body")?.getBoundingClientRect().right ?? 0,
        toc: document.querySelector(".toc")?.getBoundingClientRect().right ?? 0,
      }));
      // The sidebar sits at the inline end: to the left of the text in Arabic.
      expect(toc).toBeLessThan(body);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector("h1") as Element).textAlign)).toMatch(/start|right/);
    });
  });
});

describe("print", () => {
  it("prints to PDF with the title, version and dates, and without the navigation", async () => {
    const pdf = await withPage({}, async (page) => {
      await page.goto(`${site.origin}/en/privacy/2025-05-01/`);
      return page.pdf({ format: "A4", printBackground: false });
    });
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    let text = "";
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      text += `${content.items.map((item) => ("str" in item ? item.str : "")).join(" ")}\n`;
    }
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Privacy Policy");
    expect(flat).toMatch(/Version\s*:?\s*2\.0/);
    expect(flat).toContain("May 1, 2025");
    expect(flat).not.toContain("Skip to content");
    expect(flat).not.toContain("Contents");
    // Link targets are written out.
    expect(flat).toMatch(/<\s*\/en\/terms\/\s*>/);
  });
});

describe("a redline that prints", () => {
  const COMPARE = "/en/privacy/2023-03-01/compare/";

  it("marks insertions and deletions by line as well as by colour, on screen and on paper", async () => {
    const decorations = await withPage({}, async (page) => {
      await page.goto(site.origin + COMPARE);
      const read = () =>
        page.evaluate(() => ["ins", "del"].map((name) => getComputedStyle(document.querySelector(`.changes-body ${name}`) as Element).textDecorationLine));
      const screen = await read();
      await page.emulateMedia({ media: "print" });
      return { screen, print: await read() };
    });
    expect(decorations).toEqual({ screen: ["underline", "line-through"], print: ["underline", "line-through"] });
  });

  it("prints the legend, both versions with dates and addresses, the marks and the collapsed unchanged text", async () => {
    const { pdf, expected } = await withPage({}, async (page) => {
      await page.goto(site.origin + COMPARE);
      // What the PDF must hold, read from the page itself: the first words of a marked insertion
      // and deletion (without the words for screen readers) and of a collapsed unchanged section.
      const expected = await page.evaluate(() => {
        const firstWords = (el: Element | null, count: number) => {
          const copy = el?.cloneNode(true) as Element | undefined;
          copy?.querySelectorAll(".visually-hidden").forEach((hidden) => hidden.remove());
          return (copy?.textContent ?? "").trim().split(/\s+/).slice(0, count).join(" ");
        };
        const longest = (selector: string) =>
          Array.from(document.querySelectorAll(selector)).sort((a, b) => (b.textContent ?? "").length - (a.textContent ?? "").length)[0] ?? null;
        return {
          inserted: firstWords(longest(".changes-body ins"), 3),
          deleted: firstWords(longest(".changes-body del"), 3),
          unchanged: firstWords(document.querySelector("details.changes-unchanged p"), 6),
          collapsedOnScreen: document.querySelector("details.changes-unchanged")?.hasAttribute("open") === false,
        };
      });
      return { pdf: await page.pdf({ format: "A4", printBackground: false }), expected };
    });
    expect(expected.collapsedOnScreen).toBe(true);
    for (const words of [expected.inserted, expected.deleted, expected.unchanged]) expect(words.split(" ").length).toBeGreaterThanOrEqual(2);
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const printed = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    let text = "";
    for (let n = 1; n <= printed.numPages; n++) {
      const content = await (await printed.getPage(n)).getTextContent();
      text += `${content.items.map((item) => ("str" in item ? item.str : "")).join(" ")}\n`;
    }
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Privacy Policy: what changed since version 1.0");
    expect(flat).toContain("How to read this page: added text removed text");
    expect(flat).toContain("March 1, 2023");
    expect(flat).toContain("May 1, 2025");
    expect(flat).toContain("https://legal.tidepool.example/en/privacy/2023-03-01/");
    expect(flat).toContain("https://legal.tidepool.example/en/privacy/2025-05-01/");
    expect(flat).toContain(expected.inserted);
    expect(flat).toContain(expected.deleted);
    expect(flat).toContain(expected.unchanged);
    expect(flat).not.toContain("Skip to content");
  });
});
