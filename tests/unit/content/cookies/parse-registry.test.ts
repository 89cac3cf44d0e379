import { describe, expect, it } from "vitest";
import { readYaml } from "../../../../src/content/yaml.ts";
import { parseCookieRegistry } from "../../../../src/content/cookies/parse-registry.ts";

const FILE = "content/cookies.yaml";
const SETTINGS = {
  defaultLocale: "en",
  locales: [
    { code: "en", name: "English", dir: "ltr" as const },
    { code: "de", name: "Deutsch", dir: "ltr" as const },
    { code: "pt-BR", name: "Português (Brasil)", dir: "ltr" as const },
  ],
};
const parse = (text: string) => parseCookieRegistry(readYaml(text, FILE), FILE, SETTINGS);

/** A valid entry, line by line, so that a case can change one line and know its number. */
const ENTRY = [
  "  - service: Google Analytics", // line 2
  "    names: [_ga, _gid]", // 3
  "    category: analytics", // 4
  "    party: third", // 5
  "    duration: P2Y", // 6
  "    purpose:", // 7
  "      en: Counts visits.", // 8
  "      de: Zählt Besuche.", // 9
  "    policy: https://policies.google.com/privacy", // 10
];
const registry = (...lines: string[]) => `cookies:\n${lines.join("\n")}\n`;
const withLine = (line: number, text: string | undefined) => {
  const lines = [...ENTRY];
  if (text === undefined) lines.splice(line - 2, 1);
  else lines[line - 2] = text;
  return registry(...lines);
};

describe("parseCookieRegistry reads a valid registry into plain data", () => {
  it("keeps every field, orders purposes like the site's languages and remembers the purpose line", () => {
    const { registry: parsed, problems } = parse(registry(...ENTRY.slice(0, 6), "      pt-BR: Conta visitas.", ...ENTRY.slice(6)));
    expect(problems).toEqual([]);
    expect(parsed).toEqual({
      file: FILE,
      cookies: [
        {
          service: "Google Analytics",
          names: ["_ga", "_gid"],
          category: "analytics",
          party: "third",
          duration: { kind: "period", iso: "P2Y", parts: { year: 2, month: 0, week: 0, day: 0, hour: 0, minute: 0, second: 0 } },
          policy: "https://policies.google.com/privacy",
          purposes: [{ text: { en: "Counts visits.", de: "Zählt Besuche.", "pt-BR": "Conta visitas." }, line: 7 }],
          line: 2,
        },
      ],
    });
    expect(Object.keys(parsed?.cookies[0]?.purposes[0]?.text ?? {})).toEqual(["en", "de", "pt-BR"]);
  });

  it("accepts an empty registry, a session cookie and a first-party cookie without policy", () => {
    expect(parse("cookies: []\n")).toEqual({ registry: { file: FILE, cookies: [] }, problems: [] });
    const { registry: parsed, problems } = parse(
      registry("  - service: Tidepool", "    names: [tp_session]", "    category: necessary", "    party: first", "    duration: session", "    purpose: { en: Keeps you signed in. }"),
    );
    expect(problems).toEqual([]);
    expect(parsed?.cookies[0]?.duration).toEqual({ kind: "session" });
    expect(parsed?.cookies[0]).not.toHaveProperty("policy");
  });
});

describe("every rule reports file, line and what to do", () => {
  it.each([
    ["service missing", registry("  - names: [_ga, _gid]", ...ENTRY.slice(2)), 2, "cookies[0].service: is required: who sets the cookie"],
    ["service blank", withLine(2, '  - service: ""'), 2, "cookies[0].service: must not be empty"],
    ["names missing", withLine(3, undefined), 2, "cookies[0].names: is required: a list of the cookie names"],
    ["names empty", withLine(3, "    names: []"), 3, "cookies[0].names: must list at least one cookie name"],
    ["names a single string", withLine(3, "    names: _ga"), 3, "cookies[0].names: is required: a list of the cookie names, e.g. names: [_ga, _gid]"],
    ["names not text", withLine(3, "    names: [_ga, 42]"), 3, "cookies[0].names[1]: must be text"],
    ["several names in one string", withLine(3, '    names: ["_ga, _gid"]'), 3, "cookies[0].names[0]: is not one cookie name"],
    ["name listed twice", withLine(3, "    names: [_ga, _gid, _ga]"), 3, '"_ga" is already listed for Google Analytics on line 3'],
    ["category missing", withLine(4, undefined), 2, "cookies[0].category: is required: one of necessary, functional, analytics, marketing"],
    ["category unknown", withLine(4, "    category: statistics"), 4, 'cookies[0].category: "statistics" is not one of necessary, functional, analytics, marketing'],
    ["category in capitals", withLine(4, "    category: Analytics"), 4, '"Analytics" is not one of necessary, functional, analytics, marketing; did you mean "analytics"?'],
    ["party unknown", withLine(5, "    party: 3rd"), 5, `cookies[0].party: "3rd" must be first (set by this site's own domain) or third`],
    ["duration missing", withLine(6, undefined), 2, "cookies[0].duration: is required: how long the cookie lives"],
    ["duration a number", withLine(6, "    duration: 2"), 6, "cookies[0].duration: is required"],
    ["duration not ISO 8601", withLine(6, "    duration: 2 years"), 6, 'cookies[0].duration: "2 years" is not an ISO 8601 duration'],
    ["duration with a fraction", withLine(6, "    duration: P1.5Y"), 6, "cookies[0].duration: \"P1.5Y\" has a fraction"],
    ["duration zero", withLine(6, "    duration: P0D"), 6, "cookies[0].duration: \"P0D\" is zero"],
    ["purpose missing", registry(...ENTRY.slice(0, 5), ENTRY[8] ?? ""), 2, "cookies[0].purpose: is required: what the cookie is for, by language"],
    ["purpose a plain string", registry(...ENTRY.slice(0, 5), "    purpose: Counts visits.", ENTRY[8] ?? ""), 7, "cookies[0].purpose: is required: what the cookie is for, by language"],
    ["purpose without the default language", withLine(8, undefined), 7, 'purpose: the text in en, the default language, is missing; add "en: …"'],
    ["purpose in a language the site does not have", withLine(9, "      fr: Compte les visites."), 9, 'purpose: "fr" is not a language of this site (en, de, pt-BR)'],
    ["purpose language code in the wrong case", withLine(9, "      pt-br: Conta visitas."), 9, 'purpose: write the language code "pt-br" as "pt-BR"'],
    ["purpose text blank", withLine(9, '      de: ""'), 9, "cookies[0].purpose.de: must not be empty"],
    ["policy over http", withLine(10, "    policy: http://policies.google.com/privacy"), 10, "cookies[0].policy: must be an https:// address"],
    ["policy not an address", withLine(10, "    policy: policies.google.com/privacy"), 10, "cookies[0].policy: must be an https:// address"],
    ["policy javascript:", withLine(10, "    policy: javascript:alert(1)"), 10, "cookies[0].policy: must be an https:// address"],
    ["no cookies key", "cookie:\n  - service: x\n", 1, "cookies: is required: a list of cookies (write cookies: [] if the site sets none)"],
    ["empty file", "", 1, "must hold the list of cookies under cookies: (write cookies: [] if the site sets none)"],
    ["cookies not a list", "cookies: yes\n", 1, "cookies: is required: a list of cookies"],
    ["an entry that is not a map", "cookies:\n  - Google Analytics\n", 2, "cookies[0]: must be one cookie entry with service, names, category, party, duration and purpose"],
    ["YAML syntax", "cookies:\n  - service: [Google\n", 2, "this line opens [ but does not close it"],
    ["YAML tab", registry(...ENTRY.slice(0, 3), "\tcategory: analytics", ...ENTRY.slice(3)), 5, "a tab indents this line"],
    ["a key twice", withLine(5, "    category: analytics"), 5, '"category" appears twice'],
    ["category unknown, repeated with the one meant", withLine(4, "    category: analytic"), 4, 'cookies[0].category: "analytic" is not one of necessary, functional, analytics, marketing; did you mean "analytics"?'],
    ["since not a date", withLine(6, "    duration: P2Y\n    since: 2025-02-30"), 7, 'cookies[0].since: "2025-02-30" is not a date that exists in the calendar'],
    ["until not after since", withLine(6, "    duration: P2Y\n    since: 2025-06-01\n    until: 2025-06-01"), 8, "until 2025-06-01 is not after since 2025-06-01; until is the first day the site no longer set the cookie"],
    ["both purpose and purposes", withLine(9, "      de: Zählt Besuche.\n    purposes:\n      - { en: Counts visits. }"), 10, "write either purpose: (a text that never changed) or purposes: (dated texts), not both"],
    ["first dated text with since", registry(...ENTRY.slice(0, 5), "    purposes:", "      - { since: 2025-01-01, en: Counts visits. }", ENTRY[8] ?? ""), 8, "the first purpose text applies from the cookie's own start; remove since: from it"],
    ["later text without since", registry(...ENTRY.slice(0, 5), "    purposes:", "      - { en: Counts visits. }", "      - { en: Counts visits again. }", ENTRY[8] ?? ""), 9, "this purpose text needs since: with the first day it applies"],
    ["texts not oldest first", registry(...ENTRY.slice(0, 5), "    purposes:", "      - { en: A. }", "      - { since: 2025-05-01, en: B. }", "      - { since: 2025-04-01, en: C. }"), 10, "since 2025-04-01 is not after the text before it (since 2025-05-01)"],
    ["text dated before the cookie", registry(...ENTRY.slice(0, 5), "    since: 2025-05-01", "    purposes:", "      - { en: A. }", "      - { since: 2025-04-01, en: B. }"), 10, "since 2025-04-01 is not after the cookie's since 2025-05-01"],
    ["text dated after the cookie ends", registry(...ENTRY.slice(0, 5), "    until: 2025-05-01", "    purposes:", "      - { en: A. }", "      - { since: 2025-06-01, en: B. }"), 10, "since 2025-06-01 is not before the cookie's until 2025-05-01"],
    ["dated text without the default language", registry(...ENTRY.slice(0, 5), "    purposes:", "      - { en: A. }", "      - { since: 2025-06-01, de: B. }"), 9, 'purpose: the text in en, the default language, is missing'],
    ["dated text with since misspelt", registry(...ENTRY.slice(0, 5), "    purposes:", "      - { en: A. }", "      - { sine: 2025-06-01, en: B. }"), 9, 'purposes: unknown key "sine": did you mean "since"?'],
  ])("%s", (_, text, line, message) => {
    const { registry: parsed, problems } = parse(text);
    expect(parsed).toBeUndefined();
    expect(problems).toContainEqual(expect.objectContaining({ file: FILE, line, severity: "error", message: expect.stringContaining(message) }));
  });

  it("reports a name listed twice for one service across two entries, but not for two services", () => {
    const second = (service: string) => ["  - service: " + service, "    names: [_gid]", "    category: analytics", "    party: third", "    duration: P1D", "    purpose: { en: Tells visitors apart. }", "    policy: https://policies.google.com/privacy"];
    const twice = parse(registry(...ENTRY, ...second("google analytics")));
    expect(twice.problems).toEqual([expect.objectContaining({ line: 12, message: expect.stringContaining('"_gid" is already listed for google analytics on line 3') })]);
    expect(parse(registry(...ENTRY, ...second("Matomo"))).problems).toEqual([]);
  });

  it("reports every problem of every entry in one run", () => {
    const text = registry(
      "  - service: A",
      "    names: [a, a]",
      "    category: tracking",
      "    party: first",
      "    duration: 1 day",
      "    purpose: { de: Text. }",
      "  - service: B",
      "    names: [b]",
      "    category: necessary",
      "    party: none",
      "    duration: session",
      "    purpose: { en: Text., xx: Text. }",
      "    policy: http://b.example/privacy",
    );
    expect(parse(text).problems.map((p) => p.line)).toEqual(expect.arrayContaining([3, 4, 6, 7, 11, 13, 14]));
    expect(parse(text).problems.filter((p) => p.severity === "error")).toHaveLength(7);
  });
});

describe("warnings that do not stop the build", () => {
  it("refuses unknown keys, at their line, in the file and in entries, naming the key meant when one is close", () => {
    const { registry: parsed, problems } = parse(`${withLine(5, "    party: third\n    expires: 2 years\n    sinse: 2025-01-01")}version: 2\n`);
    // Still read, so the documents' tables are checked in the same run; the errors stop the build.
    expect(parsed?.cookies).toHaveLength(1);
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [13, "error", expect.stringMatching(/^unknown key "version"; the keys understood here are cookies/)],
      [6, "error", expect.stringMatching(/^cookies\[0\]: unknown key "expires"; the keys understood here are service, names, category, party, duration, purpose, purposes, since, until, policy/)],
      [7, "error", 'cookies[0]: unknown key "sinse": did you mean "since"?'],
    ]);
  });

  it("warns when a third-party cookie has no policy link", () => {
    const { registry: parsed, problems } = parse(withLine(10, undefined));
    expect(parsed).toBeDefined();
    expect(problems).toEqual([
      expect.objectContaining({ line: 5, severity: "warning", message: expect.stringContaining("Google Analytics is set by a third party but has no policy") }),
    ]);
  });
});
