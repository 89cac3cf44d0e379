import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, copyFixture, readPage, REPO, removeDir, runCli, snapshotDir } from "../support/sites.ts";

/**
 * A real Eleventy build of tests/fixtures/multilingual on 2025-07-01: privacy has versions 1, 2,
 * 10 (current) and 10.1 (upcoming, effective 2026-01-01); de has all, ar only 10, pt-BR only 1
 * and 2 (stale); terms exists in English only and uses the fixture's own layout.
 */
const BUILD_DATE = "2025-07-01";
const ORIGIN = "https://legal.fixture.example/legal";
let root: string;
let out: string;

beforeAll(async () => {
  ({ root, out } = await buildFixture("multilingual", BUILD_DATE));
});
afterAll(() => removeDir(root));

describe("pages and URLs", () => {
  it("writes home, locale indexes, current pages and a dated page for every version", () => {
    const files = Object.keys(snapshotDir(out)).filter((f) => f.endsWith(".html")).sort();
    expect(files).toEqual(
      [
        "index.html",
        "404.html",
        ...["en", "de", "ar", "pt-BR"].map((l) => `${l}/index.html`),
        ...["2023-01-01", "2024-01-01", "2025-01-01", "2025-06-01"].flatMap((d) => [`en/privacy/${d}/index.html`, `de/privacy/${d}/index.html`]),
        "en/privacy/index.html",
        "de/privacy/index.html",
        "ar/privacy/index.html",
        "ar/privacy/2025-01-01/index.html",
        "pt-BR/privacy/index.html",
        "pt-BR/privacy/2023-01-01/index.html",
        "pt-BR/privacy/2024-01-01/index.html",
        "en/terms/index.html",
        "en/terms/2024-06-01/index.html",
        ...["en", "de", "ar", "pt-BR"].map((l) => `${l}/privacy/history/index.html`),
        "en/terms/history/index.html",
        ...["2024-01-01", "2025-01-01", "2025-06-01"].flatMap((d) => [`en/privacy/${d}/changes/index.html`, `de/privacy/${d}/changes/index.html`]),
        "pt-BR/privacy/2024-01-01/changes/index.html",
        ...["2023-01-01", "2024-01-01"].flatMap((d) => [`en/privacy/${d}/compare/index.html`, `de/privacy/${d}/compare/index.html`]),
        "pt-BR/privacy/2023-01-01/compare/index.html",
      ].sort(),
    );
  });

  it("shows the current version (not the upcoming one) at /<locale>/<doc>/", () => {
    const $ = readPage(out, "en/privacy/");
    expect($("h1").text()).toBe("Privacy Policy");
    expect($(".document-meta dd").first().text()).toBe("10");
    expect($(".document-body").text()).toContain("Version 10 text in en");
  });

  it("sets lang and dir from the locale, rtl for Arabic and the regional code as written", () => {
    expect(readPage(out, "ar/privacy/")("html").attr("dir")).toBe("rtl");
    expect(readPage(out, "ar/privacy/")("html").attr("lang")).toBe("ar");
    expect(readPage(out, "pt-BR/privacy/")("html").attr("lang")).toBe("pt-BR");
    expect(readPage(out, "de/")("html").attr("dir")).toBe("ltr");
  });

  it("links canonical to the page itself, the current version's dated page included", () => {
    expect(readPage(out, "en/privacy/")('link[rel="canonical"]').attr("href")).toBe(`${ORIGIN}/en/privacy/`);
    expect(readPage(out, "en/privacy/2025-01-01/")('link[rel="canonical"]').attr("href")).toBe(`${ORIGIN}/en/privacy/2025-01-01/`);
  });

  it("lists hreflang alternates only for languages the page exists in, with x-default", () => {
    const alternates = (urlPath: string) =>
      readPage(out, urlPath)('link[rel="alternate"][hreflang]')
        .toArray()
        .map((el) => `${el.attribs.hreflang} ${el.attribs.href}`);
    expect(alternates("de/privacy/2024-01-01/")).toEqual([
      `en ${ORIGIN}/en/privacy/2024-01-01/`,
      `de ${ORIGIN}/de/privacy/2024-01-01/`,
      `pt-BR ${ORIGIN}/pt-BR/privacy/2024-01-01/`,
      `x-default ${ORIGIN}/en/privacy/2024-01-01/`,
    ]);
    expect(alternates("ar/privacy/")).toEqual([
      `en ${ORIGIN}/en/privacy/`,
      `de ${ORIGIN}/de/privacy/`,
      `ar ${ORIGIN}/ar/privacy/`,
      `pt-BR ${ORIGIN}/pt-BR/privacy/`,
      `x-default ${ORIGIN}/en/privacy/`,
    ]);
    expect(alternates("en/terms/")).toEqual([`en ${ORIGIN}/en/terms/`, `x-default ${ORIGIN}/en/terms/`]);
  });

  it("the language switcher links the same page in each language it exists in", () => {
    const $ = readPage(out, "en/privacy/2025-01-01/");
    const links = $(".language-switcher a")
      .toArray()
      .map((a) => [a.attribs.href, a.attribs.lang, a.attribs["aria-current"]]);
    expect(links).toEqual([
      ["/legal/en/privacy/2025-01-01/", "en", "page"],
      ["/legal/de/privacy/2025-01-01/", "de", undefined],
      ["/legal/ar/privacy/2025-01-01/", "ar", undefined],
    ]);
    // A page in one language only has nothing to switch to.
    expect(readPage(out, "en/terms/")(".language-switcher").length).toBe(0);
  });

  it("writes every link under the pathPrefix", () => {
    const $ = readPage(out, "en/privacy/");
    expect($('link[rel="stylesheet"]').attr("href")).toBe("/legal/assets/codicil.css");
    expect($('.document-body a[href$="/terms/"]').attr("href")).toBe("/legal/en/terms/");
    expect(readFileSync(path.join(out, "assets/codicil.css"), "utf8")).toContain("prefers-color-scheme: dark");
  });

  it("writes /assets/site.css: the address printed before a site path, and each language's cookie column names", () => {
    const $ = readPage(out, "de/privacy/");
    expect($('link[rel="stylesheet"]').toArray().map((l) => l.attribs.href)).toEqual(["/legal/assets/codicil.css", "/legal/assets/site.css"]);
    const css = readFileSync(path.join(out, "assets/site.css"), "utf8");
    // A link's href already holds the pathPrefix: the address before it is site.yaml's url alone.
    expect(css).toContain(':root { --site-url: "https://legal.fixture.example"; }');
    expect(css).toContain('html[lang="de"] {\n  --cookie-column-names: "Cookie-Namen";');
    expect(css).toContain('html[lang="pt-BR"] {\n  --cookie-column-names: "Nomes dos cookies";');
    expect(css.match(/html\[lang="[^"]+"\]/g)).toEqual(["en", "de", "ar", "pt-BR"].map((l) => `html[lang="${l}"]`));
  });
});

describe("notices", () => {
  const notices = (urlPath: string) =>
    readPage(out, urlPath)(".notice")
      .toArray()
      .map((el) => el.attribs.class?.replace("notice notice-", ""));

  it("an older version says so and links to the latest in its language", () => {
    const $ = readPage(out, "de/privacy/2023-01-01/");
    expect(notices("de/privacy/2023-01-01/")).toEqual(["older"]);
    expect($(".notice-older a").attr("href")).toBe("/legal/de/privacy/");
    expect($(".notice-older").text()).toContain("Dies ist eine frühere Version.");
  });

  it("an upcoming version gives its effective date in the page's language and links the version in force", () => {
    const $ = readPage(out, "de/privacy/2025-06-01/");
    expect(notices("de/privacy/2025-06-01/")).toEqual(["upcoming"]);
    expect($(".notice-upcoming").text()).toContain("1. Januar 2026");
    expect($(".notice-upcoming a").attr("href")).toBe("/legal/de/privacy/");
  });

  it("the page in force announces the upcoming version, in English where the language lacks it", () => {
    expect(readPage(out, "en/privacy/")(".notice-announce a").attr("href")).toBe("/legal/en/privacy/2025-06-01/");
    const ar = readPage(out, "ar/privacy/");
    expect(ar(".notice-announce a").attr("href")).toBe("/legal/en/privacy/2025-06-01/");
    expect(ar(".notice-announce a").attr("hreflang")).toBe("en");
  });

  it("a stale translation says the default language prevails and links to it", () => {
    const $ = readPage(out, "pt-BR/privacy/");
    expect(notices("pt-BR/privacy/")).toEqual(["stale", "announce"]);
    expect($(".notice-stale").text()).toContain("prevalece a versão em inglês");
    expect($(".notice-stale").text()).toContain("versão 10");
    expect($(".notice-stale a").attr("href")).toBe("/legal/en/privacy/");
    // Its older version is just older; the dated page of its newest says both.
    expect(notices("pt-BR/privacy/2023-01-01/")).toEqual(["older"]);
    expect(notices("pt-BR/privacy/2024-01-01/")).toEqual(["older", "stale"]);
    expect(readPage(out, "pt-BR/privacy/2024-01-01/")(".notice-older a").attr("href")).toBe("/legal/en/privacy/");
  });

  it("a current page in the default language has no warning", () => {
    expect(notices("en/privacy/2025-01-01/")).toEqual(["announce"]);
    expect(notices("en/terms/")).toEqual([]);
  });
});

describe("documents", () => {
  it("renders tables, heading anchors and a table of contents", () => {
    const $ = readPage(out, "en/privacy/");
    expect($(".document-body table th").first().text()).toBe("Data");
    expect($(".document-body h2#scope").length).toBe(1);
    expect($(".toc details > ol > li > a").toArray().map((a) => a.attribs.href)).toEqual(["#scope", "#data-we-keep"]);
    expect($(".toc ol ol a").attr("href")).toBe("#contact");
    // One list for both layouts: a closed disclosure on narrow screens, shown as a sidebar by CSS on wide ones.
    expect($(".toc details").attr("open")).toBeUndefined();
    expect($(".toc details > summary").text()).toBe("Contents");
    expect($(`#${$(".toc").attr("aria-labelledby")}`).text()).toBe("Contents");
    // The facts read as one block under the title, before the contents and the text.
    expect($("article.document > *").toArray().map((e) => $(e).attr("class"))).toEqual(["document-header", "toc", "document-body"]);
    expect($(".document-header > .document-facts > .document-meta").length).toBe(1);
    expect($('a.heading-permalink[href="#scope"]').text()).toContain("Link to the section “Scope”");
  });

  it("keeps template syntax in legal text literal", () => {
    expect(readPage(out, "en/privacy/")(".document-body").text()).toContain("A literal {{ not_a_variable }} and {% raw %} stay as written.");
  });

  it("escapes values from site.yaml and front matter", () => {
    const html = readFileSync(path.join(out, "en/index.html"), "utf8");
    expect(html).toContain("Fixture &amp; Co. &lt;Legal&gt;");
    expect(html).not.toContain("<Legal>");
  });

  it("uses the layout a document chooses in front matter", () => {
    expect(readPage(out, "en/terms/")("article.plain-layout h1").text()).toBe("Terms of Service");
  });

  it("formats dates for the page's language, in UTC", () => {
    expect(readPage(out, "en/privacy/")(".document-meta time").first().attr("datetime")).toBe("2025-01-01");
    expect(readPage(out, "en/privacy/")(".document-meta time").first().text()).toBe("January 1, 2025");
    expect(readPage(out, "de/privacy/")(".document-meta time").first().text()).toBe("1. Januar 2025");
  });

  it("locale indexes list that language's documents and point to the rest in the default language", () => {
    const $ = readPage(out, "de/");
    expect($("h1").text()).toBe("Rechtliche Dokumente");
    const links = $("a[href]").toArray().map((a) => a.attribs.href);
    expect(links).toContain("/legal/de/privacy/");
    const terms = $('a[href="/legal/en/terms/"]');
    expect(terms.attr("lang")).toBe("en");
  });
});

describe("the build command", () => {
  it("is byte-identical for the same input and SOURCE_DATE_EPOCH", () => {
    const again = copyFixture("multilingual");
    try {
      const epoch = String(Date.parse(`${BUILD_DATE}T00:00:00Z`) / 1000);
      const result = runCli(["build", "--root", again], { SOURCE_DATE_EPOCH: epoch });
      expect(result.status, result.stderr).toBe(0);
      expect(snapshotDir(path.join(again, "_site"))).toEqual(snapshotDir(out));
    } finally {
      removeDir(again);
    }
  });

  it("prints no Eleventy benchmark warnings, however long the UI string filter takes", () => {
    const site = copyFixture("multilingual");
    try {
      // The home page asks for a UI string a million times: Eleventy would warn that the filter took
      // more than 8 % of the run.
      mkdirSync(path.join(site, "templates/layouts"), { recursive: true });
      const slowHome = readFileSync(path.join(REPO, "templates/layouts/home.njk"), "utf8").replace(
        "{% block main %}",
        '{% block main %}{% for i in range(0, 1000000) %}{% set label = "index.title" | t(view.locale) %}{% endfor %}',
      );
      writeFileSync(path.join(site, "templates/layouts/home.njk"), slowHome);
      const result = runCli(["build", "--root", site]);
      expect(result.status, result.stderr).toBe(0);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/Benchmark/);
      expect(result.stderr).toMatch(/Built .*: [\d,]+ files\./);
    } finally {
      removeDir(site);
    }
  });
});
