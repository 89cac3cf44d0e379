import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDuration } from "../../../../src/rules/cookie-duration.ts";
import type { Cookie, CookieRegistry } from "../../../../src/model/cookies.ts";
import { cookieTableView, createCookieTables, type CookieTableOptions, type CookieTableUse } from "../../../../src/content/cookies/table.ts";
import { REPO } from "../../../support/sites.ts";
import { SHIPPED_LOCALES, shippedTranslator } from "./support.ts";

const duration = (text: string) => {
  const parsed = parseDuration(text);
  if (!("duration" in parsed)) throw new Error(parsed.problem);
  return parsed.duration;
};

/** An entry with one undated purpose text, given as `purpose` and its `purposeLine`. */
const cookie = ({
  purpose,
  purposeLine = 1,
  ...values
}: Partial<Cookie> & Pick<Cookie, "service" | "category"> & { purpose?: Record<string, string>; purposeLine?: number }): Cookie => ({
  names: [`${values.service.toLowerCase()}_id`],
  party: "first",
  duration: duration("P1D"),
  purposes: [{ text: purpose ?? { en: `${values.service} purpose.` }, line: purposeLine }],
  line: purposeLine - 5,
  ...values,
});

/** A tag on a version effective on 2026-01-01, when every entry of REGISTRY applies. */
const use = (locale: string, category: CookieTableUse["category"], ordinal: number, date = "2026-01-01"): CookieTableUse => ({ locale, category, ordinal, date });

const REGISTRY: CookieRegistry = {
  file: "content/cookies.yaml",
  cookies: [
    cookie({ service: "Matomo", category: "analytics", names: ["_pk_id", "_pk_ses"], party: "third", duration: duration("P13M"), policy: "https://matomo.example/privacy", purposeLine: 3 }),
    cookie({ service: "Shop", category: "necessary", duration: duration("session"), purpose: { en: "Keeps the basket.", de: "Merkt sich den Warenkorb.", ar: "يحفظ سلة التسوق." }, purposeLine: 12 }),
    cookie({ service: "Ads <Co> & Partners", category: "marketing", party: "third", duration: duration("P2Y"), purpose: { en: "Shows <b>ads</b>." }, purposeLine: 20 }),
  ],
};

let options: CookieTableOptions;
beforeAll(async () => {
  options = { registry: REGISTRY, translator: await shippedTranslator(), locales: SHIPPED_LOCALES, defaultLocale: "en" };
});

describe("cookieTableView", () => {
  it("groups every cookie by category, in the fixed category order, worded for the page", () => {
    const { view, fallbacks } = cookieTableView(options, use("de", undefined, 1));
    expect(view.groups.map((g) => [g.category, g.name, g.rows.map((r) => r.service)])).toEqual([
      ["necessary", "Unbedingt erforderlich", ["Shop"]],
      ["analytics", "Statistik", ["Matomo"]],
      ["marketing", "Marketing", ["Ads <Co> & Partners"]],
    ]);
    expect(view.groups[1]?.description).toBe("Zählen Besuche und zeigen, wie die Website genutzt wird.");
    expect(view.groups[1]?.rows[0]).toEqual({
      service: "Matomo",
      names: ["_pk_id", "_pk_ses"],
      purpose: { text: "Matomo purpose.", lang: "en" },
      party: "Drittanbieter",
      duration: "1 Jahr und 1 Monat",
      policy: "https://matomo.example/privacy",
    });
    expect(view.groups[0]?.rows[0]?.purpose).toEqual({ text: "Merkt sich den Warenkorb." });
    expect(view.groups[0]?.rows[0]?.duration).toBe("Sitzung");
    expect(view.empty).toBeUndefined();
    expect(fallbacks.map((f) => [f.cookie.service, f.locale, f.shown])).toEqual([
      ["Matomo", "de", "en"],
      ["Ads <Co> & Partners", "de", "en"],
    ]);
  });

  it("shows one category when asked", () => {
    const { view } = cookieTableView(options, use("en", "analytics", 1));
    expect(view.groups.map((g) => g.category)).toEqual(["analytics"]);
    expect(view.groups[0]?.rows.map((r) => r.service)).toEqual(["Matomo"]);
  });

  it("says so, in the page's language, when a category has no cookies", () => {
    expect(cookieTableView(options, use("pt-BR", "functional", 1)).view).toEqual({
      locale: "pt-BR",
      groups: [],
      empty: "Não há cookies na categoria “Funcionais”.",
    });
    expect(cookieTableView({ ...options, registry: { file: "content/cookies.yaml", cookies: [] } }, use("en", undefined, 1)).view.empty).toBe("No cookies are set.");
  });

  it("marks a fallback with lang, and with dir only where the direction changes", () => {
    const rtl = cookieTableView(options, use("ar", "analytics", 1)).view.groups[0]?.rows[0]?.purpose;
    expect(rtl).toEqual({ text: "Matomo purpose.", lang: "en", dir: "ltr" });
    expect(cookieTableView(options, use("ar", "necessary", 1)).view.groups[0]?.rows[0]?.purpose).toEqual({ text: "يحفظ سلة التسوق." });
    expect(cookieTableView(options, use("en", "analytics", 1)).view.groups[0]?.rows[0]?.purpose).toEqual({ text: "Matomo purpose." });
  });

  it("falls back along the language chain before the default language", () => {
    const regional = { ...options, locales: [...SHIPPED_LOCALES, { code: "de-CH", name: "Deutsch (Schweiz)", dir: "ltr" as const }] };
    const row = cookieTableView(regional, use("de-CH", "necessary", 1)).view.groups[0]?.rows[0];
    expect(row?.purpose).toEqual({ text: "Merkt sich den Warenkorb.", lang: "de" });
  });

  it("gives ids that differ between two tags on a page and never look like a heading's", () => {
    const first = cookieTableView(options, use("en", "analytics", 1)).view.groups.map((g) => g.id);
    const second = cookieTableView(options, use("en", "analytics", 2)).view.groups.map((g) => g.id);
    expect(first).toEqual(["cookie-table_1_analytics"]);
    expect(second).toEqual(["cookie-table_2_analytics"]);
  });
});

describe("createCookieTables renders through the template, escaped", () => {
  const render = (locale: string, category?: "analytics" | "marketing" | "functional", ordinal = 1) =>
    cheerio.load(createCookieTables({ ...options, templateDirs: [path.join(REPO, "templates")] }).forVersion(locale, "2026-01-01")(category, ordinal));

  it("builds an accessible table: caption, column and row headers, a labelled focusable region", () => {
    const $ = render("en", "analytics");
    const region = $(".table-scroll");
    expect(region.attr("role")).toBe("region");
    expect(region.attr("tabindex")).toBe("0");
    expect($(`#${region.attr("aria-labelledby")}`).text()).toBe("Analytics");
    expect($("table caption").text()).toBe("Analytics Count visits and show how the website is used.");
    expect($("thead th").toArray().map((th) => [$(th).attr("scope"), $(th).text()])).toEqual([
      ["col", "Service"],
      ["col", "Cookie names"],
      ["col", "Purpose"],
      ["col", "Party"],
      ["col", "Duration"],
      ["col", "Privacy policy"],
    ]);
    const cells = $("tbody tr").first().children().toArray();
    expect(cells.map((c) => $(c).text())).toEqual(["Matomo", "_pk_id_pk_ses", "Matomo purpose.", "Third party", "1 year and 1 month", "Privacy policy of Matomo"]);
    expect($(cells[0]).is('th[scope="row"]')).toBe(true);
    expect($("tbody code").toArray().map((c) => $(c).text())).toEqual(["_pk_id", "_pk_ses"]);
    const link = $("tbody a");
    expect(link.attr("href")).toBe("https://matomo.example/privacy");
    expect(link.attr("rel")).toBe("noopener noreferrer");
  });

  it("escapes every value from the registry", () => {
    const $ = render("en", "marketing");
    expect($("tbody th").text()).toBe("Ads <Co> & Partners");
    expect($("tbody td").eq(1).text()).toBe("Shows <b>ads</b>.");
    expect($("tbody b")).toHaveLength(0);
  });

  it("marks the fallback cell with lang and dir on a right-to-left page", () => {
    const cell = render("ar", "analytics")("tbody td").eq(1);
    expect([cell.attr("lang"), cell.attr("dir"), cell.text()]).toEqual(["en", "ltr", "Matomo purpose."]);
  });

  it("says there are no cookies instead of printing an empty table", () => {
    const $ = render("de", "functional");
    expect($("table")).toHaveLength(0);
    expect($(".cookie-table-empty").text()).toBe("In der Kategorie „Funktional“ gibt es keine Cookies.");
  });

  it("warns once per cookie and language, however many tags and pages show the fallback", () => {
    const tables = createCookieTables({ ...options, templateDirs: [path.join(REPO, "templates")] });
    const used: CookieTableUse[] = [];
    for (const ordinal of [1, 2]) {
      for (const [locale, category] of [["de", undefined], ["ar", "analytics"], ["en", undefined]] as const) {
        tables.forVersion(locale, "2026-01-01")(category, ordinal);
        used.push(use(locale, category, ordinal));
      }
    }
    expect(tables.fallbackWarnings(used).map((p) => [p.file, p.line, p.severity, p.message])).toEqual([
      ["content/cookies.yaml", 3, "warning", 'purpose of Matomo (_pk_id, _pk_ses) has no de text, so de cookie tables show the en text; add "de: …" under purpose.'],
      ["content/cookies.yaml", 3, "warning", expect.stringContaining("has no ar text")],
      ["content/cookies.yaml", 20, "warning", expect.stringContaining("purpose of Ads <Co> & Partners (ads <co> & partners_id) has no de text")],
    ]);
    // Only the tables a document uses: another document's fallbacks are not its warnings.
    expect(tables.fallbackWarnings(used.filter((u) => u.locale === "ar")).map((p) => p.message)).toEqual([expect.stringContaining("has no ar text")]);
    expect(tables.fallbackWarnings([])).toEqual([]);
  });
});

describe("labels found in another language than the page's (Khmer, which Codicil ships no strings for)", () => {
  const ENGLISH = { lang: "en", dir: "ltr" };

  it("carry that language in the view, a duration said whole in it", () => {
    const { view } = cookieTableView(options, use("km", undefined, 1));
    const analytics = view.groups.find((g) => g.category === "analytics");
    expect(analytics).toMatchObject({ name: "Analytics", nameLang: ENGLISH, descriptionLang: ENGLISH });
    expect(analytics?.rows[0]).toMatchObject({ party: "Third party", partyLang: ENGLISH, duration: "1 year and 1 month", durationLang: ENGLISH });
    expect(cookieTableView(options, use("km", "functional", 1)).view.emptyLang).toEqual(ENGLISH);
  });

  it("stay unmarked on a page in their own language, or a regional form of it", () => {
    for (const locale of ["de", "de-AT"]) {
      const { view } = cookieTableView(options, use(locale, "analytics", 1));
      const [group] = view.groups;
      expect([group?.nameLang, group?.descriptionLang, group?.rows[0]?.partyLang, group?.rows[0]?.durationLang]).toEqual([undefined, undefined, undefined, undefined]);
    }
  });

  it("are marked in the table, column headings through the pages' `t`", () => {
    const $ = cheerio.load(createCookieTables({ ...options, templateDirs: [path.join(REPO, "templates")] }).forVersion("km", "2026-01-01")("analytics", 1));
    expect($(".cookie-table-name").attr("lang")).toBe("en");
    expect($("thead th").first().find('span[lang="en"][dir="ltr"]').text()).toBe("Service");
    const cells = $("tbody td");
    expect([cells.eq(2).attr("lang"), cells.eq(2).text()]).toEqual(["en", "Third party"]);
    expect([cells.eq(3).attr("lang"), cells.eq(3).text()]).toEqual(["en", "1 year and 1 month"]);
  });
});
