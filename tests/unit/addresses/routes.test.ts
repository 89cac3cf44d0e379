import { describe, expect, it } from "vitest";
import { explainMissingPath, listRoutes, type RouteInput } from "../../../src/addresses/routes.ts";
import { absoluteUrl, href, outputPermalink, paths } from "../../../src/addresses/urls.ts";

describe("URL building", () => {
  it.each([
    [paths.home(), "/"],
    [paths.localeIndex("pt-BR"), "/pt-BR/"],
    [paths.document("de", "privacy"), "/de/privacy/"],
    [paths.version("zh-Hans", "terms", "2024-03-01"), "/zh-Hans/terms/2024-03-01/"],
  ])("%s", (path, expected) => expect(path).toBe(expected));

  it.each([
    ["/", "/", "https://x.example/"],
    ["/legal/", "/en/privacy/", "https://x.example/legal/en/privacy/"],
    ["/legal/", "/", "https://x.example/legal/"],
  ])("prefix %s, path %s", (pathPrefix, path, absolute) => {
    expect(absoluteUrl({ url: "https://x.example", pathPrefix }, path)).toBe(absolute);
    expect(href({ pathPrefix }, path)).toBe(absolute.slice("https://x.example".length));
  });

  it.each([
    ["/", "/index.html"],
    ["/en/privacy/", "/en/privacy/index.html"],
    ["/sitemap.xml", "/sitemap.xml"],
  ])("writes %s to %s", (path, file) => expect(outputPermalink(path)).toBe(file));
});

const site: RouteInput = {
  locales: ["en", "de"],
  documents: [
    {
      slug: "privacy",
      versions: [
        { updated: "2024-01-01", locales: ["en", "de"] },
        { updated: "2025-01-01", locales: ["en"] },
      ],
    },
    { slug: "terms", versions: [{ updated: "2024-06-01", locales: ["en"] }] },
  ],
};

describe("listRoutes", () => {
  it("makes a page for every version in every language it exists in", () => {
    expect(listRoutes(site).map((r) => r.path)).toEqual([
      "/",
      "/en/",
      "/en/privacy/",
      "/en/privacy/history/",
      "/en/privacy/feed.xml",
      "/en/privacy/2024-01-01/",
      "/en/privacy/2025-01-01/",
      "/en/privacy/2025-01-01/changes/",
      "/en/terms/",
      "/en/terms/history/",
      "/en/terms/feed.xml",
      "/en/terms/2024-06-01/",
      "/de/",
      "/de/privacy/",
      "/de/privacy/history/",
      "/de/privacy/feed.xml",
      "/de/privacy/2024-01-01/",
      "/privacy/versions.json",
      "/terms/versions.json",
      "/sitemap.xml",
      "/robots.txt",
    ]);
  });

  it("compares each version with the one before it in the same language, skipping versions it lacks", () => {
    const changes = listRoutes({
      locales: ["en", "de"],
      documents: [
        {
          slug: "privacy",
          versions: [
            { updated: "2023-01-01", locales: ["en", "de"] },
            { updated: "2024-01-01", locales: ["en"] },
            { updated: "2025-01-01", locales: ["en", "de"] },
          ],
        },
      ],
    }).flatMap((r) => (r.kind === "changes" ? [`${r.locale} ${r.updated} against ${r.previous}`] : []));
    expect(changes).toEqual(["en 2024-01-01 against 2023-01-01", "en 2025-01-01 against 2024-01-01", "de 2025-01-01 against 2023-01-01"]);
  });
});

describe("explainMissingPath", () => {
  const existing = new Set(listRoutes(site).map((r) => r.path));
  it.each([
    ["/en/privacy/", undefined],
    ["/en/privacy", undefined],
    ["/de/privacy/2024-01-01/", undefined],
    ["/fr/privacy/", '"fr" is not a language of this site (en, de)'],
    ["/en/cookies/", 'there is no document "cookies" (documents: privacy, terms)'],
    ["/de/terms/", 'the document "terms" has no de text yet'],
    ["/de/privacy/2025-01-01/", '"privacy" has no version dated 2025-01-01 in de (dated versions: 2024-01-01)'],
    ["/en/privacy/2023-01-01/", "has no version dated 2023-01-01 in en"],
  ])("%s", (path, reason) => {
    const explanation = explainMissingPath(path, site, existing);
    if (reason === undefined) expect(explanation).toBeUndefined();
    else expect(explanation).toContain(reason);
  });
});
