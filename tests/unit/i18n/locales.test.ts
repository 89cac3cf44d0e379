import { describe, expect, it } from "vitest";
import { formatDate } from "../../../src/i18n/dates.ts";
import { fallbackChain, languageNameIn, languageNameInSentence, textDirection } from "../../../src/i18n/locales.ts";

describe("fallbackChain", () => {
  it.each([
    ["en", "en", ["en"]],
    ["de", "en", ["de", "en"]],
    ["de-CH", "en", ["de-CH", "de", "en"]],
    ["pt-BR", "en", ["pt-BR", "pt", "en"]],
    ["zh-Hans-CN", "en", ["zh-Hans-CN", "zh-Hans", "zh", "en"]],
    ["en-GB", "en", ["en-GB", "en"]],
    ["fr", "de", ["fr", "de"]],
    // Regional defaults reach the shipped files: a script from the region, CLDR's regional parents.
    ["en-US", "en-US", ["en-US", "en"]],
    ["fr", "en-US", ["fr", "en-US", "en"]],
    ["zh-TW", "en", ["zh-TW", "zh-Hant", "zh", "en"]],
    ["zh-HK", "en", ["zh-HK", "zh-Hant", "zh", "en"]],
    ["zh-CN", "en", ["zh-CN", "zh-Hans", "zh", "en"]],
    ["zh-SG", "en", ["zh-SG", "zh-Hans", "zh", "en"]],
    ["zh", "en", ["zh", "zh-Hans", "en"]],
    ["sr", "en", ["sr", "sr-Cyrl", "en"]],
    ["sr-Latn-RS", "en", ["sr-Latn-RS", "sr-Latn", "sr", "en"]],
    ["es-MX", "en", ["es-MX", "es-419", "es", "en"]],
    ["es-AR", "en", ["es-AR", "es-419", "es", "en"]],
    ["es-419", "en", ["es-419", "es", "en"]],
    ["es-ES", "en", ["es-ES", "es", "en"]],
    ["pt-PT", "en", ["pt-PT", "pt", "pt-BR", "en"]],
    ["pt-AO", "en", ["pt-AO", "pt-PT", "pt", "pt-BR", "en"]],
    ["de-CH", "de-CH", ["de-CH", "de"]],
    ["en-GB", "de-CH", ["en-GB", "en", "de-CH", "de"]],
    ["nb-NO", "en", ["nb-NO", "nb", "no", "en"]],
    ["no", "en", ["no", "nb", "en"]],
    ["nn-NO", "en", ["nn-NO", "nn", "no", "nb", "en"]],
    // A deprecated code reads its preferred code's strings.
    ["iw", "en", ["iw", "he", "en"]],
    ["tl", "en", ["tl", "fil", "en"]],
    ["ca-ES-valencia", "en", ["ca-ES-valencia", "ca-ES", "ca", "en"]],
  ])("%s (default %s) → %j", (code, defaultLocale, chain) => {
    expect(fallbackChain(code, defaultLocale)).toEqual(chain);
  });
});

describe("textDirection", () => {
  it.each([
    ["en", "ltr"],
    ["de", "ltr"],
    ["pt-BR", "ltr"],
    ["ar", "rtl"],
    ["ar-EG", "rtl"],
    ["he", "rtl"],
    ["fa", "rtl"],
    ["ur", "rtl"],
    ["zh-Hans", "ltr"],
    ["az-Arab", "rtl"],
    // Scripts decide, whatever Node's textInfo says (it says ltr for each of these).
    ["dv", "rtl"],
    ["dv-MV", "rtl"],
    ["rhg", "rtl"],
    ["ha-Arab", "rtl"],
    ["ms-Arab", "rtl"],
    ["bal", "rtl"],
    ["ff-Adlm", "rtl"],
    ["nqo", "rtl"],
    ["syr", "rtl"],
    ["yi", "rtl"],
    ["ckb", "rtl"],
    ["ps", "rtl"],
    ["sd", "rtl"],
    ["sd-Deva", "ltr"],
    ["pa-Arab", "rtl"],
    ["pa", "ltr"],
    ["uz-Arab", "rtl"],
    ["uz", "ltr"],
    ["ku", "ltr"],
    ["az", "ltr"],
    ["sr-Cyrl", "ltr"],
    ["zh-TW", "ltr"],
    ["th", "ltr"],
    ["ab", "ltr"],
    ["cnh", "ltr"],
    ["kab", "ltr"],
    ["sah", "ltr"],
    ["he-Latn", "ltr"],
    ["fil", "ltr"],
    ["not a code", "ltr"],
  ])("%s → %s", (code, dir) => expect(textDirection(code)).toBe(dir));
});

describe("languageNameIn", () => {
  it.each([
    ["de", "en", "Englisch"],
    ["pt-BR", "en", "inglês"],
    ["en", "de", "German"],
  ])("in %s, %s is %s", (inLocale, code, name) => expect(languageNameIn(inLocale, code)).toBe(name));
});

describe("languageNameInSentence", () => {
  it.each([
    ["af", "en-US", ["en-US", "af"], "Engels"],
    ["de", "en-US", ["en-US", "de"], "Englisch"],
    ["th", "en", ["en", "th"], "อังกฤษ"],
    // Only the region tells two of the site's languages apart: it stays.
    ["de", "pt-PT", ["pt-PT", "pt-BR", "de"], "Portugiesisch (Portugal)"],
    ["en", "zh-Hant-TW", ["zh-Hant-TW", "en"], "Traditional Chinese"],
  ])("in %s, %s (site: %j) is %s", (inLocale, code, site, name) => expect(languageNameInSentence(inLocale, code, site)).toBe(name));
});

describe("formatDate", () => {
  it.each([
    ["en", "2024-03-01", "March 1, 2024"],
    ["de", "2024-03-01", "1. März 2024"],
    ["pt-BR", "2024-03-01", "1 de março de 2024"],
    // The first day of a year must not become the last day of the previous one anywhere.
    ["en", "2024-01-01", "January 1, 2024"],
  ])("%s %s → %s", (locale, date, text) => expect(formatDate(date, locale)).toBe(text));

  it.each([
    // The Gregorian day, in the language's month names and digits, whatever calendar its region uses.
    ["fa", "2018-11-30", "۳۰ نوامبر ۲۰۱۸"],
    ["fa-AF", "2018-11-30", "۳۰ نومبر ۲۰۱۸"],
    ["th", "2018-11-30", "30 พฤศจิกายน ค.ศ. 2018"],
    ["ar-SA", "2018-11-30", "٣٠ نوفمبر ٢٠١٨"],
    ["ja", "2018-11-30", "2018年11月30日"],
    ["ja-JP-u-ca-japanese", "2018-11-30", "2018年11月30日"],
    ["he", "2018-11-30", "30 בנובמבר 2018"],
    ["zh-TW", "2018-11-30", "2018年11月30日"],
  ])("%s %s is the Gregorian day: %s", (locale, date, text) => expect(formatDate(date, locale)).toBe(text));

  it("writes Arabic dates with Arabic month names", () => {
    expect(formatDate("2024-01-05", "ar")).toContain("يناير");
  });
});
