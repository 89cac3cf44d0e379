import { readdirSync } from "node:fs";
import path from "node:path";
import { loadTranslations, type Translator } from "../../../../src/i18n/translations.ts";
import type { LocaleSettings } from "../../../../src/model/settings.ts";
import { REPO } from "../../../support/sites.ts";

/** Every language Codicil ships UI strings for: one file each in its locales/ folder. */
export const SHIPPED_LOCALE_CODES: readonly string[] = readdirSync(path.join(REPO, "locales"))
  .filter((name) => name.endsWith(".json"))
  .map((name) => name.slice(0, -".json".length));

/** Four of them, one of each kind (the default, another Latin, a regional code, right to left), as a site would list them. */
export const SHIPPED_LOCALES: readonly LocaleSettings[] = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "de", name: "Deutsch", dir: "ltr" },
  { code: "pt-BR", name: "Português (Brasil)", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
];

/** The real UI strings from Codicil's locales/, as a build loads them. */
export async function shippedTranslator(): Promise<Translator> {
  const { translator, problems } = await loadTranslations({
    localeDirs: [path.join(REPO, "locales")],
    siteLocalesDir: path.join(REPO, "no-site-locales"),
    root: REPO,
    localeCodes: SHIPPED_LOCALE_CODES,
    defaultLocale: "en",
  });
  if (!translator || problems.length > 0) throw new Error(`Codicil's own UI strings do not load: ${JSON.stringify(problems)}`);
  return translator;
}
