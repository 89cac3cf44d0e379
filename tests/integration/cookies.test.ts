import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CheerioAPI } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import type { Problem } from "../../src/core/problems.ts";
import { listRoutes } from "../../src/addresses/routes.ts";
import { loadSite } from "../../src/content/load-site.ts";
import { cookieDatingAdvice } from "../../src/content/cookies/dates.ts";
import type { CookieRegistry } from "../../src/model/cookies.ts";
import { copyFixture, readPage, removeDir, runCliAsync, snapshotDir } from "../support/sites.ts";

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

/**
 * A registry change as an editor makes it, through the command line: with dates, a published
 * version's tables stay as they were; without, the change reaches them too, which the published
 * versions' fingerprints catch and `cookieDatingAdvice` explains (its entry, its line, the date).
 */
describe("a cookie change, with and without dates", () => {
  const CHAT = ["  - service: Chat", "    names: [chat_id]", "    category: functional", "    party: first", "    duration: P30D"];
  const CHAT_PURPOSE = "    purpose: { en: Keeps the support chat open. }";
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeDir));

  async function buildWith(edit: (registry: string) => string): Promise<{ root: string; names: (page: string) => string[]; purposes: (page: string) => string[] }> {
    const site = copyFixture("cookies");
    roots.push(site);
    const file = path.join(site, "content/cookies.yaml");
    writeFileSync(file, edit(readFileSync(file, "utf8")));
    const result = await runCliAsync(["build", "--root", site], { SOURCE_DATE_EPOCH: String(Date.parse(`${BUILD_DATE}T00:00:00Z`) / 1000) });
    expect(result.status, result.stderr).toBe(0);
    const table = (page: string) => readPage(path.join(site, "_site"), page);
    return {
      root: site,
      names: (page) => cookieNames(table(page), table(page)(".cookie-tables").first()),
      purposes: (page) => table(page)(".cookie-tables").first().find("tbody td:nth-of-type(2)").toArray().map((td) => table(page)(td).text()),
    };
  }

  it("with dates: each version lists what was set on its effective date, with the purpose text of that day", async () => {
    const site = await buildWith((registry) =>
      `${registry
        .replace("    names: [shop_lang]\n    category: functional\n    party: first\n    duration: P1Y\n", "    names: [shop_lang]\n    category: functional\n    party: first\n    duration: P1Y\n    until: 2024-06-01\n")
        .replace(
          / {4}purpose:\n {6}en: Keeps the basket and protects forms\.\n/,
          "    purposes:\n      - en: Keeps the basket and protects forms.\n",
        )
        .replace(
          "      pt-BR: Guarda o carrinho e protege os formulários.\n",
          "        pt-BR: Guarda o carrinho e protege os formulários.\n      - { since: 2024-06-01, en: Keeps the basket. }\n",
        )
        .replace(/\n {6}(de|ar): (Merkt sich den Warenkorb|يحفظ سلة)/g, "\n        $1: $2")}\n${[...CHAT, "    since: 2024-06-01", CHAT_PURPOSE].join("\n")}\n`,
    );
    expect(site.names("en/cookies/2024-01-01/")).toEqual(["shop_session", "shop_csrf", "shop_lang", "_pk_id", "_pk_ses"]);
    expect(site.names("en/cookies/2025-01-01/")).toEqual(["shop_session", "shop_csrf", "chat_id", "_pk_id", "_pk_ses"]);
    // The current version shows the registry as of its own effective date, as its dated page does.
    expect(site.names("en/cookies/")).toEqual(site.names("en/cookies/2025-01-01/"));
    expect(site.purposes("en/cookies/2024-01-01/")[0]).toBe("Keeps the basket and protects forms.");
    expect(site.purposes("en/cookies/2025-01-01/")[0]).toBe("Keeps the basket.");
    // Consent tools get what the site sets on the build date.
    const exported = JSON.parse(readFileSync(path.join(site.root, "_site/cookies.json"), "utf8")) as { cookies: { names: string[]; since?: string }[] };
    expect(exported.cookies.map((c) => [c.names[0], c.since])).toEqual([
      ["shop_session", undefined],
      ["_pk_id", undefined],
      ["chat_id", "2024-06-01"],
    ]);
  });

  it("without dates: the change reaches the published version too, and the advice names the entry to date", async () => {
    const site = await buildWith((registry) => `${registry}\n${[...CHAT, CHAT_PURPOSE].join("\n")}\n`);
    expect(site.names("en/cookies/2024-01-01/")).toContain("chat_id");
    const { loaded } = await loadSite({ root: site.root, buildDate: BUILD_DATE });
    const registry = loaded?.site.cookies;
    expect(registry).toBeDefined();
    const advice = cookieDatingAdvice(registry as CookieRegistry, "2024-01-01", "content/cookies/versions/2024-01-01/en.md (effective 2024-01-01)");
    const chatLine = readFileSync(path.join(site.root, "content/cookies.yaml"), "utf8").split("\n").indexOf("  - service: Chat") + 1;
    expect(advice).toContainEqual(
      expect.objectContaining({
        file: "content/cookies.yaml",
        line: chatLine,
        message: expect.stringContaining("Chat (chat_id) has no since: date, so the cookie table of content/cookies/versions/2024-01-01/en.md (effective 2024-01-01) shows it; if the site set it only later, add since:"),
      }),
    );
  });
});
