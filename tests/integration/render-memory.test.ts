import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { overridableDirs } from "../../src/content/site-resources.ts";
import { renderPages } from "../../src/rendering/render-pages.ts";
import { obtainPages } from "../../src/rendering/site-source.ts";
import { copyFixture, removeDir } from "../support/sites.ts";

// V8's collector on demand, for this file only: whether an object can be collected is only seen by collecting.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/**
 * A large site is written one document per Eleventy run, several in each thread; Eleventy keeps the
 * last run's configuration (its layout cache holds it) and Codicil's template environment outlives
 * every run. Neither may keep a finished run's pages and the document model they show: the thread
 * would hold them through the next document's run, and V8 lets a heap grow to a multiple of what
 * it holds.
 */
describe("a finished Eleventy run", () => {
  it("leaves nothing holding its pages", async () => {
    const root = copyFixture("multilingual");
    const out = mkdtempSync(path.join(os.tmpdir(), "codicil-render-memory-"));
    dirs.push(root, out);
    // The pages are referred to only inside this function, and weakly from outside it.
    const render = async () => {
      const source = await obtainPages(root);
      return { files: await renderPages(source, overridableDirs(root, "templates"), out), pages: new WeakRef(source.pages) };
    };
    const { files, pages } = await render();
    expect(files).toBeGreaterThan(10);
    for (let attempt = 0; attempt < 5 && pages.deref() !== undefined; attempt++) {
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
    }
    expect(pages.deref()).toBeUndefined();
  });
});
