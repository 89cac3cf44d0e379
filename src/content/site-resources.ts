import { existsSync } from "node:fs";
import path from "node:path";
import { CODICIL_DIR } from "../core/installation.ts";
import { error, type Problem } from "../core/problems.ts";
import { readContentText } from "../core/text.ts";
import { loadTranslations, type Translator } from "../i18n/translations.ts";
import type { CookieTableHook } from "../markdown/cookie-table.ts";
import type { SiteSettings } from "../model/settings.ts";
import { buildDate as defaultBuildDate, type IsoDate } from "../rules/dates.ts";
import { loadSiteCookies, type SiteCookies } from "./cookies/load.ts";
import { parseSiteSettings } from "./site-config.ts";
import { readYaml } from "./yaml.ts";
import { pushAll } from "../core/arrays.ts";
import { logoProblems } from "./brand-logo.ts";

export interface LoadOptions {
  /** The site repository (holds content/, and optionally its own locales/ and templates/). */
  readonly root: string;
  /** Defaults to SOURCE_DATE_EPOCH or today. */
  readonly buildDate?: IsoDate;
  /** Report translation parity problems (missing sections or links) as errors, not warnings. */
  readonly strictParity?: boolean;
  /** How the published texts are held against `published.lock.json` (`checkLock`). */
  readonly lock?: LockChecking;
  /**
   * Given by a build that records the lock: the sources (SHA-256 of their bytes) whose line
   * fingerprints it already holds. Any other source's lines are taken while it is read, so the
   * lock is not made by reading every new source again at the end of the build, in one thread.
   */
  readonly linesRecorded?: ReadonlySet<string>;
}

export interface LockChecking {
  /** `--accept-rendering`: a published text that only Codicil's rendering changed is accepted, not an error. */
  readonly acceptRendering?: boolean;
  /** `--ci` or CI=true: a lock that lacks an address or holds an outdated fingerprint is an error. */
  readonly requireCurrent?: boolean;
}

/** Directories to look for templates or locales in: the site's own first, then Codicil's. */
export function overridableDirs(root: string, name: "templates" | "locales"): string[] {
  return [...new Set([path.join(root, name), path.join(CODICIL_DIR, name)])].filter((dir) => existsSync(dir));
}

/**
 * What every document of a site is rendered with: its settings, UI strings, cookie tables and
 * templates. Cheap to load, so each worker thread of a parallel build loads its own.
 */
export interface SiteResources {
  readonly root: string;
  readonly settings: SiteSettings;
  readonly buildDate: IsoDate;
  readonly localeCodes: readonly string[];
  /** The line of each language's entry in content/site.yaml, where problems with it are reported. */
  readonly localeLines: ReadonlyMap<string, number>;
  /** Undefined when the UI strings could not be loaded; documents are still checked. */
  readonly translator: Translator | undefined;
  readonly templateDirs: readonly string[];
  readonly cookies: SiteCookies;
  readonly strictParity: boolean;
  readonly lock: LockChecking;
  /** `LoadOptions.linesRecorded`. */
  readonly linesRecorded?: ReadonlySet<string>;
}

/**
 * Reads `content/site.yaml`, the UI strings and the cookie registry. Without valid site settings
 * nothing else can be checked, so there are no resources then.
 */
export async function loadSiteResources(options: LoadOptions): Promise<{ resources?: SiteResources; problems: Problem[] }> {
  const root = path.resolve(options.root);
  const siteFile = "content/site.yaml";
  const siteText = await readContentText(path.join(root, siteFile), siteFile);
  if (siteText === undefined) {
    return { problems: [error(siteFile, 1, "is missing: create it with name, url, defaultLocale and locales (see docs/content.md).")] };
  }
  if (siteText.text === undefined) return { problems: siteText.problems };
  const siteYaml = readYaml(siteText.text, siteFile);
  const parsed = parseSiteSettings(siteYaml, siteFile);
  const { settings } = parsed;
  const problems = pushAll([...siteText.problems], parsed.problems);
  if (!settings) return { problems };
  const logo = settings.brand?.logo;
  if (logo) pushAll(problems, await logoProblems(root, logo, siteFile, siteYaml.lineOf(["logo", "file"])));

  const localeCodes = settings.locales.map((l) => l.code);
  const templateDirs = overridableDirs(root, "templates");
  const translations = await loadTranslations({
    localeDirs: [...overridableDirs(root, "locales")].reverse(),
    // A site kept in Codicil's own folder (the example site) has Codicil's locales/, for every shipped language.
    siteLocalesDir: path.resolve(root) === path.resolve(CODICIL_DIR) ? undefined : path.join(root, "locales"),
    root,
    localeCodes,
    defaultLocale: settings.defaultLocale,
    defaultLocaleLine: siteYaml.lineOf(["defaultLocale"]),
  });
  pushAll(problems, translations.problems);
  const translator = translations.translator;
  const cookies = await loadSiteCookies({ root, settings, translator, templateDirs });
  pushAll(problems, cookies.problems);
  return {
    problems,
    resources: {
      root,
      settings,
      buildDate: options.buildDate ?? defaultBuildDate(),
      localeCodes,
      localeLines: new Map(localeCodes.map((code, i) => [code, siteYaml.lineOf(["locales", i])])),
      translator,
      templateDirs,
      cookies: memoizedCookieTables(cookies),
      strictParity: options.strictParity === true,
      lock: options.lock ?? {},
      ...(options.linesRecorded && { linesRecorded: options.linesRecorded }),
    },
  };
}

/**
 * A cookie table depends only on its language, date, category and ordinal, not on the document:
 * each is rendered once and reused, as most versions of a language repeat the same tables. The
 * date is the version's effective date, as versions of one language show different registries.
 */
function memoizedCookieTables(cookies: SiteCookies): SiteCookies {
  const byVersion = new Map<string, CookieTableHook | undefined>();
  return {
    ...cookies,
    tableHook(locale, date) {
      const versionKey = `${locale} ${date}`;
      if (byVersion.has(versionKey)) return byVersion.get(versionKey);
      const hook = cookies.tableHook(locale, date);
      const rendered = new Map<string, string>();
      const memo: CookieTableHook | undefined =
        hook &&
        ((category, ordinal) => {
          const key = `${category ?? ""} ${ordinal}`;
          const html = rendered.get(key) ?? hook(category, ordinal);
          rendered.set(key, html);
          return html;
        });
      byVersion.set(versionKey, memo);
      return memo;
    },
  };
}
