import path from "node:path";
import { describe, expect, it } from "vitest";
import { outsideSiteSources, rebuildScope } from "../../../src/dev-server/dev-server.ts";

describe("rebuildScope: what an edit under npm start rebuilds", () => {
  it.each([
    // One language's text: that language's pages are written first.
    ["content/privacy/en.md", { kind: "document", slug: "privacy", locale: "en" }],
    ["content/privacy/versions/2024-01-01/de.md", { kind: "document", slug: "privacy", locale: "de" }],
    ["content/privacy/versions/2024-01-01/pt-BR.md", { kind: "document", slug: "privacy", locale: "pt-BR" }],
    ["content/privacy/versions", { kind: "document", slug: "privacy" }],
    ["content/privacy/versions/2024-01-01", { kind: "document", slug: "privacy" }],
    ["content/privacy/notes/en.md", { kind: "document", slug: "privacy" }],
    ["content/privacy/versions/2024-01-01/en.md.swp", { kind: "document", slug: "privacy" }],
    ["content/new-doc/en.md", { kind: "document", slug: "new-doc", locale: "en" }],
    // Settings, cookies, UI strings and templates appear on every page.
    ["content/site.yaml", { kind: "site" }],
    ["content/cookies.yaml", { kind: "site" }],
    ["content/privacy", { kind: "document", slug: "privacy" }],
    ["content/.hidden/en.md", { kind: "site" }],
    ["content", { kind: "site" }],
    ["locales/de.json", { kind: "site" }],
    ["locales/de/common.json", { kind: "site" }],
    ["templates/layouts/document.njk", { kind: "site" }],
    ["templates/assets/codicil.css", { kind: "site" }],
    // The addresses published so far: the site is checked against them again.
    ["published.lock.json", { kind: "lock" }],
    // Loaded once, when npm start starts.
    [".eleventy.ts", { kind: "restart", file: ".eleventy.ts" }],
    // The output and anything else is no input.
    ["_site/en/index.html", undefined],
    ["_site/published.lock.json", undefined],
    ["published.lock.json.tmp", undefined],
    ["README.md", undefined],
  ])("%s", (file, scope) => {
    expect(rebuildScope(file)).toEqual(scope);
  });
});

describe("outsideSiteSources: what npm start's watcher ignores", () => {
  // chokidar hands the predicate forward slashes on every system.
  it.each([
    [path.posix, "/home/me/site", "/home/me/site"],
    [path.win32, "C:\\Users\\me\\site", "C:/Users/me/site"],
  ])("watches the site's content, locales, templates, lock file and Eleventy config, and nothing else (%#)", (paths, root, seen) => {
    const ignored = outsideSiteSources(root, paths);
    const watched = ["", "/content", "/content/privacy/versions/2025-01-01/de.md", "/locales", "/locales/de.json", "/templates/layouts/base.njk", "/published.lock.json", "/.eleventy.ts"];
    for (const file of watched) {
      expect(ignored(`${seen}${file}`), file).toBe(false);
    }
    for (const file of ["/_site", "/_site/en/privacy/index.html", "/_site/published.lock.json", "/node_modules", "/package.json", "/published.lock.json.tmp", "/contents/x.md"]) {
      expect(ignored(`${seen}${file}`), file).toBe(true);
    }
  });
});
