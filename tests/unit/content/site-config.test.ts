import { describe, expect, it } from "vitest";
import { parseSiteSettings } from "../../../src/content/site-config.ts";
import { readYaml } from "../../../src/content/yaml.ts";

const FILE = "content/site.yaml";
const parse = (text: string) => parseSiteSettings(readYaml(text, FILE), FILE);
const LOCALES = "locales:\n  - { code: en, name: English }\n  - { code: ar, name: العربية }\n";
const VALID = `name: Example Co.\nurl: https://legal.example.com/\ndefaultLocale: en\n${LOCALES}`;
const withUrl = (url: string) => `name: X\nurl: ${JSON.stringify(url)}\ndefaultLocale: en\n${LOCALES}`;
const withPrefix = (prefix: string) => `${VALID}pathPrefix: ${JSON.stringify(prefix)}\n`;

describe("parseSiteSettings", () => {
  it("normalizes the url and pathPrefix and derives text direction", () => {
    const { settings, problems } = parse(`${VALID}pathPrefix: /legal/\n`);
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

  it.each([
    ["https://Legal.Example.COM:443/", "https://legal.example.com"],
    ["http://legal.example.com:8080/legal/", "http://legal.example.com:8080/legal"],
    ["https://bücher.example/", "https://xn--bcher-kva.example"],
    ["https://legal.example.com/a/./b/../c/", "https://legal.example.com/a/c"],
  ])("keeps url %s in the form browsers read it: %s", (url, normalised) => {
    const { settings, problems } = parse(withUrl(url));
    expect(problems).toEqual([]);
    expect(settings?.url).toBe(normalised);
  });

  it.each(["/", "/legal/", "/en-gb/legal~v2/", "/r%C3%A9gles/"])("accepts pathPrefix %s", (prefix) => {
    const { settings, problems } = parse(withPrefix(prefix));
    expect(problems).toEqual([]);
    expect(settings?.pathPrefix).toBe(prefix);
  });

  it("lets a locale set its direction explicitly", () => {
    const { settings } = parse(`name: X\nurl: https://x.example\ndefaultLocale: en\nlocales:\n  - { code: en, name: English, dir: rtl }\n`);
    expect(settings?.locales[0]?.dir).toBe("rtl");
  });

  it.each([
    ["missing name", `url: https://x.example\ndefaultLocale: en\n${LOCALES}`, 1, "name: is required"],
    ["url without scheme", `name: X\nurl: x.example\ndefaultLocale: en\n${LOCALES}`, 2, "must be an absolute http(s) address"],
    ["pathPrefix without slash", `${VALID}pathPrefix: legal\n`, 7, 'must be a path starting with "/"'],
    ["pathPrefix without its last slash", `${VALID}pathPrefix: /legal\n`, 7, 'must end with "/": write "/legal/"'],
    ["pathPrefix naming another host", withPrefix("//evil.example/"), 7, 'must not contain "//"'],
    ["pathPrefix with a backslash", withPrefix("/\\evil.example/"), 7, "must not contain a backslash"],
    ["pathPrefix with dot segments", withPrefix("/legal/../"), 7, '".." must not be'],
    ["pathPrefix with an escaped dot segment", withPrefix("/%2e%2E/x/"), 7, '"%2e%2E" must not be'],
    ["pathPrefix with an escaped slash", withPrefix("/a%2Fb/"), 7, "stand for"],
    ["pathPrefix with a scheme", withPrefix("/https:/evil/"), 7, '"https:" may hold only'],
    ["pathPrefix with a query", withPrefix("/legal/?x=1/"), 7, 'must not contain "?" or "#"'],
    ["pathPrefix with a fragment", withPrefix("/legal#/"), 7, 'must not contain "?" or "#"'],
    ["pathPrefix with a space", withPrefix("/le gal/"), 7, '"le gal" may hold only'],
    ["pathPrefix with a quote", withPrefix("/a\"b/"), 7, "may hold only"],
    ["pathPrefix with a malformed escape", withPrefix("/%E0%A4%A/"), 7, "may hold only"],
    ["pathPrefix with an escape that is not UTF-8", withPrefix("/%FF/"), 7, "not UTF-8"],
    ["url with userinfo", withUrl("https://legal.example@evil.example"), 2, 'browsers go to evil.example, the host after "@"'],
    ["url with user and password", withUrl("https://a:b@evil.example/"), 2, 'must not contain "@"'],
    ["url with a tab", withUrl("https://legal.\texample.com"), 2, "invisible characters"],
    ["url with a space", withUrl("https://legal.example.com/le gal"), 2, "invisible characters"],
    ["url with a control character", withUrl("https://legal.example.com/\u0001"), 2, "invisible character U+0001"],
    ["url with a zero-width space", withUrl("https://legal.example\u200b.com"), 2, "invisible characters"],
    ["url with a query", withUrl("https://legal.example.com/?x=1"), 2, 'must not contain a query'],
    ["url with a fragment", withUrl("https://legal.example.com/#top"), 2, 'must not contain a fragment'],
    ["url with a backslash", withUrl("https:\\\\evil.example"), 2, "backslash"],
    ["url without slashes after the scheme", withUrl("https:legal.example.com"), 2, "starting with https://"],
    ["url of another scheme", withUrl("javascript://legal.example.com/%0aalert(1)"), 2, "starting with https://"],
    ["url that does not parse", withUrl("https://exa mple/"), 2, "invisible"],
    ["url with a bad port", withUrl("https://legal.example.com:99999/"), 2, "not an address a browser can read"],
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
