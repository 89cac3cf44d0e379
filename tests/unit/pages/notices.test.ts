import { describe, expect, it } from "vitest";
import type { LegalDocument, Site } from "../../../src/model/site.ts";
import { noticesFor, type Notice } from "../../../src/pages/notices.ts";
import { createPageContext } from "../../../src/pages/page-context.ts";
import { comparePath } from "../../../src/pages/languages.ts";
import { siteModel, type SiteSpec } from "../../support/model.ts";

/**
 * The notices of SPEC section 4, on a privacy policy as of 1 June 2025:
 *   version 1, 2023-01-01: en, de           (older)
 *   version 2, 2024-01-01: en, de           (older; the newest German text)
 *   version 3, 2025-01-01: en, ar           (in force; not yet translated into German)
 *   version 4, 2025-05-01, effective 2025-09-01: en, de   (published, not yet in force)
 * and terms whose only version takes effect on 2025-09-01.
 */
const privacySite: SiteSpec = {
  locales: ["en", "de", "ar"],
  buildDate: "2025-06-01",
  documents: [
    {
      slug: "privacy",
      versions: [
        { label: "1", updated: "2023-01-01", locales: ["en", "de"] },
        { label: "2", updated: "2024-01-01", locales: ["en", "de"], latestVersion: { en: "/en/privacy/2025-01-01/" } },
        { label: "3", updated: "2025-01-01", locales: ["en", "ar"] },
        { label: "4", updated: "2025-05-01", effective: "2025-09-01", locales: ["en", "de"] },
      ],
    },
    { slug: "terms", versions: [{ label: "1", updated: "2025-05-01", effective: "2025-09-01", locales: ["en"] }] },
  ],
};

/** A notice as one line a reviewer can check against the contract. */
function describeNotice(notice: Notice): string {
  switch (notice.kind) {
    case "older": {
      const { period } = notice;
      const when = period.kind === "ended" ? `in force ${period.from.iso} until ${period.until.iso}` : period.kind;
      return `older (${when}): latest at ${notice.latestHref}${notice.compareHref === undefined ? "" : `, compare at ${notice.compareHref}`}`;
    }
    case "upcoming":
      return `upcoming: takes effect ${notice.effective.iso}${notice.currentHref === undefined ? "" : `, in force at ${notice.currentHref}`}`;
    case "announce":
      return `announce: version taking effect ${notice.effective.iso} at ${notice.href}${notice.hrefLang ? ` (in ${notice.hrefLang.code})` : ""}`;
    case "stale":
      return `stale: ${notice.language.code} ("${notice.languageName}") version ${notice.currentLabel} prevails, at ${notice.href}`;
  }
}

/** `page` is "landing" for `/<locale>/<doc>/`, or the date of a dated page. */
function notices(site: Site, slug: string, locale: string, page: string): string[] {
  const doc = site.documents.find((d) => d.slug === slug) as LegalDocument;
  const index = page === "landing" ? doc.landingIndex[locale] : doc.versions.findIndex((v) => v.updated === page);
  const translation = index === undefined ? undefined : doc.versions[index]?.translations[locale];
  if (index === undefined || !translation) throw new Error(`no ${locale} page ${page} of ${slug} in the test site`);
  const context = createPageContext(site);
  return noticesFor(site, doc, index, translation, page === "landing", { link: context.link, ref: context.ref, comparePath: (i, l) => comparePath(context, doc, i, l) }).map(describeNotice);
}

describe("noticesFor: which notices a version page shows, in order (SPEC section 4)", () => {
  const site = siteModel(privacySite);

  it.each<[string, string, string, string, string[]]>([
    ["the English page in force announces the version taking effect later", "privacy", "en", "landing", ["announce: version taking effect 2025-09-01 at /en/privacy/2025-05-01/"]],
    ["the dated permalink of the version in force announces it too", "privacy", "en", "2025-01-01", ["announce: version taking effect 2025-09-01 at /en/privacy/2025-05-01/"]],
    [
      "an earlier English version says when it was in force and links to the latest one and to what changed since",
      "privacy",
      "en",
      "2023-01-01",
      ["older (in force 2023-01-01 until 2024-01-01): latest at /en/privacy/, compare at /en/privacy/2023-01-01/compare/"],
    ],
    [
      "an earlier version whose front matter names its latestVersion (a site path) links there",
      "privacy",
      "en",
      "2024-01-01",
      ["older (in force 2024-01-01 until 2025-01-01): latest at /en/privacy/2025-01-01/, compare at /en/privacy/2024-01-01/compare/"],
    ],
    [
      "an earlier German version links to the newest German text, and compares with it",
      "privacy",
      "de",
      "2023-01-01",
      ["older (in force 2023-01-01 until 2024-01-01): latest at /de/privacy/, compare at /de/privacy/2023-01-01/compare/"],
    ],
    [
      "the German page lags behind the English version in force: English prevails; the German version 4 is announced in German",
      "privacy",
      "de",
      "landing",
      ['stale: en ("Englisch") version 3 prevails, at /en/privacy/', "announce: version taking effect 2025-09-01 at /de/privacy/2025-05-01/"],
    ],
    [
      "the dated page of that lagging German version is also simply an earlier version, with no announcement",
      "privacy",
      "de",
      "2024-01-01",
      // No German version is later, so there is nothing in German to compare it with.
      ["older (in force 2024-01-01 until 2025-01-01): latest at /en/privacy/", 'stale: en ("Englisch") version 3 prevails, at /en/privacy/'],
    ],
    [
      "the Arabic page in force announces a version not yet translated, linking to the English text",
      "privacy",
      "ar",
      "landing",
      ["announce: version taking effect 2025-09-01 at /en/privacy/2025-05-01/ (in en)"],
    ],
    ["a published version not yet in force says when it takes effect and links to the one in force", "privacy", "en", "2025-05-01", ["upcoming: takes effect 2025-09-01, in force at /en/privacy/"]],
    ["the same in German, linking to the German page in force", "privacy", "de", "2025-05-01", ["upcoming: takes effect 2025-09-01, in force at /de/privacy/"]],
    ["a document with no version in force yet: the date, and nothing to link to", "terms", "en", "landing", ["upcoming: takes effect 2025-09-01"]],
  ])("%s", (_case, slug, locale, page, expected) => {
    expect(notices(site, slug, locale, page)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    [
      "an internal latestVersion gets the site's path prefix",
      "2024-01-01",
      ["older (in force 2024-01-01 until 2025-01-01): latest at /legal/en/privacy/2025-01-01/, compare at /legal/en/privacy/2024-01-01/compare/"],
    ],
    [
      "the latest version's own address gets it too",
      "2023-01-01",
      ["older (in force 2023-01-01 until 2024-01-01): latest at /legal/en/privacy/, compare at /legal/en/privacy/2023-01-01/compare/"],
    ],
  ])("under a path prefix: %s", (_case, page, expected) => {
    expect(notices(siteModel({ ...privacySite, pathPrefix: "/legal/" }), "privacy", "en", page)).toEqual(expected);
  });

  it("an earlier German version whose latestVersion is a full address links there unchanged", () => {
    const site = siteModel({
      ...privacySite,
      documents: [
        {
          slug: "privacy",
          versions: [
            { label: "1", updated: "2023-01-01", locales: ["en", "de"], latestVersion: { de: "https://example.com/datenschutz" } },
            { label: "2", updated: "2024-01-01", locales: ["en", "de"] },
          ],
        },
      ],
    });
    expect(notices(site, "privacy", "de", "2023-01-01")).toEqual(["older (in force 2023-01-01 until 2024-01-01): latest at https://example.com/datenschutz, compare at /de/privacy/2023-01-01/compare/"]);
  });

  it.each<[string, SiteSpec["documents"][number]["versions"], string, string[]]>([
    [
      "the default language is never told it is out of date",
      [
        { label: "1", updated: "2024-01-01", locales: ["en", "de"] },
        { label: "2", updated: "2025-01-01", locales: ["en"] },
      ],
      "en",
      [],
    ],
    [
      "a translation of the version in force is not out of date",
      [
        { label: "1", updated: "2024-01-01", locales: ["en"] },
        { label: "2", updated: "2025-01-01", locales: ["en", "de"] },
      ],
      "de",
      [],
    ],
    [
      "a translation lagging behind by one version is",
      [
        { label: "1", updated: "2024-01-01", locales: ["en", "de"] },
        { label: "2", updated: "2025-01-01", locales: ["en"] },
      ],
      "de",
      ['stale: en ("Englisch") version 2 prevails, at /en/privacy/'],
    ],
    [
      "a newer translation that is still upcoming does not make the landing page current",
      [
        { label: "1", updated: "2024-01-01", locales: ["en", "de"] },
        { label: "2", updated: "2025-01-01", locales: ["en"] },
        { label: "3", updated: "2025-05-01", effective: "2025-12-01", locales: ["en", "de"] },
      ],
      "de",
      ['stale: en ("Englisch") version 2 prevails, at /en/privacy/', "announce: version taking effect 2025-12-01 at /de/privacy/2025-05-01/"],
    ],
  ])("the landing page: %s", (_case, versions, locale, expected) => {
    const site = siteModel({ locales: ["en", "de"], buildDate: "2025-06-01", documents: [{ slug: "privacy", versions }] });
    expect(notices(site, "privacy", locale, "landing")).toEqual(expected);
  });
});
