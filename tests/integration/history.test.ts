import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, readPage, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * History, changes, feeds, sitemap and versions.json of tests/fixtures/multilingual built on
 * 2025-07-01: privacy has versions 1, 2, 10 (current), 10.1 (upcoming) in en and de, 10 in ar,
 * 1 and 2 in pt-BR.
 */
const ORIGIN = "https://legal.fixture.example/legal";
let root: string;
let out: string;

beforeAll(async () => {
  ({ root, out } = await buildFixture("multilingual", "2025-07-01"));
});
afterAll(() => removeDir(root));

const xml = (file: string) => {
  const text = readFileSync(path.join(out, file), "utf8");
  expect(XMLValidator.validate(text)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "url", "xhtml:link", "link"].includes(name) }).parse(text);
};

describe("history page", () => {
  it("lists every version newest first with dates, status, summary and links", () => {
    const $ = readPage(out, "en/privacy/history/");
    const entries = $(".history-entry").toArray().map((el) => ({
      label: $(el).find(".history-label a").text(),
      status: $(el).find(".history-status").text(),
      href: $(el).find(".history-label a").attr("href"),
      changes: $(el).find('a[href$="/changes/"]').attr("href"),
      compare: $(el).find('a[href$="/compare/"]').attr("href"),
      period: $(el).find(".history-period dd").text(),
      times: $(el).find("time").toArray().map((t) => t.attribs.datetime),
    }));
    expect(entries).toEqual([
      {
        label: "Version 10.1",
        status: "Upcoming",
        href: "/legal/en/privacy/2025-06-01/",
        changes: "/legal/en/privacy/2025-06-01/changes/",
        compare: undefined,
        period: "from January 1, 2026",
        times: ["2025-06-01", "2026-01-01"],
      },
      {
        label: "Version 10",
        status: "In force",
        href: "/legal/en/privacy/2025-01-01/",
        changes: "/legal/en/privacy/2025-01-01/changes/",
        compare: undefined,
        period: "since January 1, 2025",
        times: ["2025-01-01", "2025-01-01"],
      },
      {
        label: "Version 2",
        status: "Earlier version",
        href: "/legal/en/privacy/2024-01-01/",
        changes: "/legal/en/privacy/2024-01-01/changes/",
        compare: "/legal/en/privacy/2024-01-01/compare/",
        period: "from January 1, 2024 until January 1, 2025",
        times: ["2024-01-01", "2024-01-01"],
      },
      {
        label: "Version 1",
        status: "Earlier version",
        href: "/legal/en/privacy/2023-01-01/",
        changes: undefined,
        compare: "/legal/en/privacy/2023-01-01/compare/",
        period: "from January 1, 2023 until January 1, 2024",
        times: ["2023-01-01", "2023-01-01"],
      },
    ]);
    expect($(".history-entry").first().text()).toContain("Summary of 10.1 in en.");
  });

  it("links versions that exist only in other languages to the language they exist in", () => {
    const $ = readPage(out, "pt-BR/privacy/history/");
    const newest = $(".history-entry").first();
    expect(newest.find(".history-label a").attr("href")).toBe("/legal/en/privacy/2025-06-01/");
    expect(newest.find(".history-label a").attr("hreflang")).toBe("en");
    expect(newest.find('p[lang="en"]').text()).toBe("Summary of 10.1 in en.");
    expect(newest.find('a[href$="/changes/"]').length).toBe(0);
    expect($(".history-entry").length).toBe(4);
  });

  it("is linked from every document page, with the feed", () => {
    const $ = readPage(out, "de/privacy/2024-01-01/");
    expect($('.document-links a[href="/legal/de/privacy/history/"]').length).toBe(1);
    expect($('.document-links a[href="/legal/de/privacy/2024-01-01/changes/"]').length).toBe(1);
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr("href")).toBe(`${ORIGIN}/de/privacy/feed.xml`);
    // The first version has nothing to compare with.
    expect(readPage(out, "de/privacy/2023-01-01/")('.document-links a[href$="/changes/"]').length).toBe(0);
  });
});

describe("changes page", () => {
  it("compares with the previous version in the same language and says which", () => {
    const $ = readPage(out, "pt-BR/privacy/2024-01-01/changes/");
    expect($("h1").text()).toContain("2");
    expect($(".redline-versions a").toArray().map((a) => a.attribs.href)).toEqual([
      "/legal/pt-BR/privacy/2023-01-01/",
      "/legal/pt-BR/privacy/2024-01-01/",
      "/legal/pt-BR/privacy/history/",
    ]);
  });

  it("marks insertions and deletions with ins and del, worded for screen readers", () => {
    const $ = readPage(out, "en/privacy/2025-01-01/changes/");
    const scope = $("section.changes-changed").first();
    expect(scope.find("del").first().text()).toBe("[removed: 2]");
    expect(scope.find("ins").first().text()).toBe("[added: 10]");
    expect($(".changes-summary li").length).toBeGreaterThan(0);
    // Unchanged sections stay available, collapsed.
    expect($("details.changes-unchanged summary").first().text()).toContain("unchanged");
  });

  it("has hreflang alternates to the same comparison in other languages", () => {
    const alternates = readPage(out, "de/privacy/2025-01-01/changes/")('link[rel="alternate"][hreflang]').toArray().map((l) => l.attribs.hreflang);
    expect(alternates).toEqual(["en", "de", "x-default"]);
  });
});

describe("compare pages: what changed since the version a reader accepted", () => {
  const comparePages = () =>
    Object.keys(snapshotDir(out))
      .filter((f) => f.endsWith("/compare/index.html"))
      .sort();

  it("exist for each earlier version in each language, never for the version in force or an upcoming one", () => {
    // en and de: 1 and 2 against 10 in force; pt-BR: 1 against 2, its newest text; ar has only 10.
    expect(comparePages()).toEqual(
      [
        "de/privacy/2023-01-01/compare/index.html",
        "de/privacy/2024-01-01/compare/index.html",
        "en/privacy/2023-01-01/compare/index.html",
        "en/privacy/2024-01-01/compare/index.html",
        "pt-BR/privacy/2023-01-01/compare/index.html",
      ].sort(),
    );
  });

  it("compare the earlier version with the version in force in that language, with dates and permanent addresses", () => {
    const $ = readPage(out, "en/privacy/2023-01-01/compare/");
    expect($("h1").text()).toBe("Privacy Policy: what changed since version 1");
    expect($(".redline-versions a").toArray().map((a) => a.attribs.href)).toEqual([
      "/legal/en/privacy/2023-01-01/",
      "/legal/en/privacy/2025-01-01/",
      "/legal/en/privacy/history/",
    ]);
    expect($(".redline-address").toArray().map((el) => $(el).text())).toEqual([`${ORIGIN}/en/privacy/2023-01-01/`, `${ORIGIN}/en/privacy/2025-01-01/`]);
    expect($(".redline-versions time").toArray().map((t) => t.attribs.datetime)).toEqual(["2023-01-01", "2023-01-01", "2025-01-01", "2025-01-01"]);
    expect($(".changes-legend ins").length + $(".changes-legend del").length).toBe(2);
    expect($(".changes-body ins").length).toBeGreaterThan(0);
    const pt = readPage(out, "pt-BR/privacy/2023-01-01/compare/");
    expect(pt(".redline-versions a").toArray().map((a) => a.attribs.href).slice(0, 2)).toEqual(["/legal/pt-BR/privacy/2023-01-01/", "/legal/pt-BR/privacy/2024-01-01/"]);
  });

  it("show the same redline as the changes page of the same two versions (one macro, one comparison)", () => {
    const compare = readPage(out, "de/privacy/2024-01-01/compare/");
    const changes = readPage(out, "de/privacy/2025-01-01/changes/");
    expect(compare(".changes-body").html()).toBe(changes(".changes-body").html());
    expect(compare(".changes-summary").html()).toBe(changes(".changes-summary").html());
    expect(compare("h1").text()).not.toBe(changes("h1").text());
  });

  it("are linked from the earlier version's page, whose notice says when it was in force", () => {
    const $ = readPage(out, "en/privacy/2023-01-01/");
    expect($(".notice-older").text()).toContain("It was in force from January 1, 2023 until January 1, 2024.");
    expect($('.notice-older a[href="/legal/en/privacy/2023-01-01/compare/"]').length).toBe(1);
    expect($('.notice-older a[href="/legal/en/privacy/"]').length).toBe(1);
    expect($('.document-links a[href="/legal/en/privacy/2023-01-01/compare/"]').length).toBe(1);
    expect(readPage(out, "de/privacy/2024-01-01/")(".notice-older").text()).toContain("Sie galt vom 1. Januar 2024 bis zum 1. Januar 2025.");
    // The version in force and the upcoming one have nothing to compare with.
    for (const page of ["en/privacy/", "en/privacy/2025-01-01/", "en/privacy/2025-06-01/"]) {
      expect(readPage(out, page)('a[href$="/compare/"]').length).toBe(0);
    }
  });

  it("have hreflang alternates and a language switcher listing only the languages that have them", () => {
    const $ = readPage(out, "pt-BR/privacy/2023-01-01/compare/");
    expect($('link[rel="alternate"][hreflang]').toArray().map((l) => `${l.attribs.hreflang} ${l.attribs.href}`)).toEqual([
      `en ${ORIGIN}/en/privacy/2023-01-01/compare/`,
      `de ${ORIGIN}/de/privacy/2023-01-01/compare/`,
      `pt-BR ${ORIGIN}/pt-BR/privacy/2023-01-01/compare/`,
      `x-default ${ORIGIN}/en/privacy/2023-01-01/compare/`,
    ]);
    expect(readPage(out, "en/privacy/2024-01-01/compare/")('link[rel="alternate"][hreflang]').toArray().map((l) => l.attribs.hreflang)).toEqual(["en", "de", "x-default"]);
  });

  it("are listed in the sitemap with their alternates and in versions.json", () => {
    const { urlset } = xml("sitemap.xml");
    const urls = urlset.url as { loc: string; "xhtml:link"?: Record<string, string>[] }[];
    const locs = urls.map((u) => u.loc).filter((l) => l.endsWith("/compare/"));
    expect(locs.sort()).toEqual(comparePages().map((f) => `${ORIGIN}/${f.replace(/index\.html$/, "")}`).sort());
    const index = JSON.parse(readFileSync(path.join(out, "privacy/versions.json"), "utf8"));
    const compareUrls = index.versions.flatMap((v: { locales: Record<string, { compare?: string }> }) => Object.values(v.locales).flatMap((l) => l.compare ?? []));
    expect(compareUrls.sort()).toEqual(locs.sort());
  });
});

describe("Atom feed", () => {
  it("is well-formed Atom with one entry per version in that language", () => {
    const { feed } = xml("de/privacy/feed.xml");
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed["@xml:lang"]).toBe("de");
    expect(feed.id).toBe(`${ORIGIN}/de/privacy/feed.xml`);
    expect(feed.updated).toBe("2025-06-01T00:00:00Z");
    expect(feed.author.name).toBe("Fixture & Co. <Legal>");
    expect(feed.link.map((l: Record<string, string>) => l["@rel"])).toEqual(["self", "alternate"]);
    const entries = feed.entry as Record<string, unknown>[];
    expect(entries.map((e) => e.id)).toEqual(["2025-06-01", "2025-01-01", "2024-01-01", "2023-01-01"].map((d) => `${ORIGIN}/de/privacy/${d}/`));
    for (const entry of entries) {
      expect(entry).toEqual(expect.objectContaining({ title: expect.stringContaining("Datenschutzerklärung, Version"), updated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/) }));
    }
    expect(entries[0]?.summary).toBe("Summary of 10.1 in de. Tritt am 1. Januar 2026 in Kraft.");
  });
});

describe("Atom feed of a language that lags behind", () => {
  it("also announces versions not yet translated, linking the default language's text", () => {
    const { feed } = xml("pt-BR/privacy/feed.xml");
    const entries = feed.entry as Record<string, unknown>[];
    expect(entries.map((e) => [e["@xml:lang"], e.id])).toEqual([
      ["en", `${ORIGIN}/en/privacy/2025-06-01/`],
      ["en", `${ORIGIN}/en/privacy/2025-01-01/`],
      [undefined, `${ORIGIN}/pt-BR/privacy/2024-01-01/`],
      [undefined, `${ORIGIN}/pt-BR/privacy/2023-01-01/`],
    ]);
    expect(feed.title).toContain("Política de Privacidade");
  });
});

describe("sitemap and robots.txt", () => {
  it("lists every HTML page once, with its hreflang alternates, and no feeds", () => {
    const { urlset } = xml("sitemap.xml");
    const urls = (urlset.url as { loc: string; "xhtml:link"?: Record<string, string>[] }[]);
    const locs = urls.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs).toContain(`${ORIGIN}/`);
    expect(locs).toContain(`${ORIGIN}/pt-BR/privacy/2024-01-01/changes/`);
    expect(locs).toContain(`${ORIGIN}/ar/privacy/history/`);
    expect(locs.some((l) => l.endsWith(".xml") || l.endsWith(".json"))).toBe(false);
    const page = urls.find((u) => u.loc === `${ORIGIN}/de/privacy/`);
    expect(page?.["xhtml:link"]?.map((l) => `${l["@hreflang"]} ${l["@href"]}`)).toEqual([
      `en ${ORIGIN}/en/privacy/`,
      `de ${ORIGIN}/de/privacy/`,
      `ar ${ORIGIN}/ar/privacy/`,
      `pt-BR ${ORIGIN}/pt-BR/privacy/`,
      `x-default ${ORIGIN}/en/privacy/`,
    ]);
    const htmlFiles = readFileSync(path.join(out, "sitemap.xml"), "utf8").match(/<loc>/g)?.length;
    // home 1, locale indexes 4, en and de privacy 11 each, ar 3, pt-BR 6, en terms 3.
    expect(htmlFiles).toBe(39);
  });

  it("robots.txt points to the sitemap", () => {
    expect(readFileSync(path.join(out, "robots.txt"), "utf8")).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${ORIGIN}/sitemap.xml\n`);
  });
});

describe("versions.json", () => {
  it("gives every version's dates, status, address and the SHA-256 of its source per language", () => {
    const index = JSON.parse(readFileSync(path.join(out, "privacy/versions.json"), "utf8"));
    expect(index.document).toBe("privacy");
    expect(index.current).toBe("10");
    expect(index.versions.map((v: { label: string; status: string }) => `${v.label} ${v.status}`)).toEqual(["10.1 upcoming", "10 current", "2 older", "1 older"]);
    const arSource = readFileSync(path.join(root, "content/privacy/versions/2025-01-01/ar.md"));
    expect(index.versions[1].locales.ar).toEqual({
      title: "سياسة الخصوصية",
      sha256: createHash("sha256").update(arSource).digest("hex"),
      summary: "Summary of 10 in ar.",
      url: `${ORIGIN}/ar/privacy/2025-01-01/`,
    });
    expect(index.versions[1].locales.de.changes).toBe(`${ORIGIN}/de/privacy/2025-01-01/changes/`);
  });
});

describe("published URL lock", () => {
  it("records every dated version address after a successful build, with its fingerprints", () => {
    const lock = JSON.parse(readFileSync(path.join(root, "published.lock.json"), "utf8"));
    // privacy: en 4, de 4, ar 1, pt-BR 2; terms: en 1.
    expect(Object.keys(lock.urls)).toHaveLength(12);
    const entry = lock.urls["/pt-BR/privacy/2024-01-01/"];
    expect(entry.source).toBe("content/privacy/pt-BR.md");
    const source = readFileSync(path.join(root, "content/privacy/pt-BR.md"));
    expect(entry.sourceSha256).toBe(createHash("sha256").update(source).digest("hex"));
    expect(entry.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.lines).toHaveLength(4 * source.toString("utf8").split("\n").length);
  });
});
