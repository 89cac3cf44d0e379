import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTranslations, type Translator } from "../../../src/i18n/translations.ts";
import { createTemplateEnvironment } from "../../../src/templating/environment.ts";
import { uiStringFilters } from "../../../src/templating/ui-strings.ts";
import { REPO } from "../../support/sites.ts";

/**
 * The `t` filter marks a UI string shown in another language than the page with its own lang and
 * dir, through Codicil's own partial, and escapes it as autoescape does every other value.
 */
let root: string;
let translator: Translator;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "codicil-ui-strings-"));
  mkdirSync(path.join(root, "locales"));
  writeFileSync(path.join(root, "locales/en.json"), JSON.stringify({ label: "Version <{{label}}> & more", plain: "Languages" }));
  writeFileSync(path.join(root, "locales/ar.json"), JSON.stringify({ plain: "اللغات" }));
  writeFileSync(path.join(root, "locales/pt.json"), JSON.stringify({ label: "Versão <{{label}}>", plain: "Idiomas" }));
  const loaded = await loadTranslations({ localeDirs: [path.join(root, "locales")], siteLocalesDir: path.join(root, "locales"), root, localeCodes: ["en", "ar", "pt-PT", "th"], defaultLocale: "en" });
  if (!loaded.translator) throw new Error("no translator");
  translator = loaded.translator;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the t and tText filters", () => {
  const render = (template: string, locale: string) => {
    const environment = createTemplateEnvironment([path.join(REPO, "templates")]);
    const filters = uiStringFilters(environment, () => translator);
    environment.addFilter("t", filters.t);
    environment.addFilter("tText", filters.tText);
    return environment.renderString(template, { locale });
  };

  it.each([
    ["a string in the page's language", "ar", "plain", "<p>اللغات</p>"],
    ["a fallback on a right-to-left page", "ar", "label", '<p><span lang="en" dir="ltr">Version &lt;3&gt; &amp; more</span></p>'],
    ["a fallback on a Thai page", "th", "plain", '<p><span lang="en" dir="ltr">Languages</span></p>'],
    // pt serves pt-PT: the same language, no mark.
    ["a string from the same language's parent", "pt-PT", "label", "<p>Versão &lt;3&gt;</p>"],
  ])("%s", (_, locale, key, html) => {
    expect(render(`<p>{{ "${key}" | t(locale, { label: "3" }) }}</p>`, locale)).toBe(html);
  });

  it("prints plain, escaped text in attributes through tText", () => {
    expect(render('<nav aria-label="{{ \'label\' | tText(locale, { label: 3 }) }}">', "ar")).toBe('<nav aria-label="Version &lt;3&gt; &amp; more">');
  });
});
