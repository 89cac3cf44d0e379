import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { formatProblem } from "../../src/core/problems.ts";
import { copyFixture, readPage, removeDir, snapshotDir } from "../support/sites.ts";

/**
 * tests/fixtures/multilingual (pathPrefix /legal/; en, de, ar, pt-BR) with the brand settings of
 * docs/content.md, built with real Eleventy. Its logo holds a script, which must never reach a page.
 */
const BUILD_DATE = "2025-07-01";
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><script>alert("logo")</script><circle cx="20" cy="20" r="18" fill="#0a5e73"/></svg>\n`;
const BRAND = `
logo:
  file: logo.svg
  alt: { en: Fixture logo, de: Fixture-Logo }
accent: "#0a5e73"
accentDark: "#7fc8d8"
headerLinks:
  - label: { en: Back to fixture.example, de: Zurück zu fixture.example }
    url: https://fixture.example/
footerLinks:
  - label: { en: Imprint, de: Impressum }
    url: { en: https://fixture.example/imprint, de: https://fixture.example/de/impressum }
  - label: { en: Contact }
    url: mailto:legal@fixture.example
`;

let root: string;
let out: string;

beforeAll(async () => {
  root = copyFixture("multilingual");
  appendFileSync(path.join(root, "content/site.yaml"), BRAND);
  writeFileSync(path.join(root, "content/logo.svg"), LOGO);
  const result = await buildSite({ root, buildDate: BUILD_DATE });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (!result.built || errors.length > 0) throw new Error(errors.map(formatProblem).join("\n"));
  out = path.join(root, "_site");
});
afterAll(() => removeDir(root));

describe("brand from site.yaml", () => {
  it("copies the logo byte for byte and shows it as an image, never inlined", () => {
    expect(readFileSync(path.join(out, "brand/logo.svg"), "utf8")).toBe(LOGO);
    for (const [file, html] of Object.entries(snapshotDir(out))) {
      if (!file.endsWith(".html")) continue;
      expect(html, file).not.toContain("<svg");
      expect(html, file).not.toContain('alert("logo")');
      expect(html, file).toContain('<img class="site-logo" src="/legal/brand/logo.svg"');
    }
  });

  it("gives the logo its alt text per language, the default language's (marked) where one is missing", () => {
    expect(readPage(out, "de/privacy/")("img.site-logo").attr("alt")).toBe("Fixture-Logo");
    const ar = readPage(out, "ar/privacy/")("img.site-logo");
    expect(ar.attr("alt")).toBe("Fixture logo");
    expect(ar.attr("lang")).toBe("en");
  });

  it("links back to the main site in the header and lists the footer links per language", () => {
    const de = readPage(out, "de/privacy/");
    expect(de("header .brand-links a").map((_, a) => [[de(a).attr("href"), de(a).text()]]).get()).toEqual([["https://fixture.example/", "Zurück zu fixture.example"]]);
    expect(de("footer .brand-links a").map((_, a) => [[de(a).attr("href"), de(a).text(), de(a).attr("lang") ?? ""]]).get()).toEqual([
      ["https://fixture.example/de/impressum", "Impressum", ""],
      ["mailto:legal@fixture.example", "Contact", "en"],
    ]);
    const en = readPage(out, "en/");
    expect(en("footer .brand-links a").first().attr("href")).toBe("https://fixture.example/imprint");
    expect(en("header nav.brand-links").attr("aria-label")).toBe("Main website");
  });

  it("writes the accent colours as custom properties, light and dark, linked after Codicil's stylesheet", () => {
    const css = readFileSync(path.join(out, "brand/accent.css"), "utf8");
    expect(css).toContain(":root { --accent: #0a5e73; }");
    expect(css).toContain("@media (prefers-color-scheme: dark) { :root { --accent: #7fc8d8; } }");
    const $ = readPage(out, "en/privacy/history/");
    expect($('link[rel="stylesheet"]').map((_, l) => $(l).attr("href")).get()).toEqual(["/legal/assets/codicil.css", "/legal/assets/site.css", "/legal/brand/accent.css"]);
  });
});

describe("/404.html", () => {
  it("is in the default language, kept out of search engines, and links to every language's index from the site's root", () => {
    const $ = readPage(out, "404.html");
    expect($("html").attr("lang")).toBe("en");
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
    expect($('link[rel="canonical"], link[rel="alternate"]')).toHaveLength(0);
    expect($("h1").text()).toBe("Page not found");
    expect($("main ul a").map((_, a) => [[$(a).attr("href"), $(a).attr("lang"), $(a).text()]]).get()).toEqual([
      ["/legal/en/", "en", "English"],
      ["/legal/de/", "de", "Deutsch"],
      ["/legal/ar/", "ar", "العربية"],
      ["/legal/pt-BR/", "pt-BR", "Português (Brasil)"],
    ]);
    // Served at any depth, so no link or stylesheet may be relative.
    for (const attribute of ["href", "src"]) {
      for (const element of $(`[${attribute}]`).toArray()) expect($(element).attr(attribute), attribute).toMatch(/^(\/legal\/|https:|mailto:|#)/);
    }
  });

  it("is not in the sitemap", () => {
    const sitemap = readFileSync(path.join(out, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("/legal/en/");
    expect(sitemap).not.toContain("404");
  });
});

describe("a brand site.yaml refuses", () => {
  it.each([
    ["an accent below WCAG AA, leaving the previous output as it was", 'accent: "#7fb2ff"', "content/site.yaml:11: accent colour #7fb2ff has a contrast of 2.1:1 on the light background (#ffffff)"],
    ["a logo that is not there", "logo: { file: missing.png, alt: { en: Logo } }", 'content/site.yaml:11: logo.file "missing.png" does not exist'],
  ])("%s", async (_name, brand, message) => {
    const site = copyFixture("multilingual");
    try {
      const previous = path.join(site, "_site");
      await buildSite({ root: site, buildDate: BUILD_DATE });
      const before = snapshotDir(previous);
      appendFileSync(path.join(site, "content/site.yaml"), `\n${brand}\n`);
      const result = await buildSite({ root: site, buildDate: BUILD_DATE });
      expect(result.built).toBe(false);
      expect(result.problems.map(formatProblem).some((p) => p.startsWith(message)), result.problems.map(formatProblem).join("\n")).toBe(true);
      expect(snapshotDir(previous)).toEqual(before);
      expect(existsSync(path.join(previous, "brand"))).toBe(false);
    } finally {
      removeDir(site);
    }
  });
});
