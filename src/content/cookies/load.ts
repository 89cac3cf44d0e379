import { readContentText } from "../../core/text.ts";
import path from "node:path";
import type { SiteSettings } from "../../model/settings.ts";
import { readYaml } from "../yaml.ts";
import type { Translator } from "../../i18n/translations.ts";
import type { CookieTableHook } from "../../markdown/cookie-table.ts";
import type { Problem } from "../../core/problems.ts";
import type { IsoDate } from "../../rules/dates.ts";
import { parseCookieRegistry } from "./parse-registry.ts";
import { COOKIE_REGISTRY_FILE, type CookieRegistry } from "../../model/cookies.ts";
import { createCookieTables, type CookieRowFingerprint, type CookieTableUse } from "./table.ts";

/** The cookie registry of a site and what its documents need to render cookie tables. */
export interface SiteCookies {
  /** Undefined when content/cookies.yaml is missing or invalid. */
  readonly registry?: CookieRegistry;
  readonly problems: readonly Problem[];
  /**
   * For a version in `locale` effective on `date` (its tables show the registry as of that day);
   * undefined when the site has no registry file, so a tag is an error.
   */
  tableHook(locale: string, date: IsoDate): CookieTableHook | undefined;
  /** The purposes that fell back in the given tables (one document's), once each. */
  fallbackWarnings(tables: readonly CookieTableUse[]): Problem[];
  /** The rows the given tables (one file's) show, for the lock (`CookieTables.rowFingerprints`). */
  rowFingerprints(tables: readonly CookieTableUse[]): Record<string, CookieRowFingerprint>;
}

/**
 * Reads and validates `content/cookies.yaml`, which is optional. A missing file and an invalid one
 * differ: without a file a `{% cookieTable %}` is an error of its own; with an invalid file the
 * file's problems are reported and tables render as nothing, since the build stops anyway.
 */
export async function loadSiteCookies(options: {
  readonly root: string;
  readonly settings: SiteSettings;
  readonly translator: Translator | undefined;
  readonly templateDirs: readonly string[];
}): Promise<SiteCookies> {
  const source = await readContentText(path.join(options.root, COOKIE_REGISTRY_FILE), COOKIE_REGISTRY_FILE);
  if (source === undefined) return { problems: [], tableHook: () => undefined, fallbackWarnings: () => [], rowFingerprints: () => ({}) };
  if (source.text === undefined) return { problems: source.problems, tableHook: () => () => "", fallbackWarnings: () => [], rowFingerprints: () => ({}) };

  const parsed = parseCookieRegistry(readYaml(source.text, COOKIE_REGISTRY_FILE), COOKIE_REGISTRY_FILE, options.settings);
  const { registry } = parsed;
  const problems = [...source.problems, ...parsed.problems];
  if (!registry || !options.translator) return { problems, tableHook: () => () => "", fallbackWarnings: () => [], rowFingerprints: () => ({}) };
  const tables = createCookieTables({
    registry,
    translator: options.translator,
    locales: options.settings.locales,
    defaultLocale: options.settings.defaultLocale,
    templateDirs: options.templateDirs,
  });
  return { registry, problems, tableHook: (locale, date) => tables.forVersion(locale, date), fallbackWarnings: (used) => tables.fallbackWarnings(used), rowFingerprints: (used) => tables.rowFingerprints(used) };
}
