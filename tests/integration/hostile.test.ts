import { readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, readPage, removeDir, snapshotDir } from "../support/sites.ts";
import { outsideAllowlist, readAsBrowser, readTwice } from "../support/html-tree.ts";

/**
 * tests/fixtures/hostile puts `<`, `"`, `&`, `{{` and `{%` (and script and handler markup) into
 * site.yaml, front matter and the cookie registry. Every one must come out escaped and literal.
 */
const TITLE = 'Privacy <img src=x onerror=alert(1)> "Policy" & {{ title }} {% if x %}';
const SITE_NAME = "Evil <script>alert('name')</script> & Co. {{ site }}";
let root: string;
let out: string;

beforeAll(async () => {
  ({ root, out } = await buildFixture("hostile", "2025-06-01"));
});
afterAll(() => removeDir(root));

describe("hostile values from content", () => {
  it("inject no element and no attribute into any page", () => {
    const pages = Object.entries(snapshotDir(out)).filter(([file]) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    for (const [file, html] of pages) {
      const injected: string[] = [];
      const parser = new Parser({
        onopentag(name, attributes) {
          if (["script", "img", "iframe", "b"].includes(name)) injected.push(`<${name}>`);
          for (const attribute of Object.keys(attributes)) if (attribute.startsWith("on")) injected.push(attribute);
        },
      });
      parser.write(html);
      parser.end();
      expect(injected, file).toEqual([]);
    }
  });

  it("appear as the literal text the editor wrote", () => {
    const $ = readPage(out, "en/privacy/");
    expect($("h1").text()).toBe(TITLE);
    expect($("title").text()).toBe(`${TITLE} – ${SITE_NAME}`);
    expect($('meta[name="description"]').attr("content")).toBe('Desc "><script>alert(3)</script> {% d %}');
    expect($(".document-summary").text()).toContain("Summary </title><script>alert(2)</script> & {{ summary }}");
    expect($(".site-name").text()).toBe(SITE_NAME);
    expect($(".language-switcher a").first().text()).toBe("English <b>bold</b>");
    expect($(".document-body").text()).toContain("Text with a literal {{ body }} and {% raw %}.");
  });

  it("publish raw HTML as the tree that was checked, with rel added to a new window's link to another origin", () => {
    const body = readPage(out, "en/privacy/")(".document-body").html() ?? "";
    const tree = readAsBrowser(body);
    expect(outsideAllowlist(tree)).toEqual([]);
    expect(readTwice(body)).toEqual(tree);
    // The page's own bytes, not cheerio's serialisation of them.
    expect(readFileSync(path.join(out, "en/privacy/index.html"), "utf8")).toContain(
      'Raw HTML: the <abbr title="General Data Protection Regulation">GDPR</abbr>,<br>the\n<a href="https://authority.example/" target="_blank" rel="noopener noreferrer">authority</a><!--[CDATA[ an editor\'s note ]]-->.',
    );
  });

  it("stay literal in the cookie table", () => {
    const table = readPage(out, "en/privacy/")(".document-body table");
    expect(table.text()).toContain("Tracker <img src=x onerror=alert('service')> & {{ svc }}");
    expect(table.text()).toContain("<script>name</script>");
    expect(table.text()).toContain('Counts <iframe src=//evil></iframe> visits & {% raw %} "quotes"');
    expect(table.find('a[href^="https://policy.example/"]').attr("href")).toBe('https://policy.example/?a=1&b="><script>alert(1)</script>');
  });

  it("stay literal in the history page, the feed and the JSON files", () => {
    expect(readPage(out, "en/privacy/history/")(".history-entry").last().text()).toContain("Old <b>summary</b>");
    const feedText = readFileSync(path.join(out, "en/privacy/feed.xml"), "utf8");
    expect(XMLValidator.validate(feedText)).toBe(true);
    const feed = new XMLParser({ processEntities: true, htmlEntities: true }).parse(feedText).feed;
    expect(feed.author.name).toBe(SITE_NAME);
    expect(feed.entry[0].title).toBe(`${TITLE}, version 2`);
    const index = JSON.parse(readFileSync(path.join(out, "privacy/versions.json"), "utf8"));
    expect(index.versions[0].locales.en.title).toBe(TITLE);
    const cookies = JSON.parse(readFileSync(path.join(out, "cookies.json"), "utf8"));
    expect(cookies.cookies[0].names).toEqual(["<script>name</script>", 'a"b']);
  });
});
