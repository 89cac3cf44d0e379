import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { parseDocumentFile, splitFrontMatter } from "../../../src/content/front-matter.ts";

const FILE = "content/privacy/en.md";
const file = (frontMatter: string, body = "\n## Scope\n\nText.\n") => `---\n${frontMatter}\n---\n${body}`;
const VALID = 'title: Privacy Policy\nversion: "2"\nupdated: 2025-01-01';

describe("parseDocumentFile: valid front matter", () => {
  it("keeps dates as strings and defaults effective to updated", () => {
    const { parsed, problems } = parseDocumentFile(file(VALID), FILE);
    expect(problems).toEqual([]);
    expect(parsed?.frontMatter).toEqual({ title: "Privacy Policy", version: "2", updated: "2025-01-01", effective: "2025-01-01" });
  });

  it.each([
    ["version: 2.10", "2.10"],
    ["version: 2.0", "2.0"],
    ["version: 3", "3"],
    ['version: "1.9"', "1.9"],
  ])("takes the label exactly as written: %s → %s", (line, label) => {
    const { parsed } = parseDocumentFile(file(`title: T\n${line}\nupdated: 2025-01-01`), FILE);
    expect(parsed?.frontMatter.version).toBe(label);
  });

  it("reads corrections with their dates as written, and reports a bad one at its line", () => {
    const corrections = '\ncorrections:\n  - date: 2025-06-01\n    note: Fixed a typo in section 3\n  - { date: 2025-02-01, note: "Fixed a dead link" }';
    const { parsed, problems } = parseDocumentFile(file(VALID + corrections), FILE);
    expect(problems).toEqual([]);
    expect(parsed?.frontMatter.corrections).toEqual([
      { date: "2025-06-01", note: "Fixed a typo in section 3" },
      { date: "2025-02-01", note: "Fixed a dead link" },
    ]);
    const early = parseDocumentFile(file(VALID + "\ncorrections:\n  - { date: 2024-12-31, note: Too early }\n  - { date: 2025-01-02 }"), FILE);
    expect(early.parsed).toBeUndefined();
    expect(early.problems).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringContaining("is required: what the correction fixed") }),
      expect.objectContaining({ line: 6, message: expect.stringContaining("correction date 2024-12-31 is before the updated date 2025-01-01") }),
    ]);
    expect(parseDocumentFile(file(VALID + "\ncorrections: Fixed a typo"), FILE).problems).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining("must be a list of corrections") }),
    ]);
  });

  it("knows the line the body starts on, for body problems", () => {
    const { parsed } = parseDocumentFile(file(VALID), FILE);
    // ---, 3 keys, ---, then the body's first (empty) line is line 6.
    expect(parsed?.bodyLine).toBe(6);
  });

  it("reads CRLF files with the same lines", () => {
    const { parsed, problems } = parseDocumentFile(file(VALID).replace(/\n/g, "\r\n"), FILE);
    expect(problems).toEqual([]);
    expect(parsed?.bodyLine).toBe(6);
  });
});

describe("parseDocumentFile: every front matter rule, with its line", () => {
  it.each([
    ["missing front matter", "## Privacy\n", 1, "front matter is missing"],
    ["empty front matter", "---\n---\nText.\n", 1, "front matter is empty"],
    ["YAML syntax error", file('title: "Privacy\nversion: "2"\nupdated: 2025-01-01'), 2, 'YAML syntax error: Missing closing "quote'],
    ["front matter that is a list", file("- title\n- version"), 2, "must be a list of key: value lines"],
    ["missing title", file('version: "2"\nupdated: 2025-01-01'), 2, "title: is required"],
    ["empty title", file('title: ""\nversion: "2"\nupdated: 2025-01-01'), 2, "title: must not be empty"],
    ["title of the wrong type", file('title: [a, b]\nversion: "2"\nupdated: 2025-01-01'), 2, "title: must be text"],
    ["missing version", file("title: T\nupdated: 2025-01-01"), 2, "version: is required"],
    ["version of the wrong type", file("title: T\nversion: [2]\nupdated: 2025-01-01"), 3, "version: must be a version label"],
    ["version that is not a label", file("title: T\nversion: v2\nupdated: 2025-01-01"), 3, 'version "v2" is not a version label'],
    ["missing updated", file('title: T\nversion: "2"'), 2, "updated: is required"],
    ["updated not a date", file('title: T\nversion: "2"\nupdated: soon'), 4, "is not a date in YYYY-MM-DD form"],
    ["updated impossible", file('title: T\nversion: "2"\nupdated: 2025-02-29'), 4, "not a date that exists in the calendar"],
    ["effective impossible", file('title: T\nversion: "2"\nupdated: 2025-01-01\neffective: 2025-04-31'), 5, "effective: \"2025-04-31\" is not a date that exists"],
    ["effective before updated", file('title: T\nversion: "2"\nupdated: 2025-01-01\neffective: 2024-12-31'), 5, "is before the updated date"],
    ["latestVersion neither path nor URL", file(`${VALID}\nlatestVersion: privacy`), 5, "latestVersion: must be a path on this site"],
    ["summary of the wrong type", file(`${VALID}\nsummary: [a]`), 5, "summary: must be text"],
    ["a key twice", file(`${VALID}\ntitle: Again`), 5, '"title" appears twice; keep one of the two lines.'],
  ])("%s", (_, text, line, message) => {
    const { problems, parsed } = parseDocumentFile(text, FILE);
    expect(parsed).toBeUndefined();
    expect(problems).toContainEqual(expect.objectContaining({ file: FILE, line, severity: "error", message: expect.stringContaining(message) }));
  });

  it.each(["---js", "---javascript", "---coffee", "---json"])("never evaluates %s front matter, which gray-matter would run", (opening) => {
    const marker = `codicilEvaluated${opening.slice(3)}`;
    const text = `${opening}\n{ title: (globalThis.${marker} = "ran") }\n---\n\nText.\n`;
    const { parsed, problems } = parseDocumentFile(text, FILE);
    expect(parsed).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining("the first line must be exactly ---") })]);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it("reports an alias to an anchor that does not exist instead of crashing", () => {
    const { problems } = parseDocumentFile(file(`${VALID}\nsummary: *missing`), FILE);
    expect(problems).toEqual([expect.objectContaining({ severity: "error", message: expect.stringContaining("YAML") })]);
  });

  it("reports every problem of a file at once", () => {
    const { problems } = parseDocumentFile(file("version: [2]\nupdated: 2025-13-01"), FILE);
    expect(problems.map((p) => p.line).sort()).toEqual([2, 2, 3]);
  });

  it("refuses unknown keys at their line, naming the key meant when one is close, and still reads the file for the other rules", () => {
    const unknown = parseDocumentFile(file(`${VALID}\nauthor: Legal team`), FILE);
    expect(unknown.parsed?.frontMatter.title).toBeDefined();
    expect(unknown.problems).toEqual([
      expect.objectContaining({ line: 5, severity: "error", message: expect.stringMatching(/^unknown key "author"; the keys understood here are title, version, updated, effective, summary/) }),
    ]);
    const typo = parseDocumentFile(file(`${VALID}\nefective: 2027-03-01`), FILE);
    expect(typo.parsed?.frontMatter.effective).toBe(typo.parsed?.frontMatter.updated);
    expect(typo.problems).toEqual([expect.objectContaining({ line: 5, severity: "error", message: 'unknown key "efective": did you mean "effective"?' })]);
  });

  it("returns the body of a file with bad front matter, so its problems are found too", () => {
    const { body } = parseDocumentFile(file("title: T"), FILE);
    expect(body?.text).toContain("## Scope");
    expect(body?.line).toBe(4);
  });
});

/**
 * gray-matter is given only the front matter's lines and the body is completed from the file
 * (`matterOfHead`, for speed); the body must be exactly what gray-matter makes of the whole file.
 */
describe("the body, split as gray-matter splits the whole file", () => {
  const wholeFileBody = (text: string) => matter(text, { engines: { yaml: { parse: () => ({}) } } }).content;
  it.each([
    ["an ordinary file", file(VALID)],
    ["a blank line after the closing ---", file(VALID, "\n\n## Scope\n")],
    ["text after the closing dashes", `---\n${VALID}\n--- trailing\nBody.\n`],
    ["a longer closing line", `---\n${VALID}\n-----\nBody.\n`],
    ["a closing --- at the very end, without a newline", `---\n${VALID}\n---`],
    ["a closing --- and one newline only", `---\n${VALID}\n---\n`],
    ["no closing line", `---\n${VALID}\nBody.\n`],
    ["no front matter", "## Scope\n\nText.\n"],
    ["a --- line in the body too", file(VALID, "\nText.\n\n---\n\nMore.\n")],
    ["empty front matter", "---\n---\nBody.\n"],
    ["four dashes first", "----\ntitle: T\n---\nBody.\n"],
    ["a byte order mark first", `\uFEFF${file(VALID)}`],
  ])("%s", (_name, text) => {
    expect(splitFrontMatter(text).body).toBe(wholeFileBody(text));
    const { body, parsed } = parseDocumentFile(text, FILE);
    if (body) expect(body.text).toBe(wholeFileBody(text));
    if (parsed) expect(parsed.body).toBe(wholeFileBody(text));
  });
});
