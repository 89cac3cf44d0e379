import { describe, expect, it } from "vitest";
import { rebuildScope } from "../../../src/serve/dev-server.ts";

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
    // The output and anything else is no input.
    ["_site/en/index.html", undefined],
    ["published.lock.json", undefined],
    ["README.md", undefined],
  ])("%s", (file, scope) => {
    expect(rebuildScope(file)).toEqual(scope);
  });
});
