import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { buildDocumentsInParallel } from "../../src/pipeline/parallel-documents.ts";
import { templateErrorLine } from "../../src/rendering/template-error.ts";
import { copyFixture, removeDir } from "../support/sites.ts";

/**
 * A build that fails on a template must stop everything it started. Eleventy's passthrough copy
 * of the assets kept running after a failed run; Codicil now copies them itself once the pages
 * are written (src/rendering/render-pages.ts).
 */
describe("a build that fails on a template", () => {
  it("leaves nothing running that fails later, however long the assets take to copy", async () => {
    const root = copyFixture("multilingual");
    const unhandled: unknown[] = [];
    const collect = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", collect);
    try {
      // Many assets: a copy still under way when the template fails and the build removes its
      // temporary folder. Eleventy's passthrough copy then either failed, with nothing to handle
      // its rejection, or made the folder again and left it behind.
      mkdirSync(path.join(root, "templates/assets"), { recursive: true });
      for (let i = 0; i < 3_000; i++) writeFileSync(path.join(root, `templates/assets/file-${i}.css`), "p { color: black; }\n");
      mkdirSync(path.join(root, "templates/partials"), { recursive: true });
      writeFileSync(path.join(root, "templates/partials/alternate-links.njk"), "{{ items | nosuch }}\n");
      const thrown = await buildSite({ root, buildDate: "2025-07-01" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(templateErrorLine(thrown, root)).toBe("templates/partials/alternate-links.njk:1: template error: filter not found: nosuch");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(unhandled).toEqual([]);
      // Nor a copy that outran the removal of the build's temporary folder and made it again.
      expect(readdirSync(root).filter((name) => name.startsWith("_site"))).toEqual([]);
    } finally {
      process.off("unhandledRejection", collect);
      removeDir(root);
    }
  });

  it("in worker threads, fails only once what runs beside the threads is done", async () => {
    // The rules across documents and the site-wide pages start in the main thread once every
    // document is loaded, while the threads still write the documents' pages. When a thread
    // fails meanwhile, the build must not give up (and remove its temporary folder) before they
    // are done, or they would write into a folder that is no longer there.
    const root = copyFixture("multilingual");
    const out = path.join(root, "out");
    try {
      // Only the privacy policy has changes pages: its thread fails after every document is loaded.
      writeFileSync(path.join(root, "templates/layouts/changes.njk"), "{{ items | nosuch }}\n");
      let besideStarted = false;
      let besideDone = false;
      const beside = async () => {
        besideStarted = true;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        besideDone = true;
      };
      const thrown = await buildDocumentsInParallel({ root, buildDate: "2025-07-01", output: { dir: out, liveReload: false } }, ["privacy", "terms"], 2, beside).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(templateErrorLine(thrown, root)).toBe("templates/layouts/changes.njk:1: template error: filter not found: nosuch");
      // Both documents were loaded before the privacy policy's pages failed (else this tests nothing).
      expect(besideStarted).toBe(true);
      expect(besideDone).toBe(true);
    } finally {
      removeDir(root);
    }
  });
});
