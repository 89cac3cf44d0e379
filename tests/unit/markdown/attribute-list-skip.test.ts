import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { siteAddress } from "../../../src/addresses/browser-addresses.ts";
import { markdownFor, markdownInstances } from "../../../src/markdown/renderer.ts";

/** Every Markdown file under `dir`. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? markdownFiles(file) : name.endsWith(".md") ? [file] : [];
  });
}

/** The body after a front matter block (fixtures of bad input may hold YAML no parser reads). */
const withoutFrontMatter = (text: string) => text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");

const env = (file: string) => ({
  file,
  bodyLine: 1,
  pathPrefix: "/",
  permalinkLabel: (text: string) => text,
  page: siteAddress(undefined, "/"),
  problems: [],
  links: [],
  anchors: [],
  headings: [],
  internalLinks: [],
  explicitIds: [],
  cookieTable: () => "<table></table>",
});

describe("bodies that cannot hold an attribute list are parsed without markdown-it-attrs", () => {
  it.each([
    ["plain text", "## Data\n\nWe keep nothing.", "withoutAttributeLists"],
    ["a cookie table tag on its own line", "Text.\n\n{% cookieTable %}\n\n  {% cookieTable \"analytics\" %}\n", "withoutAttributeLists"],
    ["a kramdown attribute list", "Text.\n{: #data-tools }", "withAttributeLists"],
    ["an id after a heading", "## Data {#data}", "withAttributeLists"],
    ["a brace in running text", "Write {name} in the form.", "withAttributeLists"],
    ["a cookie table tag in running text", "See {% cookieTable %} here.", "withAttributeLists"],
    ["a misspelt cookie table tag", "{% cookieTables %}", "withAttributeLists"],
    ["a brace on the last line", "{% cookieTable %}\n{.x}", "withAttributeLists"],
  ])("%s", (_what, body, expected) => {
    expect(markdownFor(body)).toBe(markdownInstances[expected as keyof typeof markdownInstances]);
  });

  // Real bodies (the example, the fixtures of legal Markdown, hostile input) that the shortcut takes:
  // markdown-it-attrs would have changed nothing in them. Fails if the plugin starts to act on text
  // without a brace, or if the two instances come to differ in anything else.
  const bodies = [...markdownFiles("content"), ...markdownFiles("tests/fixtures")]
    .map((file) => ({ file, body: withoutFrontMatter(readFileSync(file, "utf8")) }))
    .filter(({ body }) => markdownFor(body) === markdownInstances.withoutAttributeLists);

  it("takes most real bodies", () => {
    expect(bodies.length).toBeGreaterThan(50);
  });

  it.each(bodies.map(({ file, body }) => [file, body]))("%s parses to the same tokens with and without the plugin", (file, body) => {
    const withPlugin = env(file);
    const without = env(file);
    const tokensWith = markdownInstances.withAttributeLists.parse(body, withPlugin);
    const tokensWithout = markdownInstances.withoutAttributeLists.parse(body, without);
    // The plugin notes each table's column count in `meta.colsnum` for its own table pattern; nothing reads it.
    const onlyColumns = (value: unknown) => typeof value === "object" && value !== null && Object.keys(value).join() === "colsnum";
    const asJson = (tokens: unknown) => JSON.stringify(tokens, (key, value: unknown) => (key === "meta" && onlyColumns(value) ? null : value));
    expect(asJson(tokensWithout)).toBe(asJson(tokensWith));
    const { renderer, options } = markdownInstances.withAttributeLists;
    expect(renderer.render(tokensWithout, options, without)).toBe(renderer.render(tokensWith, options, withPlugin));
    expect(JSON.stringify(without)).toBe(JSON.stringify(withPlugin));
  });
});
