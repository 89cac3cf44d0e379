import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { EXAMPLE_PAGES, exampleSiteInChromium } from "./support.ts";

/**
 * The example site in real Chromium, every page type, as readers meet it: nothing from another
 * origin, no JavaScript, right to left, print. Widths, colour schemes and axe-core: layout.test.ts.
 */

const example = exampleSiteInChromium();

async function withPage<T>(options: Parameters<Browser["newContext"]>[0], run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await example.browser.newContext(options);
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describe.each(Object.entries(EXAMPLE_PAGES))("%s page (%s)", (_, urlPath) => {
  it("requests nothing from another origin, finds every file it asks for, and sets no cookie", async () => {
    await withPage({}, async (page, context) => {
      const requests: string[] = [];
      const failed: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      page.on("response", (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(example.origin + urlPath, { waitUntil: "networkidle" });
      expect(requests.length).toBeGreaterThan(0);
      expect(failed).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(`${example.origin}/`))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(await page.evaluate(() => document.cookie)).toBe("");
    });
  });
});

describe("without JavaScript", () => {
  it("shows the document, its table of contents works and the language switcher leads to the same page", async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${example.origin}/en/privacy/`);
      expect(await page.locator("h1").textContent()).toBe("Privacy Policy");
      expect(await page.locator(".document-body").innerText()).toContain("Tidepool Labs GmbH");
      const entry = page.locator(".toc a").nth(1);
      const target = (await entry.getAttribute("href")) ?? "";
      await entry.click();
      expect(new URL(page.url()).hash).toBe(target);
      expect(await page.locator(decodeURIComponent(target).replace(/^#/, "[id='") + "']").isVisible()).toBe(true);
      await page.locator('.language-switcher a[hreflang="de"]').click();
      await page.waitForURL(`${example.origin}/de/privacy/`);
      expect(await page.locator("html").getAttribute("lang")).toBe("de");
    });
  });
});

describe("right to left", () => {
  it("mirrors the layout: the text starts on the right", async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${example.origin}/ar/privacy/`);
      const { body, toc } = await page.evaluate(() => ({
        body: document.querySelector(".document-body")?.getBoundingClientRect().right ?? 0,
        toc: document.querySelector(".toc")?.getBoundingClientRect().right ?? 0,
      }));
      // The sidebar sits at the inline start: to the right of the text in Arabic.
      expect(toc).toBeGreaterThan(body);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector("h1") as Element).textAlign)).toMatch(/start|right/);
    });
  });
});

describe("print", () => {
  it("prints to PDF with the title, then version, dates and permanent link, then the text; without the navigation; links with their full address", async () => {
    const pdf = await withPage({}, async (page) => {
      await page.goto(`${example.origin}/en/privacy/2025-05-01/`);
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
    expect(flat).not.toContain("All versions of this document");
    // Version, dates and the permanent link come before the text.
    const firstSection = flat.indexOf("Who we are");
    for (const fact of ["Version", "May 1, 2025", "https://legal.tidepool.example/en/privacy/2025-05-01/"]) {
      expect(flat.indexOf(fact), fact).toBeGreaterThan(-1);
      expect(flat.indexOf(fact), fact).toBeLessThan(firstSection);
    }
    // Link targets are written out in full: site.yaml's url before a site path, other sites' as written.
    expect(flat).toMatch(/<\s*https:\/\/legal\.tidepool\.example\/en\/terms\/\s*>/);
    expect(flat).not.toMatch(/<\s*\/en\//);
  });
});

describe("a redline that prints", () => {
  const COMPARE = "/en/privacy/2023-03-01/compare/";

  it("marks insertions and deletions by line as well as by colour, on screen and on paper", async () => {
    const decorations = await withPage({}, async (page) => {
      await page.goto(example.origin + COMPARE);
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
      await page.goto(example.origin + COMPARE);
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
