import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { CORPUS_LANGUAGES, writeManyLanguageSite } from "../support/many-languages.ts";
import { REPO, removeDir } from "../support/sites.ts";
import { launchChromium, serveFolder } from "./support.ts";

/**
 * A site in fifty languages on a phone (375 × 667): the language switcher must not push the title
 * off the first screen, must still lead to every language without JavaScript, and stay accessible.
 */
// English first: the default language.
const LANGUAGES = ["en", ...CORPUS_LANGUAGES.filter((code) => code !== "en")].slice(0, 50);
const AXE = readFileSync(path.join(REPO, "node_modules/axe-core/axe.min.js"), "utf8");
const PHONE = { width: 375, height: 667 };

let browser: Browser;
let root: string;
let site: Awaited<ReturnType<typeof serveFolder>>;

beforeAll(async () => {
  expect(LANGUAGES).toHaveLength(50);
  expect(LANGUAGES).toContain("ar");
  root = writeManyLanguageSite(LANGUAGES, { updated: "2018-11-30" });
  const result = await buildSite({ root, buildDate: "2026-01-01", recordPublished: false });
  if (!result.built) throw new Error(`The fifty-language site did not build: ${JSON.stringify(result.problems)}`);
  site = await serveFolder(path.join(root, "_site"));
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (root) removeDir(root);
});

async function onPhone<T>(options: { colorScheme?: "light" | "dark"; javaScriptEnabled?: boolean; bypassCSP?: boolean }, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

const axeViolations = (page: Page) =>
  page.addScriptTag({ content: AXE }).then(() =>
    page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }),
  );

describe.each(["/en/privacy/", "/ar/privacy/", "/"])("%s at 375 px", (urlPath) => {
  it("shows the title within the first 400 px, the switcher folded", async () => {
    await onPhone({ javaScriptEnabled: false }, async (page) => {
      await page.goto(site.origin + urlPath);
      const title = await page.locator("h1").boundingBox();
      expect(title).not.toBeNull();
      expect((title?.y ?? Infinity) + (title?.height ?? 0)).toBeLessThanOrEqual(400);
      expect(await page.locator(".language-switcher details").getAttribute("open")).toBeNull();
      expect(await page.locator(".language-switcher li a").first().isVisible()).toBe(false);
    });
  });

  it.each(["light", "dark"] as const)("has no axe-core violations in the %s scheme, folded and open", async (colorScheme) => {
    await onPhone({ colorScheme, bypassCSP: true }, async (page) => {
      await page.goto(site.origin + urlPath);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator(".language-switcher summary").click();
      expect(await page.locator(".language-switcher details").getAttribute("open")).toBe("");
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe("the folded switcher", () => {
  it("opens from the keyboard without JavaScript and leads to every language, each link in its language", async () => {
    await onPhone({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${site.origin}/en/privacy/`);
      const summary = page.locator(".language-switcher summary");
      // Its name for screen readers: what it is, and the language of this page.
      expect((await summary.innerText()).replace(/\s+/g, " ").trim()).toBe("Languages English");
      await summary.focus();
      await page.keyboard.press("Enter");
      const links = page.locator(".language-switcher li a");
      expect(await links.count()).toBe(50);
      expect(await links.nth(49).isVisible()).toBe(true);
      const target = page.locator(`.language-switcher a[hreflang="${LANGUAGES[20]}"]`);
      expect(await target.getAttribute("lang")).toBe(LANGUAGES[20]);
      await target.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`**/${LANGUAGES[20]}/privacy/`);
      expect(await page.locator("html").getAttribute("lang")).toBe(LANGUAGES[20]);
      expect(await page.locator('.language-switcher a[aria-current="page"]').getAttribute("hreflang")).toBe(LANGUAGES[20]);
    });
  });

  it("does not scroll sideways at 375 px when open", async () => {
    await onPhone({}, async (page) => {
      await page.goto(`${site.origin}/ar/privacy/`);
      await page.locator(".language-switcher summary").click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    });
  });
});
