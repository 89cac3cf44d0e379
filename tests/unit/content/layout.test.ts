import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { layoutProblem } from "../../../src/content/layout.ts";
import { removeDir } from "../../support/sites.ts";

// A site's templates/ and Codicil's, the site's holding a link to a file outside it.
const root = mkdtempSync(path.join(tmpdir(), "codicil-layout-"));
const site = path.join(root, "site/templates");
const codicil = path.join(root, "codicil/templates");
mkdirSync(path.join(site, "layouts"), { recursive: true });
mkdirSync(path.join(codicil, "layouts"), { recursive: true });
writeFileSync(path.join(site, "layouts/plain.njk"), "{{ view.title }}");
writeFileSync(path.join(codicil, "layouts/document.njk"), "{{ view.title }}");
writeFileSync(path.join(root, "site/secret.njk"), "not a template of the site");
symlinkSync(path.join(root, "site/secret.njk"), path.join(site, "layouts/escape.njk"));
symlinkSync(path.join(site, "layouts/plain.njk"), path.join(site, "layouts/alias.njk"));
afterAll(() => removeDir(root));
const dirs = [site, codicil];

describe("layoutProblem: a document's layout is a template inside templates/", () => {
  it.each(["layouts/plain.njk", "layouts/document.njk", "layouts/alias.njk"])("%s is fine", (layout) => {
    expect(layoutProblem(layout, dirs)).toBeUndefined();
  });

  it.each([
    ["../package.json", 'leads out of templates/ with "." or ".."'],
    ["layouts/../../secret.njk", 'leads out of templates/ with "." or ".."'],
    ["./layouts/plain.njk", 'leads out of templates/ with "." or ".."'],
    ["/etc/passwd", "is an absolute path"],
    ["C:\\Windows\\win.ini", "is an absolute path"],
    ["layouts\\plain.njk", "has a backslash"],
    ["layouts/plain.html", "is not a Nunjucks template (.njk)"],
    ["layouts/nope.njk", "does not exist under templates/"],
    ["layouts", "is not a Nunjucks template"],
    ["layouts/escape.njk", "is a link to a file outside templates/"],
  ])("%s: %s", (layout, message) => {
    expect(layoutProblem(layout, dirs)).toContain(message);
  });
});
