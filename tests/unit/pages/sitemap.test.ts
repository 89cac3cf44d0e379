import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite, type LoadedSite } from "../../../src/content/load-site.ts";
import { documentSitemapEntries, sitePageEntries } from "../../../src/pages/pages.ts";
import { DocumentSitemapParts, exceedsSitemapLimits, SITEMAP_LIMITS } from "../../../src/pages/sitemap.ts";
import { createTemplateEnvironment } from "../../../src/templating/environment.ts";
import { renderSitemapUrls } from "../../../src/rendering/sitemap-urls.ts";
import { FIXTURES } from "../../support/sites.ts";

/**
 * A sitemap file may hold 50,000 addresses and 50 MB (sitemaps.org); past that, /sitemap.xml is an
 * index of one sitemap for the site-wide pages and one per document. The fixture is small, so the
 * limits are lowered here to make it split; the parts must list exactly what the single file lists.
 */
let loaded: LoadedSite;
let fragments: string[];
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

beforeAll(async () => {
  const result = await loadSite({ root: path.join(FIXTURES, "multilingual"), buildDate: "2025-07-01" });
  if (!result.loaded) throw new Error(JSON.stringify(result.problems));
  loaded = result.loaded;
  fragments = loaded.site.documents.map((doc) => renderSitemapUrls(loaded.templateDirs, documentSitemapEntries(loaded.site, doc.slug)));
});

function rendered(entries: ReturnType<typeof sitePageEntries>): Map<string, unknown> {
  const environment = createTemplateEnvironment(loaded.templateDirs);
  const files = new Map<string, unknown>();
  for (const entry of entries.filter((e) => e.kind === "sitemap")) {
    files.set(entry.permalink, xml.parse(environment.render(entry.view.template, { view: entry.view })));
  }
  return files;
}

const locs = (file: unknown): string[] => {
  const urls = (file as { urlset: { url: { loc: string } | { loc: string }[] } }).urlset.url;
  return (Array.isArray(urls) ? urls : [urls]).map((u) => u.loc);
};

describe("sitemap size limits", () => {
  it("keeps one sitemap file while the site is within the limits", () => {
    const files = rendered(sitePageEntries(loaded.site, fragments));
    expect([...files.keys()]).toEqual(["/sitemap.xml"]);
  });

  it("splits into an index and one file per document past the limits, listing the same pages", () => {
    const single = locs(rendered(sitePageEntries(loaded.site, fragments)).get("/sitemap.xml"));
    const files = rendered(sitePageEntries(loaded.site, fragments, { urls: 10, bytes: SITEMAP_LIMITS.bytes }));
    expect([...files.keys()].sort()).toEqual(["/sitemap.xml", "/sitemaps/privacy.xml", "/sitemaps/_home.xml", "/sitemaps/terms.xml"].sort());
    const index = files.get("/sitemap.xml") as { sitemapindex: { sitemap: { loc: string }[] } };
    expect(index.sitemapindex.sitemap.map((s) => s.loc)).toEqual(
      ["_home", "privacy", "terms"].map((name) => `https://legal.fixture.example/legal/sitemaps/${name}.xml`),
    );
    const parts = ["/sitemaps/_home.xml", "/sitemaps/privacy.xml", "/sitemaps/terms.xml"].flatMap((name) => locs(files.get(name)));
    expect(parts.sort()).toEqual([...single].sort());
  });

  it.each([
    [{ urls: 38, bytes: 1e9 }, true],
    [{ urls: 39, bytes: 1e9 }, false],
    [{ urls: 1e9, bytes: 1_000 }, true],
  ])("decides by addresses and bytes: %o → %s", (limits, split) => {
    // The fixture's sitemap lists 39 pages.
    const view = sitePageEntries(loaded.site, fragments).find((e) => e.kind === "sitemap")?.view;
    const siteEntries = view?.kind === "sitemap" ? view.sitemap.entries : [];
    expect(exceedsSitemapLimits(siteEntries, fragments, limits)).toBe(split);
  });

  it("keeps the documents' parts while they fit, in folder order, and none once they are past the limits", () => {
    const slugs = loaded.site.documents.map((doc) => doc.slug);
    const [first = "", second = ""] = fragments;
    const urlsOf = (fragment: string) => fragment.split("<url>").length - 1;
    const fitting = new DocumentSitemapParts({ urls: urlsOf(first) + urlsOf(second), bytes: SITEMAP_LIMITS.bytes });
    fitting.add(slugs[1] ?? "", second);
    fitting.add(slugs[0] ?? "", first);
    expect(fitting.fragments(slugs)).toEqual([first, second]);
    const past = new DocumentSitemapParts({ urls: urlsOf(first) + urlsOf(second) - 1, bytes: SITEMAP_LIMITS.bytes });
    past.add(slugs[0] ?? "", first);
    expect(past.fragments(slugs.slice(0, 1))).toEqual([first]);
    past.add(slugs[1] ?? "", second);
    expect(past.fragments(slugs)).toBeUndefined();
    // Parts the build no longer holds make the sitemap an index of files written with the documents.
    const entries = sitePageEntries(loaded.site, undefined);
    expect(entries.filter((e) => e.kind === "sitemap").map((e) => e.permalink).sort()).toEqual(["/sitemap.xml", "/sitemaps/_home.xml"]);
  });
});
