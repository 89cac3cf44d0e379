import { describe, expect, it } from "vitest";
import { parseSiteSettings } from "../../../src/content/site-config.ts";
import { readYaml } from "../../../src/content/yaml.ts";

const FILE = "content/site.yaml";
const parse = (text: string) => parseSiteSettings(readYaml(text, FILE), FILE);
const LOCALES = "locales:\n  - { code: en, name: English }\n  - { code: ar, name: العربية }\n";
const VALID = `name: Example Co.\nurl: https://legal.example.com/\ndefaultLocale: en\n${LOCALES}`;

describe("parseSiteSettings", () => {
  it("normalizes the url and pathPrefix and derives text direction", () => {
    const { settings, problems } = parse(`${VALID}pathPrefix: /legal\n`);
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      name: "Example Co.",
      url: "https://legal.example.com",
      pathPrefix: "/legal/",
      defaultLocale: "en",
      locales: [
        { code: "en", name: "English", dir: "ltr" },
        { code: "ar", name: "العربية", dir: "rtl" },
      ],
    });
  });

  it("lets a locale set its direction explicitly", () => {
    const { settings } = parse(`name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n  - { code: en, name: English, dir: rtl }\n`);
    expect(settings?.locales[0]?.dir).toBe("rtl");
  });

  it.each([
    ["missing name", `url: https://x.example\ndefaultLocale: en\n${LOCALES}`, 1, "name: is required"],
    ["url without scheme", `name: X\nurl: x.example\ndefaultLocale: en\n${LOCALES}`, 2, "must be an absolute http(s) address"],
    ["pathPrefix without slash", `${VALID}pathPrefix: legal\n`, 7, 'must start with "/"'],
    ["no locales", "name: X\nurl: https://x.example\ndefaultLocale: en\n", 1, "locales: is required"],
    ["empty locales", "name: X\nurl: https://x.example\ndefaultLocale: en\nlocales: []\n", 4, "must list at least one language"],
    ["locale without name", "name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n  - { code: en }\n", 5, "locales[0].name: is required"],
    ["bad dir", "name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n  - { code: en, name: E, dir: up }\n", 5, 'must be "ltr" or "rtl"'],
    ["defaultLocale not listed", `name: X\nurl: https://x.example\ndefaultLocale: fr\n${LOCALES}`, 3, 'defaultLocale "fr" is not one of the listed locales'],
    ["non-canonical code", "name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n  - { code: en, name: E }\n  - { code: zh-hans, name: Z }\n", 6, 'as "zh-Hans"'],
    ["invalid code", "name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n  - { code: en, name: E }\n  - { code: en_GB, name: Z }\n", 6, "not a valid BCP 47"],
    ["duplicate code", `${VALID}  - { code: en, name: English }\n`, 7, 'language "en" is listed twice'],
    ["YAML syntax: an unclosed bracket, at its own line", "name: X\nurl: [https://x.example\n", 2, "this line opens [ but does not close it; add ] at the end of its value."],
    ["YAML syntax: a tab, alone", "name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n\t- { code: en, name: E }\n", 5, "a tab indents this line; YAML indents with spaces only"],
    ["YAML syntax: a colon in a plain value", "name: Legal: Example Co.\nurl: https://x.example\ndefaultLocale: en\n", 1, 'the value of name has ": " in it, which YAML reads as a key of its own; put the value in quotes: name: "Legal: Example Co."'],
    ["YAML syntax otherwise", "name: X\nurl: https://x.example\nlocales:\n  - code: en\n   name: E\n", 5, "YAML syntax error: Sequence item without - indicator"],
  ])("%s", (name, text, line, message) => {
    const { settings, problems } = parse(text);
    expect(settings).toBeUndefined();
    // One mistake in the YAML, one message.
    if (name.startsWith("YAML syntax")) expect(problems).toHaveLength(1);
    expect(problems).toContainEqual(expect.objectContaining({ file: FILE, line, severity: "error", message: expect.stringContaining(message) }));
  });

  it.each([
    ["tl", "fil"],
    ["iw", "he"],
    ["in", "id"],
    ["ji", "yi"],
  ])("accepts the deprecated code %s as written, with a warning naming %s", (code, preferred) => {
    const { settings, problems } = parse(`name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n  - { code: en, name: E }\n  - { code: ${code}, name: Z }\n`);
    expect(settings?.locales.map((l) => l.code)).toEqual(["en", code]);
    expect(problems).toEqual([expect.objectContaining({ line: 6, severity: "warning", message: expect.stringContaining(`"${preferred}"`) })]);
  });

  it("refuses unknown keys, also inside locales, naming the key meant when one is close, and still reads the settings for the other rules", () => {
    const { settings, problems } = parse(`${VALID}theme: dark\ndefaultLocal: en\n`.replace("{ code: en, name: English }", "{ code: en, name: English, flag: uk, dirr: ltr }"));
    expect(settings?.defaultLocale).toBeDefined();
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [7, "error", expect.stringMatching(/^unknown key "theme"; the keys understood here are name, url, pathPrefix, defaultLocale, locales/)],
      [8, "error", 'unknown key "defaultLocal": did you mean "defaultLocale"?'],
      [5, "error", expect.stringMatching(/^locales\[0\]: unknown key "flag"; the keys understood here are code, name, dir/)],
      [5, "error", 'locales[0]: unknown key "dirr": did you mean "dir"?'],
    ]);
  });
});
