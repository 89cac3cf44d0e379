import fc from "fast-check";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/markdown/renderer.ts";
import { htmlFragment } from "../support/html-fragments.ts";
import { readHostileCorpus } from "../support/hostile-corpus.ts";
import { readAsBrowser, type PlainNode } from "../support/html-tree.ts";
import { launchChromium } from "./support.ts";

/**
 * The checker and the browser agree: the HTML Codicil publishes, put in a page where a document's
 * body goes, is read by real Chromium into exactly the tree parse5 read and the check passed, and
 * makes Chromium request nothing from another origin.
 */
const SITE = "https://legal.example/";
const render = (markdown: string) => renderMarkdown(markdown, { file: "content/privacy/en.md", bodyLine: 7, pathPrefix: "/", siteUrl: SITE, permalinkLabel: (h) => h });

let browser: Browser;
let page: Page;
const requested: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ javaScriptEnabled: false });
  // Every request is noted and refused: nothing leaves the machine, and the test sees what would.
  await page.route("**/*", async (route) => {
    requested.push(route.request().url());
    await route.abort();
  });
});
afterAll(async () => {
  await browser?.close();
});

/** The published HTML as Chromium reads it inside a page's body, as plain data. */
async function readInChromium(html: string): Promise<PlainNode[]> {
  requested.length = 0;
  // A <base> gives the page the site's origin, so that its own addresses resolve as on the site.
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><base href="${SITE}"></head><body><main><div class="document-body">${html}</div></main></body></html>`);
  return page.evaluate(() => {
    type Plain = { element: string; namespace: string | null; attributes: [string, string][]; children: Plain[] } | { text: string } | { comment: string };
    const plain = (node: Node): Plain => {
      if (node instanceof Text) return { text: node.data };
      if (node instanceof Comment) return { comment: node.data };
      const element = node as Element;
      const children = element instanceof HTMLTemplateElement ? element.content.childNodes : element.childNodes;
      return { element: element.localName, namespace: element.namespaceURI, attributes: Array.from(element.attributes).map((a) => [a.name, a.value]), children: Array.from(children).map(plain) };
    };
    return Array.from(document.querySelector(".document-body")?.childNodes ?? []).map(plain);
  }) as Promise<PlainNode[]>;
}

/** Requests to anywhere but the site itself. */
const toOtherOrigins = () => requested.filter((url) => new URL(url).origin !== new URL(SITE).origin);

describe("published HTML in Chromium", () => {
  const accepted = readHostileCorpus().filter((c) => c.published !== undefined);
  it.each(accepted.map((c) => [c.name, c.markdown] as const))("reads as parse5 does: %s", async (_, markdown) => {
    const { html } = render(markdown);
    expect(await readInChromium(html)).toEqual(readAsBrowser(html));
    expect(toOtherOrigins()).toEqual([]);
  });

  it("reads as parse5 does for random fragments the renderer accepts", async () => {
    const published = fc
      .sample(htmlFragment, { numRuns: 2000, seed: 28 })
      .map((body) => render(body))
      .filter(({ problems }) => !problems.some((p) => p.severity === "error"))
      .slice(0, 150);
    expect(published.length).toBe(150);
    for (const { html } of published) {
      expect(await readInChromium(html), html).toEqual(readAsBrowser(html));
      expect(toOtherOrigins(), html).toEqual([]);
    }
  });
});
