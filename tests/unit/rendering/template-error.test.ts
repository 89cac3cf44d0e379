import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../../src/pipeline/build-site.ts";
import { templateErrorLine } from "../../../src/rendering/template-error.ts";
import { copyFixture, removeDir } from "../../support/sites.ts";

/** Eleventy wraps a Nunjucks error: its message first, the template's error as `originalError`. */
const eleventyError = (nunjucksMessage: string) =>
  Object.assign(new Error('Having trouble writing to "_site/en/privacy/index.html" from "./templates/codicil-pages.njk"'), {
    originalError: new Error(nunjucksMessage),
  });

describe("templateErrorLine", () => {
  it.each([
    [
      "an error in the page's own layout",
      "(./templates/_includes/codicil-page.njk)\n  Template render error: (/site/templates/layouts/document.njk) [Line 12, Column 4]\n  Error: unable to call `nope`, which is undefined or falsey",
      "templates/layouts/document.njk:12: template error: unable to call `nope`, which is undefined or falsey",
    ],
    [
      "an error in a partial the layout includes: the partial, not the layout",
      "(./templates/_includes/codicil-page.njk)\n  Template render error: (/site/templates/layouts/document.njk) [Line 4, Column 3]\n  Template render error: (/site/templates/partials/toc.njk) [Line 7, Column 9]\n  Error: expected variable end",
      "templates/partials/toc.njk:7: template error: expected variable end",
    ],
    [
      "a partial whose error Nunjucks gives no line: line 1",
      "(./templates/_includes/codicil-page.njk)\n  Template render error: (/site/templates/layouts/document.njk) [Line 4, Column 3]\n  Template render error: (/site/templates/partials/alternate-links.njk)\n  Error: filter not found: nosuch",
      "templates/partials/alternate-links.njk:1: template error: filter not found: nosuch",
    ],
  ])("%s", (_, message, expected) => {
    expect(templateErrorLine(eleventyError(message), "/site")).toBe(expected);
  });

  it("is undefined for an error no template is named in", () => {
    expect(templateErrorLine(new Error("EACCES: permission denied, mkdir '/site/_site.tmp-1-abc'"), "/site")).toBeUndefined();
  });
});

describe("an error in a site's own partial printed once per page family (renderOnce)", () => {
  it("is reported in that partial, and nothing is written", async () => {
    const root = copyFixture("multilingual");
    try {
      mkdirSync(path.join(root, "templates/partials"), { recursive: true });
      writeFileSync(
        path.join(root, "templates/partials/alternate-links.njk"),
        '{% for alternate in items %}\n<link rel="alternate" hreflang="{{ alternate.hreflang | nosuch }}" href="{{ alternate.href }}">\n{% endfor %}\n',
      );
      const thrown = await buildSite({ root, buildDate: "2025-07-01" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(templateErrorLine(thrown, root)).toBe("templates/partials/alternate-links.njk:1: template error: filter not found: nosuch");
      expect(existsSync(path.join(root, "_site"))).toBe(false);
    } finally {
      removeDir(root);
    }
  });

});
