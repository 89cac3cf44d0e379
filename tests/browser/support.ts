import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import sirv from "sirv";
import { afterAll, beforeAll } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { REPO } from "../support/sites.ts";

/**
 * One page of each type the example site has, built as of `EXAMPLE_BUILD_DATE` (when the privacy
 * policy's version 2.1 is published but not yet in force): the browser tests and
 * `npm run screenshots` look at the same pages.
 */
export const EXAMPLE_BUILD_DATE = "2026-11-22";
export const EXAMPLE_PAGES: Readonly<Record<string, string>> = {
  home: "/",
  "locale index": "/de/",
  document: "/en/privacy/",
  "earlier version": "/en/privacy/2023-03-01/",
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

/** Debian's Chromium, driven by playwright-core: Playwright's own browser download fails here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH). .ci/run installs it.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the networking flags Chromium phones home at start, which a closed network refuses.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** Builds the example site as of a fixed date and serves it on a free localhost port. */
export async function serveExampleSite(buildDate: string): Promise<{ origin: string; outDir: string; close: () => Promise<void> }> {
  const outDir = mkdtempSync(path.join(tmpdir(), "codicil-browser-"));
  const result = await buildSite({ root: REPO, outDir, buildDate, recordPublished: false });
  if (!result.built) throw new Error(`The example site did not build: ${JSON.stringify(result.problems)}`);
  return { outDir, ...(await serveFolder(outDir)) };
}

/**
 * The example site built and served, and Chromium started, for the tests of one file; both are
 * closed and the build removed after them.
 */
export function exampleSiteInChromium(): { readonly browser: Browser; readonly origin: string } {
  let browser: Browser | undefined;
  let site: Awaited<ReturnType<typeof serveExampleSite>> | undefined;
  beforeAll(async () => {
    site = await serveExampleSite(EXAMPLE_BUILD_DATE);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (site) rmSync(site.outDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the example site and Chromium start in beforeAll");
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get origin() {
      return started(site).origin;
    },
  };
}

/** Serves a built site's folder on a free localhost port. */
export async function serveFolder(outDir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  // sirv: a small, maintained static file server; `dev` so nothing is cached between runs.
  const handler = sirv(outDir, { dev: true, extensions: ["html"] });
  const server: Server = createServer((req, res) => handler(req, res, () => {
    res.statusCode = 404;
    res.end("not found");
  }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
