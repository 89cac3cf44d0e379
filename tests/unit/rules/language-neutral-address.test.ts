import { describe, expect, it } from "vitest";
import { isLanguageTag, languageNeutralAddress } from "../../../src/rules/language-neutral-address.ts";

const SITE = ["en", "de", "pt-BR", "zh-Hans", "xx-test"];

describe("isLanguageTag", () => {
  it.each([
    ["de", true],
    ["en-US", true],
    ["en_us", true],
    ["EN-us", true],
    ["pt-br", true],
    ["zh-Hans", true],
    ["sr-Latn-RS", true],
    ["es-419", true],
    ["ach", true],
    ["xx-test", true], // a site locale, whatever Intl knows
    ["kb", false],
    ["faq", false],
    ["www", false],
    ["intl", false],
    ["media", false],
    ["docs", false],
    ["", false],
  ])("%s → %s", (text, expected) => {
    expect(isLanguageTag(text, SITE)).toBe(expected);
  });
});

describe("languageNeutralAddress", () => {
  it.each([
    ["/de/terms/#haftung", "/*/terms/"],
    ["/media/docs/privacy/en-US.html", "/media/docs/privacy/en-US.html"],
    ["https://support.example.org/de/kb/x", "https://support.example.org/*/kb/x"],
    ["https://www.google.com/intl/fr/policies/", "https://www.google.com/intl/*/policies/"],
    ["https://policies.google.com/privacy?hl=fr&gl=FR", "https://policies.google.com/privacy?hl=*&gl=FR"],
    ["https://DE.Wikipedia.org/wiki/X", "https://*.wikipedia.org/wiki/X"],
    ["https://de.example/x", "https://de.example/x"], // a two-label host's first label is its name
    ["https://example.org/a/b/de/", "https://example.org/a/b/de/"], // only the first two segments
    ["mailto:dpo@example.com", "mailto:dpo@example.com"],
  ])("%s → %s", (href, expected) => {
    expect(languageNeutralAddress(href, SITE)).toBe(expected);
  });
});
