import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseCookieRegistry } from "../content/cookies/parse-registry.ts";
import { parseSiteSettings } from "../content/site-config.ts";
import { readYaml } from "../content/yaml.ts";
import { pushAll } from "../core/arrays.ts";
import { error, hasErrors, type Problem } from "../core/problems.ts";
import { COOKIE_REGISTRY_FILE } from "../model/cookies.ts";
import type { IsoDate } from "../rules/dates.ts";
import { entriesInForce, type RegistryEntry } from "./compare.ts";

export interface ScanRegistry {
  /** The entries in force on `date`, each with its line. Empty when the site has no registry. */
  readonly entries: readonly RegistryEntry[];
  /** False when content/cookies.yaml does not exist: every cookie seen is then undeclared. */
  readonly exists: boolean;
  readonly date: IsoDate;
  readonly siteName: string;
  readonly defaultLocale: string;
}

/**
 * The site's registry as the build reads it (the same parser, the same problems), reduced to the
 * entries in force on `date`. A scan against an invalid registry would report nonsense, so its
 * problems stop the scan before the browser starts.
 */
export async function loadScanRegistry(root: string, date: IsoDate): Promise<{ registry?: ScanRegistry; problems: Problem[] }> {
  const siteFile = "content/site.yaml";
  const siteText = await readFile(path.join(root, siteFile), "utf8").catch(() => undefined);
  if (siteText === undefined) {
    return { problems: [error(siteFile, 1, `is missing: run the scan in the site's folder, or give it with --root (looked in ${root}).`)] };
  }
  const { settings, problems } = parseSiteSettings(readYaml(siteText, siteFile), siteFile);
  if (!settings) return { problems };
  const base = { date, siteName: settings.name, defaultLocale: settings.defaultLocale };
  const registryText = await readFile(path.join(root, COOKIE_REGISTRY_FILE), "utf8").catch(() => undefined);
  if (registryText === undefined) return { problems, registry: { ...base, entries: [], exists: false } };
  const yaml = readYaml(registryText, COOKIE_REGISTRY_FILE);
  const parsed = parseCookieRegistry(yaml, COOKIE_REGISTRY_FILE, settings);
  pushAll(problems, parsed.problems);
  if (!parsed.registry || hasErrors(problems)) return { problems };
  // The parser keeps the file's order, so an entry's index is its place in the file.
  const entries = parsed.registry.cookies.map((cookie, i) => ({ ...cookie, line: yaml.lineOf(["cookies", i, "names"]) }));
  return { problems, registry: { ...base, entries: entriesInForce(entries, date), exists: true } };
}
