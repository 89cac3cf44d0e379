import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAGE_BACKGROUNDS } from "../../../src/content/brand-config.ts";
import { parseSiteSettings } from "../../../src/content/site-config.ts";
import { readYaml } from "../../../src/content/yaml.ts";
import { formatProblem } from "../../../src/core/problems.ts";
import { REPO } from "../../support/sites.ts";

const FILE = "content/site.yaml";
// Lines 1-6; brand keys start on line 7.
const SITE = "name: Example Co.\nurl: https://legal.example.com\ndefaultLocale: en\nlocales:\n  - { code: en, name: English }\n  - { code: de, name: Deutsch }\n";
const parse = (brand: string) => parseSiteSettings(readYaml(SITE + brand, FILE), FILE);
const messages = (brand: string) => parse(brand).problems.map(formatProblem);

describe("brand settings in site.yaml", () => {
  it("reads logo, accents and links per language", () => {
    const { settings, problems } = parse(
      [
        "logo: { file: logo.svg, alt: { en: Example logo, de: Example-Logo } }",
        'accent: "#0A5E73"',
        'accentDark: "#7fc8d8"',
        "headerLinks:",
        "  - { label: { en: Back to example.com, de: Zurück zu example.com }, url: https://example.com/ }",
        "footerLinks:",
        "  - { label: { en: Imprint, de: Impressum }, url: { en: https://example.com/imprint, de: https://example.com/impressum } }",
        "  - { label: { en: Contact, de: Kontakt }, url: 'mailto:legal@example.com' }",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(settings?.brand).toEqual({
      logo: { file: "logo.svg", format: "svg", alt: { en: "Example logo", de: "Example-Logo" } },
      accent: "#0a5e73",
      accentDark: "#7fc8d8",
      headerLinks: [{ label: { en: "Back to example.com", de: "Zurück zu example.com" }, url: "https://example.com/" }],
      footerLinks: [
        { label: { en: "Imprint", de: "Impressum" }, url: { en: "https://example.com/imprint", de: "https://example.com/impressum" } },
        { label: { en: "Contact", de: "Kontakt" }, url: "mailto:legal@example.com" },
      ],
    });
  });

  it("has no brand when site.yaml sets none", () => {
    expect(parse("").settings?.brand).toBeUndefined();
  });

  it.each([
    [
      "an accent too light for the light background",
      'accent: "#7fb2ff"',
      "content/site.yaml:7: accent colour #7fb2ff has a contrast of 2.1:1 on the light background (#ffffff); WCAG AA needs 4.5:1 for link text. Choose a darker colour, or set accentDark: for dark mode (and a darker accent: for light mode).",
    ],
    [
      "an accent too dark for the dark background",
      'accent: "#0b57a4"',
      "content/site.yaml:7: accent colour #0b57a4 has a contrast of 2.4:1 on the dark background (#14171b); WCAG AA needs 4.5:1 for link text. Choose a lighter colour, or set accentDark: for dark mode.",
    ],
    [
      "a dark accent too dark",
      'accent: "#0b57a4"\naccentDark: "#333333"',
      "content/site.yaml:8: accentDark colour #333333 has a contrast of 1.4:1 on the dark background (#14171b); WCAG AA needs 4.5:1 for link text. Choose a lighter colour for accentDark.",
    ],
    [
      "an accent just under the minimum",
      'accent: "#777777"\naccentDark: "#ffffff"',
      "content/site.yaml:7: accent colour #777777 has a contrast of 4.4:1 on the light background (#ffffff); WCAG AA needs 4.5:1 for link text. Choose a darker colour.",
    ],
  ])("refuses %s, saying the ratio and the mode", (_name, brand, message) => {
    expect(messages(brand)).toEqual([message]);
  });

  it("accepts accents that pass in their own modes", () => {
    expect(messages('accent: "#0b57a4"\naccentDark: "#8cc2ff"')).toEqual([]);
    expect(messages('accent: "#767676"\naccentDark: "#767676"')).toEqual(["content/site.yaml:8: accentDark colour #767676 has a contrast of 3.9:1 on the dark background (#14171b); WCAG AA needs 4.5:1 for link text. Choose a lighter colour for accentDark."]);
    // accentDark alone leaves the light mode to Codicil's own link colour.
    expect(messages('accentDark: "#8cc2ff"')).toEqual([]);
  });

  it.each([
    ["an unquoted colour (a YAML comment)", "accent: #0a5e73", 'content/site.yaml:7: accent: is empty: in YAML "#" starts a comment'],
    ["a colour that is no hex", "accent: teal", 'content/site.yaml:7: accent: must be a colour in hex such as "#0b57a4"'],
    ["a label without the default language", "headerLinks:\n  - label: { de: Zurück }\n    url: https://example.com/", "content/site.yaml:8: headerLinks[0].label: the text in the default language (en) is required"],
    ["a label in a language the site lacks", "footerLinks:\n  - label: { en: Imprint, fr: Mentions légales }\n    url: https://example.com/", 'content/site.yaml:8: footerLinks[0].label: "fr" is not a language of this site (en, de)'],
    ["a script address", "footerLinks:\n  - label: { en: Imprint }\n    url: javascript:alert(1)", 'content/site.yaml:9: footerLinks[0].url: "javascript:alert(1)" must be an absolute https:// or http:// address, or mailto:'],
    ["a relative address", "footerLinks:\n  - label: { en: Imprint }\n    url: /imprint", 'content/site.yaml:9: footerLinks[0].url: "/imprint" must be an absolute https:// or http:// address'],
    ["per-language addresses without the default one", "footerLinks:\n  - label: { en: Imprint }\n    url: { de: https://example.com/impressum }", "content/site.yaml:9: footerLinks[0].url: the address in the default language (en) is required"],
    ["a misspelt key in a link", "footerLinks:\n  - label: { en: Imprint }\n    href: https://example.com/", 'content/site.yaml:9: footerLinks[0]: unknown key "href"'],
    ["a logo that is neither SVG nor PNG", "logo: { file: logo.gif, alt: { en: Logo } }", 'content/site.yaml:7: logo.file "logo.gif" must be an SVG or PNG image'],
    ["a logo without alt text", "logo: { file: logo.svg }", "content/site.yaml:7: logo.alt: is required: the text per language code"],
  ])("reports %s at its line", (_name, brand, start) => {
    const found = messages(brand);
    expect(found.some((m) => m.startsWith(start)), found.join("\n")).toBe(true);
  });

  it("warns once per text missing in a language, which then shows the default language's", () => {
    const { problems, settings } = parse("logo: { file: logo.png, alt: { en: Example logo } }");
    expect(settings?.brand?.logo?.format).toBe("png");
    expect(problems.map(formatProblem)).toEqual(["content/site.yaml:7: warning: logo.alt has no text in de; those pages show the en text."]);
  });
});

describe("the page backgrounds accents are checked against", () => {
  it("are the backgrounds of Codicil's stylesheet, light and dark", () => {
    const css = readFileSync(path.join(REPO, "templates/assets/codicil.css"), "utf8");
    const backgrounds = [...css.matchAll(/--background:\s*(#[0-9a-fA-F]{3,6})\s*;/g)].map((m) => m[1]?.toLowerCase());
    // The first two: :root, then :root in prefers-color-scheme: dark (print sets white again).
    expect(backgrounds.slice(0, 2)).toEqual([PAGE_BACKGROUNDS.light, PAGE_BACKGROUNDS.dark]);
  });
});
