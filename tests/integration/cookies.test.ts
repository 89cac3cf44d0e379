import { readFileSync } from "node:fs";
import path from "node:path";
import type { CheerioAPI } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import type { Problem } from "../../src/core/problems.ts";
import { listRoutes } from "../../src/addresses/routes.ts";
import { copyFixture, readPage, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * A real Eleventy build of tests/fixtures/cookies: a registry with a necessary, a functional and
 * an analytics entry (no marketing), purposes missing in some languages, and cookie tables in
 * every language of the cookie policy, current and older version.
 */
const BUILD_DATE = "2025-07-01";
let root: string;
let out: string;
let problems: readonly Problem[];

beforeAll(async () => {
  root = copyFixture("cookies");
  out = path.join(root, "_site");
  const result = await buildSite({ root, buildDate: BUILD_DATE });
  problems = result.problems;
  expect(result.built).toBe(true);
});
afterAll(() => removeDir(root));

const tables = ($: CheerioAPI) => $(".document-body table.cookie-table").toArray();
const captionName = ($: CheerioAPI, table: Parameters<CheerioAPI>[0]) => $(table).find("caption .cookie-table-name").text();
const cookieNames = ($: CheerioAPI, scope: Parameters<CheerioAPI>[0]) => $(scope).find("tbody td code").toArray().map((c) => $(c).text());

describe("cookie tables in a built site", () => {
  it("lists every cookie of the registry in {% cookieTable %}, one table per category with a caption", () => {
    const $ = readPage(out, "en/cookies/");
    // The page's tags in order: every cookie, analytics again, marketing.
    const all = $(".cookie-tables").eq(0).find("table.cookie-table").toArray();
    expect(all.map((table) => captionName($, table))).toEqual(["Strictly necessary", "Functional", "Analytics"]);
    expect(all.flatMap((table) => cookieNames($, table))).toEqual(["shop_session", "shop_csrf", "shop_lang", "_pk_id", "_pk_ses"]);
    expect($(all[2]).find("caption .cookie-table-description").text()).toBe("Count visits and show how the website is used.");
    expect($(all[2]).find("tbody tr").first().children().toArray().map((cell) => $(cell).text())).toEqual([
      "Matomo",
      "_pk_id_pk_ses",
      "Counts visits <without> tracking you across sites.",
      "Third party",
      "1 year and 1 month",
      "Privacy policy of Matomo",
    ]);
  });

  it("has header cells with scope, and every table in a labelled region reachable by keyboard", () => {
    for (const page of ["en/cookies/", "de/cookies/", "ar/cookies/", "pt-BR/cookies/", "en/cookies/2024-01-01/"]) {
      const $ = readPage(out, page);
      expect(tables($).length, page).toBeGreaterThan(0);
      for (const table of tables($)) {
        expect($(table).find("caption").length, page).toBe(1);
        expect($(table).find('thead th[scope="col"]').length, page).toBe(6);
        expect($(table).find('tbody th[scope="row"]').length, page).toBe($(table).find("tbody tr").length);
        const region = $(table).parent(".table-scroll");
        expect([region.attr("role"), region.attr("tabindex")], page).toEqual(["region", "0"]);
        expect($(table).find(`caption #${region.attr("aria-labelledby")}`).length, page).toBe(1);
      }
    }
  });

  it("keeps ids unique on a page that shows the same category twice", () => {
    const $ = readPage(out, "en/cookies/");
    const ids = $("[id]").toArray().map((el) => $(el).attr("id"));
    expect(ids.filter((id) => id?.startsWith("cookie-table_"))).toEqual([
      "cookie-table_1_necessary",
      "cookie-table_1_functional",
      "cookie-table_1_analytics",
      "cookie-table_2_analytics",
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows only the asked category with {% cookieTable "analytics" %}', () => {
    const $ = readPage(out, "de/cookies/");
    expect(tables($).map((table) => captionName($, table))).toEqual(["Statistik"]);
    expect(cookieNames($, $(".document-body"))).toEqual(["_pk_id", "_pk_ses"]);
    expect($('thead th[scope="col"]').first().text()).toBe("Dienst");
    expect($("tbody td").eq(3).text()).toBe("1 Jahr und 1 Monat");
  });

  it("says, in the page's language, that a category has no cookies", () => {
    const $ = readPage(out, "en/cookies/");
    const marketing = $(".cookie-tables").eq(2);
    expect($(".cookie-tables")).toHaveLength(3);
    expect(marketing.find("table")).toHaveLength(0);
    expect(marketing.find(".cookie-table-empty").text()).toBe("There are no cookies in the category “Marketing”.");
  });

  it("marks a purpose shown in the default language with its lang, and dir on a right-to-left page", () => {
    const ar = readPage(out, "ar/cookies/");
    const purposes = ar("tbody tr").toArray().map((row) => {
      const cell = ar(row).children().eq(2);
      return [ar(row).children().first().text(), cell.attr("lang"), cell.attr("dir")];
    });
    expect(purposes).toEqual([
      ["Fixture Shop", undefined, undefined],
      ["Fixture Shop", undefined, undefined],
      ["Matomo", "en", "ltr"],
    ]);
    const pt = readPage(out, "pt-BR/cookies/")("tbody td").eq(1);
    expect([pt.attr("lang"), pt.attr("dir"), pt.text()]).toEqual(["en", undefined, "Remembers your language."]);
    expect(readPage(out, "de/cookies/")("tbody td[lang]")).toHaveLength(0);
  });

  it("warns once per cookie and language, though two Arabic pages show the fallback", () => {
    // Only the registry's warnings: other checks (translation parity) may warn about the fixture too.
    const registry = problems.filter((p) => p.file === "content/cookies.yaml");
    expect(registry.map((p) => [p.file, p.line, p.severity, p.message.split(",")[0]])).toEqual([
      ["content/cookies.yaml", 18, "warning", "purpose of Fixture Shop (shop_lang) has no pt-BR text"],
      ["content/cookies.yaml", 28, "warning", "purpose of Matomo (_pk_id"],
    ]);
    expect(registry[1]?.message).toContain("has no ar text, so ar cookie tables show the en text");
  });

  it("links to the provider's policy without loading anything from another origin", () => {
    const $ = readPage(out, "en/cookies/");
    const links = $("table.cookie-table a").toArray().map((a) => [$(a).attr("href"), $(a).attr("rel")]);
    expect(links).toEqual([
      ["https://matomo.example/privacy-policy", "noopener noreferrer"],
      ["https://matomo.example/privacy-policy", "noopener noreferrer"],
    ]);
    for (const file of Object.keys(snapshotDir(out)).filter((f) => f.endsWith(".html"))) {
      expect(readFileSync(path.join(out, file), "utf8"), file).not.toMatch(/(src|srcset|data)="(https?:)?\/\//);
    }
  });

  it("escapes registry text and leaves the document's own braces literal", () => {
    const html = readFileSync(path.join(out, "en/cookies/index.html"), "utf8");
    expect(html).toContain("Counts visits &lt;without&gt; tracking you across sites.");
    expect(html).toContain("A literal {{ braces }} stays as written.");
    expect(html).not.toContain("cookieTable");
  });

  it("leaves pages without a tag alone", () => {
    expect(tables(readPage(out, "en/privacy/"))).toHaveLength(0);
  });
});

describe("/cookies.json", () => {
  it("exports the registry as written, for consent tools", () => {
    const exported = JSON.parse(readFileSync(path.join(out, "cookies.json"), "utf8"));
    expect(exported.formatVersion).toBe(1);
    expect(exported.categories).toEqual(["necessary", "functional", "analytics", "marketing"]);
    expect(exported.cookies.length).toBeGreaterThan(0);
    for (const cookie of exported.cookies) {
      expect(Object.keys(cookie).slice(0, 6)).toEqual(["service", "names", "category", "party", "duration", "purpose"]);
      expect(cookie.purpose[exported.defaultLocale]).toEqual(expect.any(String));
    }
  });

  it("is a route only for a site with a registry", () => {
    expect(listRoutes({ locales: ["en"], documents: [], hasCookieRegistry: false }).map((r) => r.path)).not.toContain("/cookies.json");
    expect(listRoutes({ locales: ["en"], documents: [], hasCookieRegistry: true }).map((r) => r.path)).toContain("/cookies.json");
  });
});
