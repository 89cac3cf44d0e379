import path from "node:path";
import { loadTranslations, type Translator } from "../../../../src/i18n/translations.ts";
import type { LocaleSettings } from "../../../../src/model/settings.ts";
import { REPO } from "../../../support/sites.ts";

/** The languages Codicil ships UI strings for, as a site would list them. */
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
    localeCodes: SHIPPED_LOCALES.map((l) => l.code),
    defaultLocale: "en",
  });
  if (!translator || problems.length > 0) throw new Error(`Codicil's own UI strings do not load: ${JSON.stringify(problems)}`);
  return translator;
}
