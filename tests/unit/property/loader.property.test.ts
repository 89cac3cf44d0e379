import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseDocumentFile } from "../../../src/content/front-matter.ts";
import { loadSite } from "../../../src/content/load-site.ts";
import { parseSiteSettings } from "../../../src/content/site-config.ts";
import { readYaml } from "../../../src/content/yaml.ts";
import { readAddress } from "../../../src/addresses/browser-addresses.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";
import { removeDir } from "../../support/sites.ts";

/**
 * Random front matter, Markdown and YAML: the loader either accepts the input or reports
 * problems; it never throws, and nothing it accepts can run code in a reader's browser.
 */
const FRAGMENTS = [
  "## Heading\n\n", "### Sub\n\n", "- item\n", "1. item\n", "> quote\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "\n\n",
  "[link](/en/privacy/)", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "<a href=\"java&#115;cript:x\">a</a>", "![i](https://t.example/p.gif)",
  "<script>alert(1)</script>", "<SCRIPT>x</SCRIPT>", "<img src=x onerror=alert(1)>", "<div onclick='x'>d</div>", "<svg><script>1</script></svg>",
  "<iframe src=//x></iframe>", "<style>*{}</style>", "<p style=\"x:expression(1)\">p</p>", "<abbr title=\"t\">A</abbr>", "<br>", "<details><summary>s</summary>",
  "{{ x }}", "{% if %}", "`code`", "```\n<script>in code</script>\n```\n", "*em*", "**strong**", "&amp;", "&#x3C;script&#x3E;", "<", ">", "\"", "'", "\\", "\u202e", "\u0000",
  "<a href=\"data:text/html,<script>x</script>\">d</a>", "<object data=x>", "<embed src=x>", "<form action=x>", "<meta http-equiv=refresh content=0>", "<base href=x>",
  "<math><mi xlink:href=\"javascript:x\">m</mi></math>", "<a href=\"\tjavascript:x\">t</a>", "<!-- comment -->", "<![CDATA[ x ]]>", "<?xml x?>",
];
const markdown = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 })), { maxLength: 40 }).map((parts) => parts.join(""));

const context = { file: "content/x/en.md", bodyLine: 6, pathPrefix: "/", permalinkLabel: (h: string) => h };

/** What a browser could run: script-like elements, handlers, script URLs. */
function executableParts(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (["script", "style", "iframe", "object", "embed", "svg", "math", "form", "meta", "base", "link"].includes(name)) found.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) found.push(`${attribute}=`);
          if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(attribute) && readAddress(value, new URL("https://codicil.invalid/")).kind === "script") found.push(`${attribute}=${value}`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

describe("property: Markdown", () => {
  it("renders or reports, and what renders without errors cannot run code", () => {
    fc.assert(
      fc.property(markdown, (body) => {
        const { html, problems } = renderMarkdown(body, context);
        if (!problems.some((p) => p.severity === "error")) expect(executableParts(html)).toEqual([]);
        for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(6);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("property: front matter", () => {
  const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.array(fc.string(), { maxLength: 3 }));
  const key = fc.oneof(fc.constantFrom("title", "version", "updated", "effective", "summary", "description", "latestVersion", "layout"), fc.string({ maxLength: 10 }));

  it("parses any structured front matter or reports problems with lines inside the file", () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 10 }), markdown, (data, body) => {
        const text = `---\n${stringify(data)}---\n${body}`;
        const { parsed, problems } = parseDocumentFile(text, "content/x/en.md");
        const lines = text.split("\n").length;
        expect(parsed !== undefined || problems.some((p) => p.severity === "error")).toBe(true);
        for (const p of problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("survives arbitrary text, including broken delimiters and YAML", () => {
    const noise = fc.array(fc.oneof(fc.constantFrom("---\n", "---", ":", "- ", "  ", "\t", "[", "{", "\"", "'", "&a", "*a", "!!binary", "? ", "|\n", ">\n", "%YAML 1.2\n", "\r\n"), fc.string({ maxLength: 8 })), { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(noise, (text) => {
        const { parsed, problems } = parseDocumentFile(text, "content/x/en.md");
        expect(parsed !== undefined || problems.length > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("property: site.yaml", () => {
  it("accepts valid settings or reports problems, never throws", () => {
    const text = fc.oneof(
      fc.string(),
      fc.dictionary(fc.constantFrom("name", "url", "pathPrefix", "defaultLocale", "locales", "x"), fc.jsonValue(), { maxKeys: 6 }).map((d) => stringify(d)),
    );
    fc.assert(
      fc.property(text, (yamlText) => {
        const { settings, problems } = parseSiteSettings(readYaml(yamlText, "content/site.yaml"), "content/site.yaml");
        expect(settings !== undefined || problems.some((p) => p.severity === "error")).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("property: whole sites", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeDir));

  it("loads random little sites into a model or a list of problems", async () => {
    const file = fc.record({
      slug: fc.constantFrom("privacy", "terms", "Bad Slug"),
      locale: fc.constantFrom("en", "de", "fr"),
      folder: fc.option(fc.constantFrom("2024-01-01", "2025-01-01", "2024-13-01"), { nil: undefined }),
      version: fc.constantFrom("1", "2", "1.10", "x"),
      updated: fc.constantFrom("2024-01-01", "2025-01-01", "2024-02-30"),
      body: markdown,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 6 }), async (files) => {
        const root = mkdtempSync(path.join(tmpdir(), "codicil-prop-"));
        roots.push(root);
        mkdirSync(path.join(root, "content"));
        writeFileSync(path.join(root, "content/site.yaml"), "name: P\nurl: https://p.example\ndefaultLocale: en\nlocales:\n  - { code: en, name: English }\n  - { code: de, name: Deutsch }\n");
        for (const f of files) {
          const dir = path.join(root, "content", f.slug, ...(f.folder ? ["versions", f.folder] : []));
          mkdirSync(dir, { recursive: true });
          writeFileSync(path.join(dir, `${f.locale}.md`), `---\ntitle: T\nversion: "${f.version}"\nupdated: ${f.updated}\n---\n\n${f.body}`);
        }
        const { loaded, problems } = await loadSite({ root, buildDate: "2025-06-01" });
        expect(loaded !== undefined || problems.some((p) => p.severity === "error")).toBe(true);
        for (const p of problems) expect(p.file).not.toBe("");
      }),
      { numRuns: 60 },
    );
  });
});
