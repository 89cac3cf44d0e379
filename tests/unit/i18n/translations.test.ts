import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTranslations } from "../../../src/i18n/translations.ts";
import { removeDir } from "../../support/sites.ts";

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

/** A site root with the given files under it. */
function site(files: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), "codicil-i18n-"));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

const load = (root: string, localeCodes: string[], extraDirs: string[] = []) =>
  loadTranslations({
    localeDirs: [...extraDirs, path.join(root, "locales")],
    siteLocalesDir: path.join(root, "locales"),
    root,
    localeCodes,
    defaultLocale: "en",
  });

const en = { nav: { languages: "Languages", home: "Home" }, notice: { upcoming: "Takes effect on {{date}}." } };

describe("loadTranslations", () => {
  it("falls back along the chain: pt-BR → pt → en", async () => {
    const root = site({
      "locales/en.json": en,
      "locales/pt.json": { nav: { languages: "Idiomas" } },
      "locales/pt-BR.json": { nav: { home: "Início" } },
    });
    const { translator, problems } = await load(root, ["en", "pt", "pt-BR"]);
    expect(translator?.t("pt-BR", "nav.home")).toBe("Início");
    expect(translator?.t("pt-BR", "nav.languages")).toBe("Idiomas");
    expect(translator?.t("pt-BR", "notice.upcoming", { date: "1 de março" })).toBe("Takes effect on 1 de março.");
    // pt lacks two keys, one of which Brazilian Portuguese (CLDR's pt) fills in.
    expect(problems).toEqual([
      expect.objectContaining({ file: "locales/pt.json", severity: "warning", message: expect.stringContaining("1 UI string is missing for pt and will show in en: notice.upcoming") }),
      expect.objectContaining({ file: "locales/pt-BR.json", message: expect.stringContaining("notice.upcoming") }),
    ]);
  });

  it("does not escape values: the templates escape what they print", async () => {
    const { translator } = await load(site({ "locales/en.json": en }), ["en"]);
    expect(translator?.t("en", "notice.upcoming", { date: "<b>&</b>" })).toBe("Takes effect on <b>&</b>.");
  });

  it("throws for a key the default language lacks, so a template typo fails the build", async () => {
    const { translator } = await load(site({ "locales/en.json": en }), ["en"]);
    expect(() => translator?.t("en", "nav.typo")).toThrow(/"nav.typo" is missing from locales\/en.json/);
  });

  it("merges locales/<locale>/*.json files", async () => {
    const root = site({ "locales/en/nav.json": { nav: en.nav }, "locales/en/notice.json": { notice: en.notice } });
    const { translator } = await load(root, ["en"]);
    expect(translator?.t("en", "nav.home")).toBe("Home");
    expect(translator?.t("en", "notice.upcoming", { date: "x" })).toBe("Takes effect on x.");
  });

  it("lets a site override single strings of Codicil's own files", async () => {
    const builtin = site({ "locales/en.json": en });
    const own = site({ "locales/en.json": { nav: { home: "Start" } } });
    const { translator } = await load(own, ["en"], [path.join(builtin, "locales")]);
    expect(translator?.t("en", "nav.home")).toBe("Start");
    expect(translator?.t("en", "nav.languages")).toBe("Languages");
  });

  it("compares plural keys by their base, since languages have different plural forms", async () => {
    const root = site({
      "locales/en.json": { years_one: "{{count}} year", years_other: "{{count}} years" },
      "locales/ar.json": { years_zero: "٠", years_one: "١", years_two: "٢", years_few: "few", years_many: "many", years_other: "other" },
    });
    expect((await load(root, ["en", "ar"])).problems).toEqual([]);
  });

  it("gives each count its own plural form in each language, asked again and in any order", async () => {
    const root = site({
      "locales/en.json": { years_one: "{{count}} year", years_other: "{{count}} years", plain: "Years" },
      "locales/ar.json": { years_zero: "zero {{count}}", years_one: "one", years_two: "two", years_few: "few {{count}}", years_many: "many {{count}}", years_other: "other {{count}}" },
    });
    const { translator } = await load(root, ["en", "ar"]);
    const expected: [string, number, string][] = [
      ["ar", 0, "zero 0"],
      ["ar", 1, "one"],
      ["ar", 2, "two"],
      ["ar", 3, "few 3"],
      ["ar", 11, "many 11"],
      ["ar", 100, "other 100"],
      ["en", 1, "1 year"],
      ["en", 2, "2 years"],
      ["en", 0, "0 years"],
    ];
    for (const round of [expected, [...expected].reverse(), expected]) {
      for (const [locale, count, text] of round) expect(translator?.t(locale, "years", { count })).toBe(text);
    }
    expect(translator?.t("ar", "plain")).toBe("Years");
    // A count that is not a whole number is not cached, and still gets its form.
    expect(translator?.t("en", "years", { count: 1.5 })).toBe("1.5 years");
  });

  it("gives a string with values the text of those values, asked again with the same values or others", async () => {
    const root = site({ "locales/en.json": { label: "{{a}} then {{b}}", twice: "{{a}}/{{a}}" }, "locales/de.json": { label: "{{b}} vor {{a}}" } });
    const { translator } = await load(root, ["en", "de"]);
    const expected: [string, string, Record<string, string | number>, string][] = [
      ["en", "label", { a: "1", b: "2" }, "1 then 2"],
      ["de", "label", { a: "1", b: "2" }, "2 vor 1"],
      ["en", "label", { a: "2", b: "1" }, "2 then 1"],
      ["en", "label", { b: "2", a: "1" }, "1 then 2"],
      ["en", "label", { a: "1\u0000b", b: "" }, "1\u0000b then "],
      ["en", "label", { a: "1", b: 2 }, "1 then 2"],
      ["en", "twice", { a: "x" }, "x/x"],
      ["de", "twice", { a: "y" }, "y/y"],
    ];
    for (const round of [expected, [...expected].reverse(), expected]) {
      for (const [locale, key, values, text] of round) expect(translator?.t(locale, key, values)).toBe(text);
    }
  });

  it.each([
    ["a JSON syntax error, at its line", { "locales/en.json": '{\n  "a": "x",\n}\n' }, "locales/en.json", 3, "JSON syntax error"],
    ["a value that is not text", { "locales/en.json": '{\n  "a": "x",\n  "b": 3\n}\n' }, "locales/en.json", 3, '"b" must be text'],
    ["a file for a language the site does not have", { "locales/en.json": en, "locales/fr.json": {} }, "locales/fr.json", 1, '"fr" is not a language of this site'],
    ["no strings for the default language", { "locales/de.json": {} }, "content/site.yaml", 1, "no UI strings for the default language en"],
  ])("reports %s", async (_, files, file, line, message) => {
    const { problems } = await load(site(files), ["en", "de"]);
    expect(problems).toContainEqual(expect.objectContaining({ file, line, severity: "error", message: expect.stringContaining(message) }));
  });

  it("does not also call a language's strings missing when its file has a syntax error", async () => {
    const { problems } = await load(site({ "locales/en.json": en, "locales/de.json": '{ "nav": ' }), ["en", "de"]);
    expect(problems.map((p) => [p.file, p.severity])).toEqual([["locales/de.json", "error"]]);
  });

  it("warns when a language of the site has no strings at all", async () => {
    const { problems, translator } = await load(site({ "locales/en.json": en }), ["en", "de"]);
    expect(translator?.t("de", "nav.home")).toBe("Home");
    expect(problems).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringContaining("no UI strings for de") })]);
  });

  it("serves a regional default language from the shipped strings, with no file of its own", async () => {
    const root = site({ "locales/en.json": en, "locales/zh-Hant.json": { nav: { home: "首頁" } }, "locales/th.json": { nav: { home: "หน้าแรก" } } });
    const { problems, translator } = await loadTranslations({
      localeDirs: [path.join(root, "locales")],
      siteLocalesDir: path.join(root, "locales"),
      root,
      localeCodes: ["en-US", "zh-TW", "th"],
      defaultLocale: "en-US",
    });
    expect(translator?.resolve("en-US", "nav.home")).toEqual({ text: "Home", language: "en" });
    expect(translator?.resolve("zh-TW", "nav.home")).toEqual({ text: "首頁", language: "zh-Hant" });
    // Thai lacks a string: it is shown in English, and the page can say so.
    expect(translator?.resolve("th", "nav.languages")).toEqual({ text: "Languages", language: "en" });
    expect(translator?.missingKeys("en-US")).toEqual([]);
    expect(translator?.missingKeys("th")).toEqual(["nav.languages", "notice.upcoming"]);
    expect(problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      ["locales/zh-Hant.json", "warning", "2 UI strings are missing for zh-TW and will show in en: nav.languages, notice.upcoming."],
      ["locales/th.json", "warning", "2 UI strings are missing for th and will show in en: nav.languages, notice.upcoming."],
    ]);
  });

  it("lets a site's own file serve as a step of a language's chain", async () => {
    const builtin = site({ "locales/en.json": en });
    const own = site({ "locales/en.json": { nav: { home: "Start" } } });
    const { translator, problems } = await loadTranslations({
      localeDirs: [path.join(builtin, "locales"), path.join(own, "locales")],
      siteLocalesDir: path.join(own, "locales"),
      root: own,
      localeCodes: ["en-GB"],
      defaultLocale: "en-GB",
    });
    expect(problems).toEqual([]);
    expect(translator?.t("en-GB", "nav.home")).toBe("Start");
  });

  it("counts strings filled in by a sibling language as missing, and names it", async () => {
    const root = site({ "locales/en.json": en, "locales/nb.json": { nav: { home: "Hjem", languages: "Språk" }, notice: { upcoming: "Trer i kraft {{date}}." } } });
    const { translator, problems } = await load(root, ["en", "nn"]);
    expect(translator?.resolve("nn", "nav.home")).toEqual({ text: "Hjem", language: "nb" });
    expect(translator?.missingKeys("nn")).toEqual(["nav.home", "nav.languages", "notice.upcoming"]);
    expect(problems).toEqual([expect.objectContaining({ file: "content/site.yaml", message: "there are no UI strings for nn; its pages will show labels in nb. Add locales/nn.json." })]);
  });
});
