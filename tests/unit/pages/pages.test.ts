import { describe, expect, it } from "vitest";
import { listRoutes } from "../../../src/addresses/routes.ts";
import { routeDocument } from "../../../src/pages/languages.ts";
import { createPageContext } from "../../../src/pages/page-context.ts";
import { pageView, type PageView } from "../../../src/pages/pages.ts";
import { SITE_URL, siteModel } from "../../support/model.ts";

/**
 * What every page shows (SPEC section 4) that its view decides: `<html lang dir>`, the canonical
 * address, and on document pages the label, the dates and the links to the history and changes.
 * The site is published under /legal/ and, as of 1 June 2025, has a privacy policy
 *   version 1, 2024-01-01: en, ar     (older)
 *   version 2, 2025-01-01: en, de     (in force)
 *   version 3, 2025-05-01, effective 2025-09-01: en, de, ar   (upcoming)
 */
const site = siteModel({
  locales: ["en", "de", "ar"],
  buildDate: "2025-06-01",
  pathPrefix: "/legal/",
  documents: [
    {
      slug: "privacy",
      versions: [
        { label: "1", updated: "2024-01-01", locales: ["en", "ar"] },
        { label: "2", updated: "2025-01-01", locales: ["en", "de"] },
        { label: "3", updated: "2025-05-01", effective: "2025-09-01", locales: ["en", "de", "ar"] },
      ],
    },
  ],
});
const routes = listRoutes({ locales: ["en", "de", "ar"], documents: site.documents.map(routeDocument), hasCookieRegistry: false });

function view(path: string): PageView {
  const route = routes.find((r) => r.path === path);
  if (!route) throw new Error(`no page at ${path} in the test site`);
  return pageView(createPageContext(site), route);
}

describe("pageView: the page as its template prints it", () => {
  it.each<[string, string, string, "ltr" | "rtl", PageView["kind"]]>([
    ["the home page is in the default language", "/", "en", "ltr", "home"],
    ["the Arabic index is right to left", "/ar/", "ar", "rtl", "localeIndex"],
    ["a German document page", "/de/privacy/", "de", "ltr", "document"],
    ["an Arabic dated version", "/ar/privacy/2024-01-01/", "ar", "rtl", "version"],
    ["an Arabic history", "/ar/privacy/history/", "ar", "rtl", "history"],
    ["German changes", "/de/privacy/2025-05-01/changes/", "de", "ltr", "changes"],
    ["an Arabic feed is in Arabic", "/ar/privacy/feed.xml", "ar", "rtl", "feed"],
    ["versions.json, in no language of its own, takes the default", "/privacy/versions.json", "en", "ltr", "versionsIndex"],
  ])("lang and dir: %s (%s)", (_case, path, lang, dir, kind) => {
    const page = view(path);
    expect([page.kind, page.locale, page.dir]).toEqual([kind, lang, dir]);
  });

  it.each<[string, string, string]>([
    ["the page in force points at itself", "/en/privacy/", "/legal/en/privacy/"],
    ["the dated permalink of the version in force points at itself, not at the page in force", "/en/privacy/2025-01-01/", "/legal/en/privacy/2025-01-01/"],
    ["an earlier version's dated page points at itself", "/ar/privacy/2024-01-01/", "/legal/ar/privacy/2024-01-01/"],
    ["a history", "/de/privacy/history/", "/legal/de/privacy/history/"],
    ["the home page", "/", "/legal/"],
  ])("canonical: %s", (_case, path, canonical) => {
    expect(view(path).canonical).toBe(`${SITE_URL}${canonical}`);
  });

  it.each<[string, string, string, string, string, string | undefined]>([
    ["the English page in force", "/en/privacy/", "2", "2025-01-01", "2025-01-01", "/legal/en/privacy/2025-01-01/changes/"],
    ["the German page in force: the first German text, so nothing to compare with", "/de/privacy/", "2", "2025-01-01", "2025-01-01", undefined],
    ["the Arabic page in force: version 1, as version 2 was never translated", "/ar/privacy/", "1", "2024-01-01", "2024-01-01", undefined],
    ["the upcoming Arabic text compares with the Arabic version 1", "/ar/privacy/2025-05-01/", "3", "2025-05-01", "2025-09-01", "/legal/ar/privacy/2025-05-01/changes/"],
  ])("document pages: %s", (_case, path, label, updated, effective, changesHref) => {
    const page = view(path);
    if (page.kind !== "document" && page.kind !== "version") throw new Error(`${path} is a ${page.kind} page`);
    const locale = path.split("/")[1] ?? "";
    expect(page.document.label).toBe(label);
    expect([page.document.updated.iso, page.document.effective.iso]).toEqual([updated, effective]);
    expect(page.document.changesHref).toBe(changesHref);
    expect(page.document.historyHref).toBe(`/legal/${locale}/privacy/history/`);
    expect(page.document.permalinkHref).toBe(`/legal/${locale}/privacy/${updated}/`);
  });

  it("a language's index lists its documents, and links the others in the default language", () => {
    const withTerms = siteModel({
      locales: ["en", "de"],
      buildDate: "2025-06-01",
      documents: [
        { slug: "privacy", versions: [{ label: "1", updated: "2025-01-01", locales: ["en", "de"] }] },
        { slug: "terms", versions: [{ label: "1", updated: "2025-01-01", locales: ["en"] }] },
      ],
    });
    const route = listRoutes({ locales: ["en", "de"], documents: withTerms.documents.map(routeDocument) }).find((r) => r.path === "/de/");
    const page = route && pageView(createPageContext(withTerms), route);
    if (page?.kind !== "localeIndex") throw new Error("no German index");
    expect(page.documents.map((d) => d.href)).toEqual(["/de/privacy/"]);
    expect(page.otherDocuments.map((d) => `${d.href} ${d.language?.code ?? ""}`)).toEqual(["/en/terms/ en"]);
  });
});
