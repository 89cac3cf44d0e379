import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DocumentFileCache, RecentDocumentCaches } from "../../../src/content/file-cache.ts";
import { loadDocument, type DocumentLoad } from "../../../src/content/load-document.ts";
import { loadSiteResources, type SiteResources } from "../../../src/content/site-resources.ts";
import { copyFixture, removeDir } from "../../support/sites.ts";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) removeDir(root);
});

async function site(...fixtures: string[]): Promise<{ root: string; resources: SiteResources }> {
  const root = copyFixture(...fixtures);
  roots.push(root);
  const { resources } = await loadSiteResources({ root, buildDate: "2026-01-01" });
  if (!resources) throw new Error("the fixture did not load");
  return { root, resources };
}

/** A load as a build without a cache makes it: everything but the cache's fingerprints. */
const withoutFingerprints = ({ sourceFingerprints: _, ...load }: DocumentLoad) => load;

function edit(root: string, file: string, change: (text: string) => string): void {
  const full = path.join(root, file);
  writeFileSync(full, change(readFileSync(full, "utf8")));
}

describe("loadDocument with a DocumentFileCache (npm start's rebuilds)", () => {
  it("loads, edit after edit, exactly what a load without the cache gives", async () => {
    const { root, resources } = await site("cookies");
    const cache = new DocumentFileCache();
    const edits: [string, (root: string) => void][] = [
      ["nothing changed", () => undefined],
      ["a sentence", (r) => edit(r, "content/cookies/de.md", (t) => t.replace("## Statistik", "## Statistik\n\nEin neuer Satz."))],
      ["a title", (r) => edit(r, "content/cookies/en.md", (t) => t.replace(/^title: .*$/m, "title: Cookies, renamed"))],
      ["a cookie table's category", (r) => edit(r, "content/cookies/de.md", (t) => t.replace('{% cookieTable "analytics" %}', "{% cookieTable %}"))],
      ["front matter broken", (r) => edit(r, "content/cookies/pt-BR.md", (t) => t.replace(/^updated: .*$/m, "updated: 2025-02-30"))],
      ["the body of the broken file", (r) => edit(r, "content/cookies/pt-BR.md", (t) => `${t}\n<script>alert(1)</script>\n`)],
      ["the broken file's front matter a line longer", (r) => edit(r, "content/cookies/pt-BR.md", (t) => t.replace(/^(title: .*)$/m, "$1\ndescription: Uma linha a mais"))],
      ["front matter mended", (r) => edit(r, "content/cookies/pt-BR.md", (t) => t.replace("2025-02-30", "2025-01-01").replace("<script>alert(1)</script>", ""))],
      ["a file removed", (r) => rmSync(path.join(r, "content/cookies/ar.md"))],
      ["a body moved down a line", (r) => edit(r, "content/cookies/de.md", (t) => t.replace("---\n\n", "---\n\n\n"))],
    ];
    for (const [what, change] of edits) {
      change(root);
      const cached = loadDocument(resources, "cookies", cache);
      expect(withoutFingerprints(cached), what).toEqual(loadDocument(resources, "cookies"));
    }
  });

  it("reuses the readings and renderings of files whose bytes are unchanged, and keeps them frozen", async () => {
    const { root, resources } = await site("multilingual");
    const cache = new DocumentFileCache();
    const translations = (load: DocumentLoad) => load.document?.versions.at(-1)?.translations ?? {};
    const first = translations(loadDocument(resources, "privacy", cache));
    edit(root, "content/privacy/de.md", (t) => `${t}\nNoch ein Absatz.\n`);
    // Written again with the same bytes: an editor saving without a change.
    edit(root, "content/privacy/en.md", (t) => t);
    const second = translations(loadDocument(resources, "privacy", cache));
    expect(second.en?.sections).toBe(first.en?.sections);
    expect(second.de?.sections).not.toBe(first.de?.sections);
    expect(second.de?.sections.at(-1)?.blocks).toContainEqual({ kind: "paragraph", text: "Noch ein Absatz.", targets: [] });
    expect(Object.isFrozen(second.en?.sections)).toBe(true);
    expect(Object.isFrozen(second.en?.sections[0]?.blocks)).toBe(true);
  });

  it("fingerprints each language's files: an edit changes its language's only", async () => {
    const { root, resources } = await site("multilingual");
    const cache = new DocumentFileCache();
    const fingerprints = () => new Map(loadDocument(resources, "privacy", cache).sourceFingerprints);
    const before = fingerprints();
    expect([...before.keys()].sort()).toEqual(["ar", "de", "en", "pt-BR"]);
    edit(root, "content/privacy/en.md", (t) => t);
    expect(fingerprints()).toEqual(before);
    edit(root, "content/privacy/versions/2023-01-01/de.md", (t) => `${t}\nNoch ein Absatz.\n`);
    const after = fingerprints();
    for (const locale of ["ar", "en", "pt-BR"]) expect(after.get(locale), locale).toBe(before.get(locale));
    expect(after.get("de")).not.toBe(before.get("de"));
    // A fresh cache (the build that starts `npm start`) agrees with one that has seen every edit.
    expect(new Map(loadDocument(resources, "privacy", new DocumentFileCache()).sourceFingerprints)).toEqual(after);
    rmSync(path.join(root, "content/privacy/versions/2025-01-01/ar.md"));
    expect([...fingerprints().keys()].sort()).toEqual(["de", "en", "pt-BR"]);
  });
});

describe("RecentDocumentCaches", () => {
  it("keeps the caches of the documents used last, up to a size, and always the newest", async () => {
    const { resources } = await site("multilingual");
    const probe = new DocumentFileCache();
    loadDocument(resources, "privacy", probe);
    const caches = new RecentDocumentCaches(probe.bytes);
    const privacy = caches.of("privacy");
    loadDocument(resources, "privacy", privacy);
    caches.trim();
    const terms = caches.of("terms");
    loadDocument(resources, "terms", terms);
    // Counted once loaded: both no longer fit, and the privacy policy's was used longest ago.
    caches.trim();
    expect(caches.of("terms")).toBe(terms);
    expect(caches.of("privacy")).not.toBe(privacy);
    // One document larger than the bound still keeps its cache while it is edited.
    const small = new RecentDocumentCaches(1);
    const alone = small.of("privacy");
    loadDocument(resources, "privacy", alone);
    small.trim();
    expect(small.of("privacy")).toBe(alone);
  });
});
