import { existsSync } from "node:fs";
import path from "node:path";
import { formatProblem, hasErrors, type Problem } from "../core/problems.ts";
import type { Translator } from "../i18n/translations.ts";
import { COOKIE_REGISTRY_FILE } from "../model/cookies.ts";
import type { Site } from "../model/site.ts";
import { loadDocument, type DocumentLoad } from "./load-document.ts";
import {
  comparePublished,
  readPublishedLock,
  sourceReader,
  staleLockProblems,
  type PublishedComparison,
  type PublishedLock,
  type PublishedText,
} from "./published-lock.ts";
import { listDocumentFolders } from "./scan.ts";
import { loadSiteResources, type LoadOptions, type SiteResources } from "./site-resources.ts";
import { crossDocumentProblems, languagesWithoutDocuments, type SiteRulesMemo } from "./site-rules.ts";
import { pushAll } from "../core/arrays.ts";

/** Everything a build needs: the model (plain data) and the UI strings to show it with. */
export interface LoadedSite {
  readonly site: Site;
  readonly translator: Translator;
  /** Template search path, the site's own first. */
  readonly templateDirs: readonly string[];
  /** Warnings found while loading (errors stop the load). */
  readonly problems: readonly Problem[];
  /** Every dated version address the content produces, with its source file and fingerprints (for the lock file). */
  readonly publishedTexts: readonly PublishedText[];
  readonly publishedLock: PublishedLock;
  /** How the published texts compare with the lock: rendering changes and corrections it will take. */
  readonly lockComparison: PublishedComparison;
}

/** Every dated version address the content produces, sorted by address. */
function publishedTextsOf(loads: readonly DocumentLoad[]): PublishedText[] {
  return loads.flatMap((l) => l.publishedTexts).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * Reads and validates all content once, in this thread. Returns every problem found; `loaded`
 * only when there is no error, so nothing half-valid ever reaches a template. (`npm run build`
 * loads the documents of large sites in parallel with the same functions: src/pipeline/.)
 */
export async function loadSite(options: LoadOptions): Promise<{ loaded?: LoadedSite; problems: Problem[] }> {
  const { resources, problems } = await loadSiteResources(options);
  if (!resources) return { problems };
  const folders = await listDocumentFolders(resources.root, resources.settings.brand?.logo?.file);
  pushAll(problems, folders.problems);
  const loads: DocumentLoad[] = [];
  for (const slug of folders.slugs) loads.push(loadDocument(resources, slug));
  return completeSiteLoad(resources, loads, problems);
}

/** The site model from loaded documents, with the problems across documents added. */
export async function completeSiteLoad(
  resources: SiteResources,
  loads: readonly DocumentLoad[],
  problemsSoFar: readonly Problem[],
  memo?: SiteRulesMemo,
): Promise<{ loaded?: LoadedSite; problems: Problem[] }> {
  const { root, settings, buildDate, translator, templateDirs, cookies } = resources;
  const { lock: publishedLock, problems: lockProblems } = await readPublishedLock(root);
  const publishedTexts = publishedTextsOf(loads);
  const publishedUrls = new Map(publishedTexts.map((t) => [t.url, t.source]));
  // A source file is read again only when its published text changed, to name the first changed line.
  const lockComparison = comparePublished(publishedLock, publishedTexts, {
    readSource: sourceReader(root),
    acceptRendering: resources.lock.acceptRendering === true,
    cookieRegistryFile: COOKIE_REGISTRY_FILE,
  });
  // A stale lock is only worth reporting once the texts themselves are as they may be.
  const staleLock = resources.lock.requireCurrent && lockComparison.problems.length === 0 && lockProblems.length === 0 ? staleLockProblems(publishedLock, publishedTexts) : [];
  const problems = [
    ...problemsSoFar,
    ...loads.flatMap((l) => l.problems),
    ...lockProblems,
    ...lockComparison.problems,
    ...staleLock,
    ...crossDocumentProblems(loads, existsSync(path.join(root, COOKIE_REGISTRY_FILE)), resources.localeCodes, publishedLock, publishedUrls, memo),
    ...languagesWithoutDocuments(loads, resources.localeCodes, resources.localeLines),
    // Once per cookie and language, however many documents show it.
    ...new Map(loads.flatMap((l) => l.cookieWarnings).map((p) => [formatProblem(p), p])).values(),
  ];
  if (hasErrors(problems) || !translator) return { problems };
  const documents = loads.flatMap((l) => (l.document ? [l.document] : []));
  return { problems, loaded: { site: { root, settings, buildDate, documents, ...(cookies.registry && { cookies: cookies.registry }) }, translator, templateDirs, problems, publishedTexts, publishedLock, lockComparison } };
}

