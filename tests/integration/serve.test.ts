import { createHash } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREVIEW_DIR } from "../../src/dev-server/dev-server.ts";
import { CLI, cliEnv, copyFixture, REPO, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * `npm start` for real: the command line serves tests/fixtures/multilingual over HTTP, and the
 * test edits files the way an editor does and waits for the served pages to change.
 */
const EPOCH = String(Date.parse("2025-07-01T00:00:00Z") / 1000);
let root: string;
let server: ChildProcess;
let origin: string;
let output = "";

/** Polls `probe` until it gives a value; on timeout, fails with what the server (`said`) printed. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, said: () => string = () => output): Promise<T> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const value = await Promise.resolve().then(probe).catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; the server said:\n${said()}`);
}

/** A page as a browser navigating to it asks for it: the dev server adds its script only then. */
function page(urlPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(`${origin}${urlPath}`, { headers: { "sec-fetch-mode": "navigate" } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });
}
const pageContaining = (urlPath: string, text: string) => waitFor(`${urlPath} to show "${text}"`, async () => ((await page(urlPath)).includes(text) ? true : undefined));

/** Starts `npm start` on `siteRoot`; `heard` gets everything it prints. Resolves to its address. */
async function startServer(siteRoot: string, extraArgs: readonly string[], heard: (text: string) => void): Promise<{ process: ChildProcess; origin: string }> {
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const started = spawn(process.execPath, [CLI, "serve", "--root", siteRoot, "--port", port, ...extraArgs], {
    cwd: REPO,
    env: cliEnv({ SOURCE_DATE_EPOCH: EPOCH }),
  });
  let said = "";
  const listen = (chunk: Buffer) => {
    said += chunk.toString();
    heard(chunk.toString());
  };
  started.stdout?.on("data", listen);
  started.stderr?.on("data", listen);
  // The dev server takes the next free port when this one is taken, and says which.
  const address = await waitFor("the server to start", () => /Server at (http:\/\/127\.0\.0\.1:\d+)/.exec(said)?.[1], () => said);
  return { process: started, origin: address };
}

/** What `npm run build` published before the server started: `npm start` must leave it byte for byte. */
let publishedBefore: Record<string, string>;

beforeAll(async () => {
  root = copyFixture("multilingual");
  mkdirSync(path.join(root, "_site/en"), { recursive: true });
  writeFileSync(path.join(root, "_site/index.html"), "<!doctype html><title>deployed build</title>");
  writeFileSync(path.join(root, "_site/en/index.html"), "<!doctype html><title>deployed build, en</title>");
  publishedBefore = snapshotDir(path.join(root, "_site"));
  ({ process: server, origin } = await startServer(root, [], (text) => (output += text)));
});
afterAll(() => {
  server.kill();
  removeDir(root);
});

describe("npm start", () => {
  it("serves the built site, with the live-reload script allowed by the page's CSP", async () => {
    const html = await page("/legal/en/privacy/");
    expect(html).toContain("<h1");
    expect(html).toMatch(/Content-Security-Policy" content="[^"]*script-src 'self'/);
    expect(html).toContain("/.11ty/reload-client.js");
  });

  it("builds and serves from its own folder, leaving an existing _site/ byte-identical through a rebuild", async () => {
    // The preview's looser Content-Security-Policy (for the live-reload script) is in the preview folder only.
    expect(readFileSync(path.join(root, PREVIEW_DIR, "en/privacy/index.html"), "utf8")).toMatch(/Content-Security-Policy" content="[^"]*script-src 'self'/);
    const file = path.join(root, "content/privacy/versions/2025-01-01/en.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n## /, "\n## Previewed only\n\nA paragraph.\n\n## "));
    await pageContaining("/legal/en/privacy/", "Previewed only");
    expect(snapshotDir(path.join(root, "_site"))).toEqual(publishedBefore);
    expect(readdirSync(root).filter((entry) => entry.startsWith("_site"))).toEqual(["_site"]);
  });

  it("shows an edited document without building the rest of the site, even at its first edit", async () => {
    const written = (file: string) => statSync(path.join(root, PREVIEW_DIR, file)).mtimeMs;
    const others = ["en/privacy/2025-01-01/index.html", "ar/privacy/index.html", "en/privacy/history/index.html", "en/terms/index.html", "index.html"];
    const before = others.map(written);
    // The German version in force on the build date (the newest file is still upcoming).
    const file = path.join(root, "content/privacy/versions/2025-01-01/de.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n## /, "\n## Frisch bearbeitet\n\nNeuer Absatz.\n\n## "));
    await pageContaining("/legal/de/privacy/", "Frisch bearbeitet");
    // Only that document's German pages were written again (the report comes once all writing is
    // done): the build that started the server fingerprinted each language's files.
    await waitFor("the rebuild report", () => (/rebuilt privacy \(\d+ files\)/.test(output) ? true : undefined));
    expect(others.map(written)).toEqual(before);
    // versions.json, in no language, gives each file's SHA-256: it is written again too.
    await pageContaining("/legal/privacy/versions.json", createHash("sha256").update(readFileSync(file)).digest("hex"));
  });

  it("writes the edited language's pages first, then the document's other pages and the site-wide ones", async () => {
    const file = path.join(root, "content/privacy/versions/2025-01-01/de.md");
    writeFileSync(file, readFileSync(file, "utf8").replace('title: "Datenschutzerklärung"', 'title: "Datenschutzhinweise 2025"'));
    await pageContaining("/legal/de/privacy/", "Datenschutzhinweise 2025");
    // versions.json lists every language's title; the home page lists the documents.
    await pageContaining("/legal/privacy/versions.json", "Datenschutzhinweise 2025");
    await pageContaining("/legal/", "Datenschutzhinweise 2025");
    const written = (urlPath: string) => statSync(path.join(root, PREVIEW_DIR, urlPath)).mtimeMs;
    expect(written("de/privacy/index.html")).toBeLessThan(written("en/privacy/index.html"));
    expect(written("de/privacy/history/index.html")).toBeLessThan(written("en/privacy/history/index.html"));
  });

  it("writes only the pages of the languages whose text changed", async () => {
    const written = (file: string) => statSync(path.join(root, PREVIEW_DIR, file)).mtimeMs;
    const reports = () => output.match(/rebuilt privacy \(\d+ files\)/g)?.length ?? 0;
    const file = path.join(root, "content/privacy/versions/2025-01-01/en.md");
    const edit = async (marker: string) => {
      const text = readFileSync(file, "utf8");
      const sentence = /\n\n([A-Z][^\n#[\]<>{}]*[a-z]) /.exec(text)?.[1];
      expect(sentence, "a paragraph to edit").toBeDefined();
      const seen = reports();
      writeFileSync(file, text.replace(`${sentence} `, `${sentence} ${marker} `));
      await pageContaining("/legal/en/privacy/2025-01-01/", marker);
      await waitFor("the rebuild report", () => (reports() > seen ? true : undefined));
    };
    await edit("(edited once)");
    const others = ["de/privacy/2025-01-01/index.html", "ar/privacy/2025-01-01/index.html", "de/privacy/history/index.html"];
    const before = { page: written("en/privacy/2025-01-01/index.html"), others: others.map(written) };
    await edit("(edited twice)");
    expect(written("en/privacy/2025-01-01/index.html")).toBeGreaterThan(before.page);
    expect(others.map(written)).toEqual(before.others);
  });

  it("writes a language saved while the document had an error once the error is fixed elsewhere", async () => {
    const de = path.join(root, "content/privacy/versions/2025-01-01/de.md");
    const en = path.join(root, "content/privacy/versions/2025-01-01/en.md");
    const notRebuilt = () => output.match(/privacy was not rebuilt/g)?.length ?? 0;
    const good = readFileSync(de, "utf8");
    const seen = notRebuilt();
    writeFileSync(de, good.replace(/\n## /, "\nEin [kaputter](/de/nirgends/) Link.\n\n## "));
    await waitFor("the error to be reported", () => (notRebuilt() > seen ? true : undefined));
    // English saved meanwhile: not written, as the document has an error.
    const text = readFileSync(en, "utf8");
    const sentence = /\n\n([A-Z][^\n#[\]<>{}]*[a-z]) /.exec(text)?.[1];
    writeFileSync(en, text.replace(`${sentence} `, `${sentence} (saved while broken) `));
    await waitFor("the error to be reported again", () => (notRebuilt() > seen + 1 ? true : undefined));
    // German fixed: the English page shows what was saved while the error was there.
    writeFileSync(de, good);
    await pageContaining("/legal/en/privacy/2025-01-01/", "(saved while broken)");
  });

  it("leaves the site-wide pages alone when an edit cannot change them", async () => {
    const written = (file: string) => statSync(path.join(root, PREVIEW_DIR, file)).mtimeMs;
    const reports = () => output.match(/rebuilt terms \(\d+ files\)/g)?.length ?? 0;
    const file = path.join(root, "content/terms/en.md");
    const text = readFileSync(file, "utf8");
    const sentence = /\n\n([A-Z][^\n#[\]<>{}]*[a-z]) /.exec(text)?.[1];
    expect(sentence, "a paragraph to edit").toBeDefined();
    const before = { home: written("index.html"), sitemap: written("sitemap.xml"), page: written("en/terms/index.html"), reports: reports() };

    // A sentence rewritten: the document's pages change, nothing the home page, the language
    // indexes or the sitemap are made of.
    writeFileSync(file, text.replace(`${sentence} `, `${sentence} (reworded) `));
    await pageContaining("/legal/en/terms/", "(reworded)");
    await waitFor("the rebuild report", () => (reports() > before.reports ? true : undefined));
    expect(written("en/terms/index.html")).toBeGreaterThan(before.page);
    expect([written("index.html"), written("sitemap.xml")]).toEqual([before.home, before.sitemap]);

    // A new title is on the home page: the site-wide pages are written again, the sitemap with them.
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, 'title: "Terms, reworded"'));
    await pageContaining("/legal/", "Terms, reworded");
    await waitFor("the sitemap to be written again", () => (written("sitemap.xml") > before.sitemap ? true : undefined));
  });

  it("reports an editor's mistake as file:line and keeps serving the last good page", async () => {
    const file = path.join(root, "content/terms/en.md");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, good.replace(/\n## /, "\nA sentence with [a broken link](/en/no-such-document/).\n\n## "));
    await waitFor("the problem to be reported", () => (/content\/terms\/en\.md:\d+: the link \/en\/no-such-document\/ leads nowhere/.test(output) ? true : undefined));
    await waitFor("the report that nothing was rewritten", () => (/terms was not rebuilt; its previous pages are still served/.test(output) ? true : undefined));
    const served = await page("/legal/en/terms/");
    expect(served).toContain("<h1");
    expect(served).not.toContain("a broken link");
    // Fixed, the edit after it shows.
    writeFileSync(file, good.replace(/\n## /, "\nA sentence with [a working link](/en/privacy/).\n\n## "));
    await pageContaining("/legal/en/terms/", "a working link");
  });

  it("reports a file whose front matter cannot be read at once, without building the whole site", async () => {
    const file = path.join(root, "content/privacy/versions/2024-01-01/de.md");
    const good = readFileSync(file, "utf8");
    const fullBuilds = () => output.match(/built the site/g)?.length ?? 0;
    const seen = { fullBuilds: fullBuilds(), notRebuilt: output.match(/privacy was not rebuilt/g)?.length ?? 0 };
    // Unreadable, the file would drop its version's German pages: as the document is not written
    // while it has an error, the error is all there is to report.
    writeFileSync(file, good.replace(/^updated: .*$/m, "updated: [2024-01-01"));
    await waitFor("the problem to be reported", () => (/content\/privacy\/versions\/2024-01-01\/de\.md:\d+: /.test(output) ? true : undefined));
    await waitFor("the report that nothing was rewritten", () => ((output.match(/privacy was not rebuilt/g)?.length ?? 0) > seen.notRebuilt ? true : undefined));
    writeFileSync(file, good.replace(/\n## /, "\n## Wieder lesbar\n\n## "));
    await pageContaining("/legal/de/privacy/2024-01-01/", "Wieder lesbar");
    expect(fullBuilds()).toBe(seen.fullBuilds);
  });

  it("checks the site again when published.lock.json changes, without building it; an added .eleventy.ts asks for a restart and holds its save back until it is gone", async () => {
    const lock = path.join(root, "published.lock.json");
    const fullBuilds = () => output.match(/built the site/g)?.length ?? 0;
    const seen = fullBuilds();
    // An address recorded by a build elsewhere (a `git pull`) that this site no longer makes.
    const urls = { "/en/privacy/2022-01-01/": "content/privacy/versions/2022-01-01/en.md" };
    writeFileSync(lock, `${JSON.stringify({ comment: "test", urls }, null, 2)}\n`);
    await waitFor("the lost address to be reported", () => (/published\.lock\.json:4: \/en\/privacy\/2022-01-01\/ was published from/.test(output) ? true : undefined));
    await waitFor("the report", () => (/checked the site again: nothing was rebuilt/.test(output) ? true : undefined));
    // Restored: the next edit is rebuilt as usual.
    writeFileSync(lock, `${JSON.stringify({ comment: "test", urls: {} }, null, 2)}\n`);
    await waitFor("the report", () => (/checked the site again in/.test(output) ? true : undefined));
    // An Eleventy config added while the server runs cannot be used, and the document saved with
    // it is not written; once the config is gone again, that save alone brings the document back.
    const restarts = () => output.match(/\.eleventy\.ts changed: stop npm start and start it again/g)?.length ?? 0;
    const file = path.join(root, "content/terms/en.md");
    writeFileSync(path.join(root, ".eleventy.ts"), "export default function () {}\n");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n## /, "\nAfter the lock file.\n\n## "));
    await waitFor("the advice to restart", () => (restarts() > 0 ? true : undefined));
    await waitFor("the config refused", () => (/\.eleventy\.ts was added after the command started/.test(output) ? true : undefined));
    const advised = restarts();
    rmSync(path.join(root, ".eleventy.ts"));
    await pageContaining("/legal/en/terms/", "After the lock file.");
    expect(restarts()).toBeGreaterThan(advised);
    expect(fullBuilds()).toBe(seen);
  });

  it("notices a file saved the way editors save: a new file renamed over the old one", async () => {
    const file = path.join(root, "content/terms/en.md");
    for (const word of ["Replaced once", "Replaced twice"]) {
      writeFileSync(`${file}.tmp`, readFileSync(file, "utf8").replace(/\n## /, `\n${word}.\n\n## `));
      renameSync(`${file}.tmp`, file);
      await pageContaining("/legal/en/terms/", word);
    }
  });

  it("rebuilds every page when a UI string changes, also in a locales/ folder made after the start", async () => {
    mkdirSync(path.join(root, "locales"));
    writeFileSync(path.join(root, "locales/en.json"), JSON.stringify({ nav: { allDocuments: "Every legal text we publish" } }));
    await pageContaining("/legal/en/terms/", "Every legal text we publish");
    await pageContaining("/legal/en/privacy/", "Every legal text we publish");
  });

  it("rebuilds with an edited template", async () => {
    const file = path.join(root, "templates/layouts/plain.njk");
    writeFileSync(file, readFileSync(file, "utf8").replace('<article class="plain-layout">', '<article class="plain-layout edited-layout">'));
    await pageContaining("/legal/en/terms/", "edited-layout");
  });

  it("rebuilds every page when the site settings change", async () => {
    const file = path.join(root, "content/site.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^name: .*$/m, "name: Renamed Legal Co."));
    await pageContaining("/legal/ar/privacy/", "Renamed Legal Co.");
    await pageContaining("/legal/", "Renamed Legal Co.");
  });
});

/**
 * The build that starts `npm start` runs one of three ways (one Eleventy run for a small site, one
 * document at a time in this thread, or in worker threads, as large sites are); each must leave
 * the fingerprints that let a document's first edit write only the edited language's pages.
 */
describe.each([["one document at a time", ["--threads", "1"]], ["in worker threads", ["--threads", "2"]]])("npm start, building %s", (_, threads) => {
  it("writes only the edited language's pages at a document's first edit", async () => {
    const site = copyFixture("multilingual");
    let said = "";
    const started = await startServer(site, threads, (text) => (said += text));
    try {
      const written = (file: string) => statSync(path.join(site, PREVIEW_DIR, file)).mtimeMs;
      // The site fits one sitemap file: the documents' own sitemap files were removed again.
      expect(existsSync(path.join(site, PREVIEW_DIR, "sitemaps"))).toBe(false);
      const others = ["en/privacy/2025-01-01/index.html", "ar/privacy/index.html", "index.html"];
      const before = { page: written("de/privacy/2025-01-01/index.html"), others: others.map(written) };
      const file = path.join(site, "content/privacy/versions/2025-01-01/de.md");
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n## /, "\n## Zum ersten Mal bearbeitet\n\n## "));
      await waitFor("the rebuild report", () => (/rebuilt privacy \(\d+ files\)/.test(said) ? true : undefined), () => said);
      expect(written("de/privacy/2025-01-01/index.html")).toBeGreaterThan(before.page);
      expect(others.map(written)).toEqual(before.others);
    } finally {
      started.process.kill();
      removeDir(site);
    }
  });
});
