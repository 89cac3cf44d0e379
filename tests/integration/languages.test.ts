import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../src/i18n/dates.ts";
import { fallbackChain } from "../../src/i18n/locales.ts";
import { buildSite } from "../../src/pipeline/build-site.ts";
import type { Problem } from "../../src/core/problems.ts";
import { CORPUS_LANGUAGES, shippedLanguages, writeManyLanguageSite } from "../support/many-languages.ts";
import { readPage, REPO, removeDir } from "../support/sites.ts";

/**
 * Every language of a large site's corpus and every language Codicil ships strings for, in one
 * real build: each page's lang and dir, its Gregorian date, and its fallback strings marked.
 */
const DAY = "2018-11-30";
const codes = ["en", ...new Set([...CORPUS_LANGUAGES, ...shippedLanguages()].filter((code) => code !== "en"))];
/** Written right to left, from the scripts' own definitions: Arabic (ar, fa, ur), Hebrew, Thaana (dv). */
const RIGHT_TO_LEFT = new Set(["ar", "dv", "fa", "he", "ur"]);

let root: string;
let out: string;
let problems: readonly Problem[];

beforeAll(async () => {
  root = writeManyLanguageSite(codes, { updated: DAY, withoutDocument: ["fr-CA"] });
  const result = await buildSite({ root, buildDate: "2026-01-01" });
  problems = result.problems;
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  out = path.join(root, "_site");
}, 600_000);
afterAll(() => removeDir(root));

const stringsOf = (shipped: string) => JSON.parse(readFileSync(path.join(REPO, "locales", `${shipped}.json`), "utf8")) as Record<string, Record<string, string>>;

/** The shipped file whose strings read as `code`'s own language (same language and script), if any. */
function ownStrings(code: string): Record<string, Record<string, string>> | undefined {
  const page = new Intl.Locale(code).maximize();
  const file = shippedLanguages().find((shipped) => {
    const other = new Intl.Locale(shipped).maximize();
    return other.language === page.language && other.script === page.script;
  });
  return file === undefined ? undefined : stringsOf(file);
}

/** Digits of any script as ASCII: a Persian or Burmese year is read as the number it is. */
function asciiDigits(text: string, code: string): string {
  const digits = new Intl.NumberFormat(code, { useGrouping: false }).format(9876543210).split("").reverse();
  return [...text].map((c) => (digits.includes(c) ? String(digits.indexOf(c)) : c)).join("");
}

describe.each(codes)("a page in %s", (code) => {
  it("has its lang and direction, the Gregorian date of the day, and marks strings in another language", () => {
    const $ = readPage(out, `${code}/privacy/`);
    expect($("html").attr("lang")).toBe(code);
    expect($("html").attr("dir")).toBe(RIGHT_TO_LEFT.has(code) ? "rtl" : "ltr");

    const time = $(".document-meta time").first();
    expect(time.attr("datetime")).toBe(DAY);
    expect(time.text()).toBe(formatDate(DAY, code));
    // The same day in every calendar-independent reading: year 2018, day 30 (not 1397 nor 2561).
    expect(asciiDigits(time.text(), code)).toMatch(/2018/);
    expect(asciiDigits(time.text(), code)).toMatch(/30/);

    const label = $(".document-meta dt").first();
    const own = ownStrings(code);
    if (own) {
      // Its own language: plain text, in the page's language.
      expect(label.find("[lang]").length).toBe(0);
      expect(label.text()).toBe(own.document?.version);
    } else {
      // Shown in the first language of its chain that Codicil ships (Bokmål for Nynorsk, else
      // English): marked as that language, so it is spoken as such and not reordered.
      const shown = fallbackChain(code, "en").find((step) => shippedLanguages().includes(step)) ?? "en";
      const marked = label.find("span[lang]");
      expect(marked.attr("lang")).toBe(shown);
      expect(marked.attr("dir")).toBe(RIGHT_TO_LEFT.has(shown) ? "rtl" : "ltr");
      expect(marked.text()).toBe(stringsOf(shown).document?.version);
    }
    // Attributes and the title cannot hold an element: plain text there.
    expect($("title").text()).not.toContain("<");
    expect($(".language-switcher").attr("aria-label")).not.toContain("<");
  });
});

describe("the switcher of a page in many languages", () => {
  it("folds into a disclosure naming the page's language, every language a link with lang and hreflang", () => {
    const $ = readPage(out, "th/privacy/");
    const menu = $(".language-switcher details.language-menu");
    expect(menu.length).toBe(1);
    expect(menu.attr("open")).toBeUndefined();
    expect(menu.find("summary .language-menu-current").text()).toBe("ไทย");
    const links = menu.find("a");
    expect(links.length).toBe(codes.length);
    links.each((_, a) => {
      expect($(a).attr("lang")).toBe($(a).attr("hreflang"));
    });
    expect(menu.find('a[aria-current="page"]').attr("hreflang")).toBe("th");
  });
});

describe("a language listed before any document is written in it", () => {
  it("is a warning at its line in site.yaml", () => {
    const siteYaml = readFileSync(path.join(root, "content/site.yaml"), "utf8").split("\n");
    const line = siteYaml.findIndex((l) => l.includes("code: fr-CA")) + 1;
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "content/site.yaml", line, severity: "warning", message: expect.stringContaining('"fr-CA" has no document yet; it gets no pages until one is translated') }),
    );
  });

  it("gets no pages, no place in the switcher, the home page, the sitemap or hreflang", () => {
    expect(() => readPage(out, "fr-CA/")).toThrow();
    const $ = readPage(out, "fr/");
    expect($('a[hreflang="fr-CA"]').length).toBe(0);
    expect($('link[hreflang="fr-CA"]').length).toBe(0);
    expect(readPage(out, "/")('a[href*="/fr-CA/"]').length).toBe(0);
    const sitemaps = ["sitemap.xml", ...["sitemap-1.xml", "sitemap-2.xml"]].flatMap((f) => {
      try {
        return [readFileSync(path.join(out, f), "utf8")];
      } catch {
        return [];
      }
    });
    expect(sitemaps.join("")).toContain("/fr/");
    expect(sitemaps.join("")).not.toContain("fr-CA");
  });
});

describe("a site whose default language is regional", () => {
  let regional: string;
  let regionalProblems: readonly Problem[];
  beforeAll(async () => {
    regional = writeManyLanguageSite(["en-US", "zh-TW", "es-MX", "th"], { updated: DAY });
    const result = await buildSite({ root: regional, buildDate: "2026-01-01" });
    regionalProblems = result.problems;
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  }, 600_000);
  afterAll(() => removeDir(regional));

  it("uses the shipped English strings with no file of its own, and warns of none missing for it", () => {
    const $ = readPage(path.join(regional, "_site"), "en-US/privacy/");
    expect($(".document-meta dt").first().text()).toBe("Version");
    expect($(".document-meta dt [lang]").length).toBe(0);
    expect(regionalProblems.filter((p) => p.message.includes("for en-US"))).toEqual([]);
  });

  it("lists a handful of languages openly", () => {
    const $ = readPage(path.join(regional, "_site"), "th/privacy/");
    expect($(".language-switcher details").length).toBe(0);
    expect($(".language-switcher a").length).toBe(4);
  });
});
