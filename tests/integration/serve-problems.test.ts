import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREVIEW_DIR } from "../../src/dev-server/dev-server.ts";
import { BANNER_STYLESHEET, withBanner } from "../../src/dev-server/problem-banner.ts";
import { CLI, cliEnv, copyFixture, REPO, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * `npm start` for real on tests/fixtures/multilingual: an editor breaks a document and its pages
 * show the terminal's `file:line` messages in a banner; fixed, the banner goes.
 */
const EPOCH = String(Date.parse("2025-07-01T00:00:00Z") / 1000);
let root: string;
let server: ChildProcess;
let origin: string;
let output = "";

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const value = await Promise.resolve().then(probe).catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; the server said:\n${output}`);
}

function fetchText(urlPath: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${origin}${urlPath}`, { headers: { "sec-fetch-mode": "navigate" } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"] ?? ""), body }));
    }).on("error", reject);
  });
}
const page = async (urlPath: string) => (await fetchText(urlPath)).body;

beforeAll(async () => {
  root = copyFixture("multilingual");
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  server = spawn(process.execPath, [CLI, "serve", "--root", root, "--port", port], { cwd: REPO, env: cliEnv({ SOURCE_DATE_EPOCH: EPOCH }) });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  origin = await waitFor("the server to start", () => /Server at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]);
}, 90_000);
afterAll(() => {
  server.kill();
  removeDir(root);
});

describe("npm start shows the build's errors on its pages", () => {
  it("shows no banner while nothing is wrong", async () => {
    const html = await page("/legal/en/privacy/");
    expect(html).toContain("<h1");
    expect(html).not.toContain("codicil-problems");
  });

  it("shows the terminal's file:line messages on every page while a document is wrong, and drops them once it is fixed", async () => {
    const file = path.join(root, "content/privacy/versions/2025-01-01/de.md");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, good.replace(/^updated: .*$/m, "updated: 2025-02-30"));
    const html = await waitFor("the banner", async () => {
      const served = await page("/legal/ar/privacy/");
      return served.includes("codicil-problems") ? served : undefined;
    });
    const terminalLine = /^(content\/privacy\/versions\/2025-01-01\/de\.md:\d+: .*)$/m.exec(output)?.[1];
    expect(terminalLine, output).toBeDefined();
    const escaped = (terminalLine ?? "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
    expect(html).toContain(`<li>${escaped}</li>`);
    // First in the body, in English whatever the page's language, its style from the dev server.
    expect(html).toMatch(/<body>\n<link rel="stylesheet" href="\/__codicil\/problems.css">\n<section class="codicil-problems" role="alert" lang="en" dir="ltr"/);
    const css = await fetchText(BANNER_STYLESHEET);
    expect([css.status, css.type]).toEqual([200, "text/css; charset=utf-8"]);
    expect(css.body).toContain(".codicil-problems");
    // Never in a file: the preview folder's pages are as a build writes them.
    const files = snapshotDir(path.join(root, PREVIEW_DIR));
    expect(Object.entries(files).filter(([, text]) => text.includes("codicil-problems")).map(([name]) => name)).toEqual([]);

    writeFileSync(file, good);
    await waitFor("the banner to go", async () => (!(await page("/legal/ar/privacy/")).includes("codicil-problems") ? true : undefined));
    expect(await page("/legal/en/privacy/")).not.toContain("codicil-problems");
  });
});

describe("withBanner", () => {
  it.each([
    ['<!doctype html><html lang="de"><head></head><body class="x">text</body></html>', '<!doctype html><html lang="de"><head></head><body class="x">\nBANNERtext</body></html>'],
    ["<p>fragment</p>", "BANNER<p>fragment</p>"],
  ])("puts the banner first in the body of %s", (input, expected) => {
    expect(withBanner(input, "BANNER")).toBe(expected);
  });
});
