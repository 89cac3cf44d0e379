import { describe, expect, it } from "vitest";
import { listRoutes, type Route } from "../../../src/addresses/routes.ts";
import { pageLanguages, routeDocument } from "../../../src/pages/languages.ts";
import { createPageContext } from "../../../src/pages/page-context.ts";
import type { Site } from "../../../src/model/site.ts";
import { SITE_URL, siteModel, type SiteSpec } from "../../support/model.ts";

/**
 * The language switcher and the hreflang alternates (SPEC section 4): only the languages the page
 * exists in, each linking to the same page in that language, and x-default. The site, as of
 * 1 June 2025: a privacy policy
 *   version 1, 2023-01-01: en, de
 *   version 2, 2024-01-01: en, de
 *   version 3, 2025-01-01: en, ar     (in force)
 *   version 4, 2025-05-01, effective 2025-09-01: en, de
 * and terms in English only.
 */
const spec: SiteSpec = {
  locales: ["en", "de", "ar"],
  buildDate: "2025-06-01",
  documents: [
    {
      slug: "privacy",
      versions: [
        { label: "1", updated: "2023-01-01", locales: ["en", "de"] },
        { label: "2", updated: "2024-01-01", locales: ["en", "de"] },
        { label: "3", updated: "2025-01-01", locales: ["en", "ar"] },
        { label: "4", updated: "2025-05-01", effective: "2025-09-01", locales: ["en", "de"] },
      ],
    },
    { slug: "terms", versions: [{ label: "1", updated: "2024-06-01", locales: ["en"] }] },
  ],
};

function route(site: Site, path: string): Route {
  const routes = listRoutes({ locales: site.settings.locales.map((l) => l.code), documents: site.documents.map(routeDocument) });
  const found = routes.find((r) => r.path === path);
  if (!found) throw new Error(`no page at ${path} in the test site`);
  return found;
}

function languagesOf(site: Site, path: string) {
  const r = route(site, path);
  return pageLanguages(createPageContext(site), r, "locale" in r ? r.locale : site.settings.defaultLocale);
}

describe("pageLanguages: the switcher and hreflang list the languages the page exists in", () => {
  const site = siteModel(spec);

  it.each<[string, string, string[], string, string | undefined]>([
    ["the home page offers every language's index", "/", ["en /en/", "de /de/", "ar /ar/"], "/", undefined],
    ["a language's index is one of them, marked as the current one", "/ar/", ["en /en/", "de /de/", "ar /ar/"], "/", "ar"],
    [
      "a document's page exists in every language that has any version of it",
      "/de/privacy/",
      ["en /en/privacy/", "de /de/privacy/", "ar /ar/privacy/"],
      "/en/privacy/",
      "de",
    ],
    [
      "its history too",
      "/ar/privacy/history/",
      ["en /en/privacy/history/", "de /de/privacy/history/", "ar /ar/privacy/history/"],
      "/en/privacy/history/",
      "ar",
    ],
    ["a document in one language only offers that one", "/en/terms/", ["en /en/terms/"], "/en/terms/", "en"],
    [
      "a dated version only in the languages it was written in: version 3 has no German text",
      "/en/privacy/2025-01-01/",
      ["en /en/privacy/2025-01-01/", "ar /ar/privacy/2025-01-01/"],
      "/en/privacy/2025-01-01/",
      "en",
    ],
    [
      "version 1 was never in Arabic",
      "/de/privacy/2023-01-01/",
      ["en /en/privacy/2023-01-01/", "de /de/privacy/2023-01-01/"],
      "/en/privacy/2023-01-01/",
      "de",
    ],
    [
      "the changes of version 4 exist where an earlier version exists in the same language",
      "/de/privacy/2025-05-01/changes/",
      ["en /en/privacy/2025-05-01/changes/", "de /de/privacy/2025-05-01/changes/"],
      "/en/privacy/2025-05-01/changes/",
      "de",
    ],
    [
      "the changes of version 3 only in English: Arabic has nothing earlier to compare with",
      "/en/privacy/2025-01-01/changes/",
      ["en /en/privacy/2025-01-01/changes/"],
      "/en/privacy/2025-01-01/changes/",
      "en",
    ],
  ])("%s (%s)", (_case, path, switcher, xDefault, current) => {
    const languages = languagesOf(site, path);
    expect(languages.languages.map((l) => `${l.code} ${l.href}`)).toEqual(switcher);
    expect(languages.currentLanguage).toBe(current);
    // hreflang: the same languages at their full addresses, then x-default.
    expect(languages.alternates.map((a) => `${a.hreflang} ${a.href}`)).toEqual([
      ...switcher.map((entry) => {
        const [code, href] = entry.split(" ");
        return `${code} ${SITE_URL}${href}`;
      }),
      `x-default ${SITE_URL}${xDefault}`,
    ]);
  });

  it("every language in the switcher carries its own name and direction", () => {
    expect(languagesOf(site, "/de/privacy/").languages.map((l) => `${l.code} ${l.dir} ${l.name}`)).toEqual([
      "en ltr name of en",
      "de ltr name of de",
      "ar rtl name of ar",
    ]);
  });

  it("under a path prefix, switcher links carry it and hreflang addresses are absolute", () => {
    const languages = languagesOf(siteModel({ ...spec, pathPrefix: "/legal/" }), "/en/privacy/2025-01-01/");
    expect(languages.languages.map((l) => l.href)).toEqual(["/legal/en/privacy/2025-01-01/", "/legal/ar/privacy/2025-01-01/"]);
    expect(languages.alternates.map((a) => a.href)).toEqual([
      `${SITE_URL}/legal/en/privacy/2025-01-01/`,
      `${SITE_URL}/legal/ar/privacy/2025-01-01/`,
      `${SITE_URL}/legal/en/privacy/2025-01-01/`,
    ]);
  });

  it("every language the switcher offers has the page, and every page is offered in the switcher", () => {
    const routes = listRoutes({ locales: spec.locales, documents: site.documents.map(routeDocument) });
    const paths = new Set(routes.map((r) => r.path));
    // The not-found page, served at any missing address, has no switcher: it links to every language's index.
    for (const r of routes.filter((r) => "locale" in r && r.kind !== "feed" && r.kind !== "notFound")) {
      const languages = languagesOf(site, r.path);
      for (const l of languages.languages) expect(paths, `${r.path} offers ${l.href}`).toContain(l.href);
      expect(languages.languages.map((l) => l.href), `${r.path} is in its own switcher`).toContain(r.path);
    }
  });
});
