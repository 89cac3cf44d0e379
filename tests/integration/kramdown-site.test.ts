import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, FIXTURES, readPage, removeDir, runCliAsync } from "../support/sites.ts";

/**
 * tests/fixtures/kramdown-site, written the way kramdown / Jekyll legal repositories are (issue 23):
 * `# Title` first, kramdown attribute lists after paragraphs and headings, `{#id}` headings, bare
 * domain names in running text (also glued to Arabic), a byte-order mark (privacy/de.md), CRLF line
 * endings and no front matter title (terms/en.md), an earlier version, and links to the explicit
 * anchors across documents. Built with the real command line as of 2026-05-29.
 */
const SOURCE_DATE_EPOCH = "1780000000";
let root: string;
let out: string;
let build: { status: number; stderr: string };

beforeAll(async () => {
  root = copyFixture("kramdown-site");
  out = path.join(root, "_site");
  build = await runCliAsync(["build", "--root", root], { SOURCE_DATE_EPOCH });
}, 120_000);
afterAll(() => removeDir(root));

const body = (page: string) => readPage(out, page)(".document-body").html()?.trim() ?? "";
const permalink = (id: string, text: string, label = `Link to the section “${text}”`) =>
  `<a class="heading-permalink" href="#${id}"><span class="visually-hidden">${label}</span> <span aria-hidden="true">#</span></a></div>`;

describe("a site written for kramdown builds as it is", () => {
  it("is committed with its byte-order mark and CRLF line endings", () => {
    expect([...readFileSync(path.join(FIXTURES, "kramdown-site/content/privacy/de.md")).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(path.join(FIXTURES, "kramdown-site/content/terms/en.md"), "utf8")).toContain("\r\n## Liability {#liability}\r\n");
  });

  it("builds without a problem, warnings included", () => {
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).not.toMatch(/^\S+:\d+: /m);
  });

  it.each([
    ["en/privacy/", "<p>Lantern Quay Outfitters sells camping gear at LanternQuay.example and in two shops on the\nharbour front."],
    ["de/privacy/", "<p>Lantern Quay Outfitters verkauft Campingausrüstung über LanternQuay.example und in zwei Läden\nam Hafen."],
    ["ar/privacy/", "<p>تبيع Lantern Quay Outfitters معدات التخييم عبر LanternQuay.example وفي متجرين على الميناء."],
    ["en/terms/", "<p>These terms apply when you buy from Lantern Quay Outfitters, online or in our shops.</p>"],
  ])("%s shows the title once: the body's leading # Title is the page's <h1>", (page, start) => {
    expect(body(page).startsWith(start)).toBe(true);
    expect(readPage(out, page)("h1").length).toBe(1);
  });

  it("takes the title of a file without one from its leading # heading (CRLF file)", () => {
    const $ = readPage(out, "en/terms/");
    expect($("h1").text()).toBe("Terms of Use");
    expect($("title").text()).toBe("Terms of Use – Lantern Quay Outfitters");
  });

  it.each([
    ["kramdown {: #id } after a heading", "en/privacy/", `<div class="heading">\n<h2 id="data-tools" tabindex="-1">Data tools</h2>\n${permalink("data-tools", "Data tools")}`],
    ["{#id} on a heading", "en/privacy/", `<div class="heading">\n<h3 id="retention" tabindex="-1">How long we keep data</h3>\n${permalink("retention", "How long we keep data")}`],
    [
      "kramdown {: #id .class } after a paragraph",
      "en/privacy/",
      '<p id="contact-details" class="postal">Write to our privacy team at <a href="https://help.lanternquay.example/privacy">https://help.lanternquay.example/privacy</a> or by post.</p>',
    ],
    ["{#id} on a heading, in a file with CRLF line endings", "en/terms/", `<div class="heading">\n<h2 id="liability" tabindex="-1">Liability</h2>\n${permalink("liability", "Liability")}`],
    ["kramdown {: .class } after a paragraph, CRLF", "en/terms/", '<p class="statute">We are liable for damage we cause intentionally or by gross negligence.</p>'],
    ["the same ids in German, after a byte-order mark", "de/privacy/", `<div class="heading">\n<h2 id="data-tools" tabindex="-1">Datenwerkzeuge</h2>\n${permalink("data-tools", "Datenwerkzeuge", "Link zum Abschnitt „Datenwerkzeuge“")}`],
    [
      "bare domain names stay text",
      "en/privacy/",
      "<p>We use a small set of tools to run the shop. Payments go through Example.com Payments; questions\nabout an order are answered at support.lanternquay.example. Each tool is listed in our\n<a href=\"/en/terms/#liability\">Terms of Use</a> where it affects what we owe you.</p>",
    ],
    ["a domain glued to Arabic stays text", "ar/privacy/", "أسئلة الطلبات وsupport.lanternquay.example. كل أداة مذكورة في <a href=\"/en/terms/#liability\">شروط الاستخدام</a>"],
    [
      "an https:// address glued to Arabic links only the address",
      "ar/privacy/",
      '<p id="contact-details" class="postal">راسل فريق الخصوصية عبر و<a href="https://help.lanternquay.example/privacy">https://help.lanternquay.example/privacy</a> أو بالبريد.</p>',
    ],
    ["a link to an explicit anchor of another document", "de/terms/", '<a href="/de/privacy/#data-tools">Datenschutzhinweis</a>'],
  ])("%s", (_, page, html) => {
    expect(body(page)).toContain(html);
  });

  it("keeps the ids of the earlier version on its dated page", () => {
    const $ = readPage(out, "en/privacy/2025-03-01/");
    expect(["data-tools", "retention", "contact-details"].map((id) => $(`#${id}`).length)).toEqual([1, 1, 1]);
  });

  it("publishes no link the authors did not write", () => {
    for (const page of ["en/privacy/", "de/privacy/", "ar/privacy/", "en/terms/", "de/terms/"]) {
      const hrefs = readPage(out, page)(".document-body a:not(.heading-permalink)")
        .map((_, a) => a.attribs.href)
        .get();
      expect(hrefs.every((href) => href.startsWith("/") || href === "https://help.lanternquay.example/privacy"), `${page}: ${hrefs.join(" ")}`).toBe(true);
    }
  });
});
