import { describe, expect, it } from "vitest";
import { documentLanguages, explainMissingPath, HTML_KINDS, listRoutes, publishedLocales, type RouteDocument, type RouteInput } from "../../../src/addresses/routes.ts";
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
      "/404.html",
      "/en/",
      "/en/privacy/",
      "/en/privacy/history/",
      "/en/privacy/feed.xml",
      "/en/privacy/2024-01-01/",
      "/en/privacy/2024-01-01/compare/",
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
      "/assets/site.css",
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

describe("documentLanguages: which languages each page of a document exists in", () => {
  const v = (updated: string, ...locales: string[]): RouteDocument["versions"][number] => ({ updated, locales });
  type Expected = { document: string[]; versions: string[][]; changes: string[][]; compare: string[][]; inForce: Record<string, number> };
  it.each<[string, ReturnType<typeof v>[], Expected]>([
    [
      "a document written in every language from the start",
      [v("2024-01-01", "en", "de"), v("2025-01-01", "en", "de")],
      { document: ["en", "de"], versions: [["en", "de"], ["en", "de"]], changes: [[], ["en", "de"]], compare: [["en", "de"], []], inForce: { en: 1, de: 1 } },
    ],
    [
      "a translation that stopped at version 1: its landing page and history stay, later versions and their changes are English only",
      [v("2024-01-01", "en", "de"), v("2025-01-01", "en")],
      // German has nothing later than version 1 to compare it with: it is the German text in force.
      { document: ["en", "de"], versions: [["en", "de"], ["en"]], changes: [[], ["en"]], compare: [["en"], []], inForce: { en: 1, de: 0 } },
    ],
    [
      "a translation added at version 2 has no changes page for it: nothing earlier in that language",
      [v("2024-01-01", "en"), v("2025-01-01", "en", "ar")],
      { document: ["en", "ar"], versions: [["en"], ["en", "ar"]], changes: [[], ["en"]], compare: [["en"], []], inForce: { en: 1, ar: 1 } },
    ],
    [
      "a translation that skipped a version compares with its own earlier one",
      [v("2023-01-01", "en", "de"), v("2024-01-01", "en"), v("2025-01-01", "en", "de")],
      {
        document: ["en", "de"],
        versions: [["en", "de"], ["en"], ["en", "de"]],
        changes: [[], ["en"], ["en", "de"]],
        compare: [["en", "de"], ["en"], []],
        inForce: { en: 2, de: 2 },
      },
    ],
    [
      "languages come in the site's switcher order, whatever order the files were found in",
      [v("2024-01-01", "ar", "en", "de")],
      { document: ["en", "de", "ar"], versions: [["en", "de", "ar"]], changes: [[]], compare: [[]], inForce: { en: 0, de: 0, ar: 0 } },
    ],
    [
      "an upcoming version is compared with nothing, and earlier ones with the version in force, not with it",
      [v("2024-01-01", "en", "de"), v("2025-01-01", "en", "de"), { ...v("2026-01-01", "en", "de"), upcoming: true }],
      {
        document: ["en", "de"],
        versions: [["en", "de"], ["en", "de"], ["en", "de"]],
        changes: [[], ["en", "de"], ["en", "de"]],
        compare: [["en", "de"], [], []],
        inForce: { en: 1, de: 1 },
      },
    ],
    [
      "a language whose only version is upcoming has no version in force and no compare page",
      [v("2024-01-01", "en"), { ...v("2026-01-01", "en", "ar"), upcoming: true }],
      { document: ["en", "ar"], versions: [["en"], ["en", "ar"]], changes: [[], ["en"]], compare: [[], []], inForce: { en: 0 } },
    ],
    [
      "a translation lagging behind compares its earlier versions with its own newest text in force",
      [v("2023-01-01", "en", "de"), v("2024-01-01", "en", "de"), v("2025-01-01", "en")],
      {
        document: ["en", "de"],
        versions: [["en", "de"], ["en", "de"], ["en"]],
        changes: [[], ["en", "de"], ["en"]],
        compare: [["en", "de"], ["en"], []],
        inForce: { en: 2, de: 1 },
      },
    ],
  ])("%s", (_case, versions, expected) => {
    expect(documentLanguages(["en", "de", "ar"], { slug: "privacy", versions })).toEqual(expected);
  });
});

describe("listRoutes: compare pages", () => {
  it("compares each earlier version with the version in force in its language, never an upcoming one", () => {
    const compare = listRoutes({
      locales: ["en", "de"],
      documents: [
        {
          slug: "privacy",
          versions: [
            { updated: "2023-01-01", locales: ["en", "de"] },
            { updated: "2024-01-01", locales: ["en", "de"] },
            { updated: "2025-01-01", locales: ["en"] },
            { updated: "2026-01-01", locales: ["en", "de"], upcoming: true },
          ],
        },
      ],
    }).flatMap((r) => (r.kind === "compare" ? [`${r.path} against ${r.against}`] : []));
    expect(compare).toEqual([
      "/en/privacy/2023-01-01/compare/ against 2025-01-01",
      "/en/privacy/2024-01-01/compare/ against 2025-01-01",
      "/de/privacy/2023-01-01/compare/ against 2024-01-01",
    ]);
  });
});

describe("explainMissingPath", () => {
  const existing = new Set(listRoutes(site).map((r) => r.path));
  it.each([
    ["/en/privacy/", undefined],
    ["/en/privacy", undefined],
    ["/de/privacy/2024-01-01/", undefined],
    ["/fr/privacy/", '"fr" is not a language of this site (languages: en, de)'],
    ["/en/cookies/", 'there is no document "cookies" (documents: privacy, terms)'],
    ["/de/terms/", 'the document "terms" has no de text yet'],
    ["/de/privacy/2025-01-01/", '"privacy" has no version dated 2025-01-01 in de (dated versions: 2024-01-01)'],
    ["/en/privacy/2023-01-01/", "has no version dated 2023-01-01 in en"],
    ["/en/privacy/2024-01-01/compare/", undefined],
    ["/en/privacy/2025-01-01/compare/", "only earlier versions have a compare page, and the en version dated 2025-01-01 is not earlier than the one in force; link to /en/privacy/2025-01-01/ instead"],
  ])("%s", (path, reason) => {
    const explanation = explainMissingPath(path, site, existing);
    if (reason === undefined) expect(explanation).toBeUndefined();
    else expect(explanation).toContain(reason);
  });
});

describe("the not-found page and the brand's stylesheet", () => {
  it("puts /404.html in the default language, outside the pages the sitemap lists", () => {
    const notFound = listRoutes({ ...site, locales: ["en", "de"], defaultLocale: "de" }).filter((r) => r.kind === "notFound");
    expect(notFound).toEqual([{ kind: "notFound", path: "/404.html", locale: "de" }]);
    expect(HTML_KINDS.has("notFound")).toBe(false);
  });

  it("adds /brand/accent.css only for a site with accent colours", () => {
    const stylesheets = (hasAccentColours: boolean) => listRoutes({ ...site, hasAccentColours }).filter((r) => r.kind === "brandStylesheet").map((r) => r.path);
    expect(stylesheets(true)).toEqual(["/brand/accent.css"]);
    expect(stylesheets(false)).toEqual([]);
  });
});

describe("publishedLocales: a language gets pages once a document is written in it", () => {
  const doc = (slug: string, ...versions: string[][]) => ({ slug, versions: versions.map((locales, i) => ({ updated: `202${i}-01-01`, locales })) });
  it.each([
    ["every language with a document", ["en", "de", "fr"], [doc("privacy", ["en", "de"]), doc("terms", ["en"], ["en", "fr"])], ["en", "de", "fr"]],
    ["not one listed before any document is translated", ["en", "fr", "de"], [doc("privacy", ["en", "de"])], ["en", "de"]],
    ["an older version is enough", ["en", "fr"], [doc("privacy", ["en", "fr"], ["en"])], ["en", "fr"]],
    ["every language while there is no document", ["en", "fr"], [], ["en", "fr"]],
  ])("%s", (_, locales, documents, expected) => {
    expect(publishedLocales({ locales, documents })).toEqual(expected);
    const indexes = listRoutes({ locales, documents }).filter((r) => r.kind === "localeIndex").map((r) => r.path);
    expect(indexes).toEqual(expected.map((l) => `/${l}/`));
  });

  it("explains a link to such a language", () => {
    const input = { locales: ["en", "fr"], documents: [doc("privacy", ["en"])] };
    expect(explainMissingPath("/fr/privacy/", input, new Set(listRoutes(input).map((r) => r.path)))).toBe("the link /fr/privacy/ leads nowhere: no document is written in fr yet, so it has no pages.");
  });
});
