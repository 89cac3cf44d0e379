import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../../src/core/problems.ts";
import { buildSite, checkSite } from "../../src/pipeline/build-site.ts";
import { readPage, removeDir, REPO } from "../support/sites.ts";

/**
 * The messages an editor gets for a wrong link on a site the size of a large organisation's legal
 * corpus: 46 languages, documents in folders named the way such repositories name them. Each
 * message is one line of bounded length that names the right candidate and the fix.
 */
const LOCALES = [
  "en-US", "de", "fr", "es-ES", "es-MX", "it", "nl", "pt-BR", "pt-PT", "pl", "ru", "uk", "cs", "sk", "hu", "ro", "bg", "el",
  "tr", "ar", "he", "fa", "hi-IN", "id", "ms", "th", "vi", "ja", "ko", "zh-CN", "zh-TW", "sv-SE", "da", "fi", "nb-NO", "sl",
  "hr", "sr", "lt", "lv", "et", "ca", "gl", "eu", "is", "ga-IE",
];
const DOCUMENTS = ["firefox_privacy_notice", "websites_privacy_notice", "mozilla_accounts_privacy_notice", "subscription_services", "terms", "cookies"];

/** The longest a link message may be: the 75-language site printed 900 characters. */
const MAX_MESSAGE = 320;

const front = (title: string, updated = "2025-01-01", version = "2") => `---\ntitle: ${title}\nversion: "${version}"\nupdated: ${updated}\nsummary: Clearer wording.\n---\n\n`;
/** The UI strings of Codicil's own English, for a site whose default language is en-US. */
const UI_STRINGS = readFileSync(path.join(REPO, "locales/en.json"), "utf8");

/** Each case is one paragraph of the file under test; `expected` are parts of its one message. */
const CASES: { what: string; markdown: string; severity?: Problem["severity"]; expected: string[] }[] = [
  { what: "a path of the old site's layout", markdown: "[notice](/media/docs/firefox_privacy_notice/en-US.html)", expected: ['"media" is not a language of this site (46 languages', "did you mean /en-US/firefox_privacy_notice/?"] },
  { what: "a path naming a language only", markdown: "[notice](/media/docs/privacy/de.html)", expected: ['"media" is not a language', "did you mean /de/?"] },
  { what: "a language without its region", markdown: "[notice](/en/terms/)", expected: ['"en" is not a language of this site (46 languages; nearest: en-US);', "did you mean /en-US/terms/?"] },
  { what: "a language with a region the site does not use", markdown: "[notice](/de-DE/terms/)", expected: ["nearest: de", "did you mean /de/terms/?"] },
  { what: "a language in another case", markdown: "[notice](/EN-us/terms/)", expected: ["nearest: en-US", "did you mean /en-US/terms/?"] },
  { what: "a language with _", markdown: "[notice](/pt_BR/terms/)", expected: ["nearest: pt-BR", "did you mean /pt-BR/terms/?"] },
  { what: "a misspelt document", markdown: "[notice](/de/firefox-privacy-notice/)", expected: ['there is no document "firefox-privacy-notice" (6 documents; nearest: firefox_privacy_notice'] },
  { what: "a document that is no near one", markdown: "[notice](/de/impressum/)", expected: ['there is no document "impressum" (6 documents, e.g. cookies, firefox_privacy_notice, mozilla_accounts_privacy_notice)'] },
  { what: "a version that does not exist", markdown: "[notice](/en-US/terms/2019-01-01/)", expected: ['"terms" has no version dated 2019-01-01 in en-US (dated versions: 2024-01-01, 2025-01-01)'] },
  { what: "an address in extra parentheses", markdown: "[Mozilla]((https://www.mozilla.org/en-US/privacy/))", expected: ["is wrapped in extra parentheses: write [text](https://www.mozilla.org/en-US/privacy/)"] },
  { what: "an address in extra parentheses and spaces", markdown: "[Mozilla](( https://www.mozilla.org/en-US/privacy/ ))", expected: ['"https://www.mozilla.org/en-US/privacy/" is wrapped in extra parentheses, so this is no link', "write [text](https://www.mozilla.org/en-US/privacy/)"] },
  { what: "an autolink inside a link's address", markdown: "[support](https://<support.mozilla.org/kb/clear-cookies>)", expected: ["has < > inside it: write [text](https://support.mozilla.org/kb/clear-cookies)"] },
  { what: "an address in quotation marks", markdown: '[support]("https://support.mozilla.org/")', expected: ["is in quotation marks: write [text](https://support.mozilla.org/)"] },
  { what: "a space in the address", markdown: "[support](https://support.mozilla.org/kb/clear cookies)", expected: ['"https://support.mozilla.org/kb/clear cookies" has a space in it', "write %20 for the space"] },
  { what: "a space between ] and (", markdown: "[support] (https://support.mozilla.org/)", expected: ['a space between "]" and "("', "write [text](https://support.mozilla.org/)"] },
  { what: "a misspelt scheme", markdown: "[Mozilla](htp://www.mozilla.org/)", expected: ['starts with "htp:", which no browser opens: write http: (http://www.mozilla.org/)'] },
  { what: "a missing colon", markdown: "[Mozilla](https//www.mozilla.org/)", expected: ["lacks the colon after https: write https://www.mozilla.org/"] },
  { what: "an address without https://", markdown: "[Mozilla](www.mozilla.org/privacy/)", expected: ["is a web address without https://: write [text](https://www.mozilla.org/privacy/)"] },
  { what: "an e-mail address without mailto:", markdown: "[write to us](privacy@mozilla.com)", expected: ["is an e-mail address: write [text](mailto:privacy@mozilla.com)"] },
  { what: "a sentence's full stop in the address", markdown: "[Mozilla](https://www.mozilla.org/privacy.)", severity: "warning", expected: ['ends with ".", which is most likely the sentence\'s: write [text](https://www.mozilla.org/privacy).'] },
  { what: "a closing parenthesis in an autolink", markdown: "(see <https://www.mozilla.org/privacy)>", severity: "warning", expected: ['ends with a ")" that opens nowhere in the address'] },
];

let root: string;
let problemsByLine: Map<number, Problem[]>;
const caseLines: number[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "codicil-links-"));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write("locales/en-US.json", UI_STRINGS);
  write("content/site.yaml", `name: Mozilla\nurl: https://legal.example.org\ndefaultLocale: en-US\nlocales:\n${LOCALES.map((code) => `  - { code: ${code}, name: ${code} }`).join("\n")}\n`);
  for (const slug of DOCUMENTS) {
    write(`content/${slug}/en-US.md`, `${front(slug)}## Scope\n\nText.\n`);
    write(`content/${slug}/versions/2024-01-01/en-US.md`, `${front(slug, "2024-01-01", "1")}## Scope\n\nOlder text.\n`);
  }
  for (const locale of ["de", "pt-BR"]) write(`content/terms/${locale}.md`, `${front("Terms")}## Geltung\n\nText.\n`);
  // The file under test: front matter, a heading, then one case per paragraph.
  const lines = [...front("Cookies").trimEnd().split("\n"), "", "## Links", ""];
  for (const c of CASES) {
    caseLines.push(lines.length + 1);
    lines.push(c.markdown, "");
  }
  write("content/cookies/en-US.md", lines.join("\n"));
  const { problems } = await checkSite({ root, buildDate: "2025-06-01" });
  problemsByLine = new Map();
  for (const p of problems.filter((p) => p.file === "content/cookies/en-US.md")) problemsByLine.set(p.line, [...(problemsByLine.get(p.line) ?? []), p]);
}, 120_000);
afterAll(() => removeDir(root));

describe("link messages on a site with 46 languages", () => {
  it.each(CASES.map((c, i) => [c.what, i] as const))("%s: one short line with the fix", (_, i) => {
    const c = CASES[i]!;
    const problems = problemsByLine.get(caseLines[i]!) ?? [];
    expect(problems, JSON.stringify([...problemsByLine])).toHaveLength(1);
    const [problem] = problems as [Problem];
    expect(problem.severity).toBe(c.severity ?? "error");
    for (const part of c.expected) expect(problem.message).toContain(part);
    expect(problem.message).not.toContain("\n");
    expect(problem.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(problem.message).not.toContain("relative link");
  });

  it("reports nothing else in the file", () => {
    expect([...problemsByLine.keys()].filter((line) => !caseLines.includes(line))).toEqual([]);
  });
});

describe("document folders named with _", () => {
  it("build, and links to them and their anchors pass", async () => {
    const site = mkdtempSync(path.join(tmpdir(), "codicil-underscore-"));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
        writeFileSync(path.join(site, file), text);
      };
      write("locales/en-US.json", UI_STRINGS);
      write("content/site.yaml", "name: Mozilla\nurl: https://legal.example.org\ndefaultLocale: en-US\nlocales:\n  - { code: en-US, name: English }\n  - { code: de, name: Deutsch }\n");
      write("content/firefox_privacy_notice/en-US.md", `${front("Firefox Privacy Notice")}## Things you should know\n\nSee also the [websites notice](/en-US/websites_privacy_notice/#cookies).\n`);
      write("content/websites_privacy_notice/en-US.md", `${front("Websites Privacy Notice")}## Cookies\n\nFirefox has [its own notice](/en-US/firefox_privacy_notice/#things-you-should-know).\n`);
      const result = await buildSite({ root: site, buildDate: "2025-06-01", recordPublished: false });
      expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
      const page = readPage(path.join(site, "_site"), "/en-US/websites_privacy_notice/");
      expect(page('a[href="/en-US/firefox_privacy_notice/#things-you-should-know"]').length).toBe(1);
      expect(readPage(path.join(site, "_site"), "/en-US/firefox_privacy_notice/")("#things-you-should-know").length).toBe(1);
    } finally {
      removeDir(site);
    }
  }, 120_000);
});
