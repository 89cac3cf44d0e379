import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadSiteCookies, type SiteCookies } from "./cookies/load.ts";
import type { CookieCategory } from "../model/cookies.ts";
import type { CookieTableUse } from "./cookies/table.ts";
import { COOKIE_REGISTRY_FILE } from "../model/cookies.ts";
import { loadTranslations, type Translator } from "../i18n/translations.ts";
import type { CookieTableHook } from "../markdown/cookie-table.ts";
import { renderMarkdown } from "../markdown/renderer.ts";
import { newInlineCache } from "../markdown/inline-cache.ts";
import { CODICIL_DIR } from "../core/installation.ts";
import { error, formatProblem, hasErrors, type Problem } from "../core/problems.ts";
import { disappearedUrls, readPublishedLock, type PublishedLock } from "./published-lock.ts";
import { explainMissingPath, listRoutes, type RouteInput } from "../addresses/routes.ts";
import { paths } from "../addresses/urls.ts";
import { buildDate as defaultBuildDate, type IsoDate } from "../rules/dates.ts";
import { landingIndex, versionStatuses } from "../rules/version-order.ts";
import { assembleVersions, type VersionDraft } from "./assemble.ts";
import type { DocumentFileCache, FileRendering } from "./file-cache.ts";
import { brokenAnchorProblems, type AnchoredFile } from "./anchors.ts";
import { versionParityProblems } from "./parity.ts";
import type { LegalDocument, Site, Translation, Version } from "../model/site.ts";
import { listDocumentFolders, scanDocument } from "./scan.ts";
import type { SiteSettings } from "../model/settings.ts";
import { parseSiteSettings } from "./site-config.ts";
import { readYaml } from "./yaml.ts";

export interface LoadOptions {
  /** The site repository (holds content/, and optionally its own locales/ and templates/). */
  readonly root: string;
  /** Defaults to SOURCE_DATE_EPOCH or today. */
  readonly buildDate?: IsoDate;
  /** Report translation parity problems (missing sections or links) as errors, not warnings. */
  readonly strictParity?: boolean;
}

/** Everything a build needs: the model (plain data) and the UI strings to show it with. */
export interface LoadedSite {
  readonly site: Site;
  readonly translator: Translator;
  /** Template search path, the site's own first. */
  readonly templateDirs: readonly string[];
  /** Warnings found while loading (errors stop the load). */
  readonly problems: readonly Problem[];
  /** Every dated version address the content produces, with its source file (for the lock file). */
  readonly publishedUrls: ReadonlyMap<string, string>;
  readonly publishedLock: PublishedLock;
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
  /** Undefined when the UI strings could not be loaded; documents are still checked. */
  readonly translator: Translator | undefined;
  readonly templateDirs: readonly string[];
  readonly cookies: SiteCookies;
  readonly strictParity: boolean;
}

/**
 * Reads `content/site.yaml`, the UI strings and the cookie registry. Without valid site settings
 * nothing else can be checked, so there are no resources then.
 */
export async function loadSiteResources(options: LoadOptions): Promise<{ resources?: SiteResources; problems: Problem[] }> {
  const root = path.resolve(options.root);
  const siteFile = "content/site.yaml";
  const siteText = await readFile(path.join(root, siteFile), "utf8").catch(() => undefined);
  if (siteText === undefined) {
    return { problems: [error(siteFile, 1, "is missing: create it with name, url, defaultLocale and locales (see docs/content.md).")] };
  }
  const { settings, problems } = parseSiteSettings(readYaml(siteText, siteFile), siteFile);
  if (!settings) return { problems };

  const localeCodes = settings.locales.map((l) => l.code);
  const templateDirs = overridableDirs(root, "templates");
  const translations = await loadTranslations({
    localeDirs: [...overridableDirs(root, "locales")].reverse(),
    siteLocalesDir: path.join(root, "locales"),
    root,
    localeCodes,
    defaultLocale: settings.defaultLocale,
  });
  problems.push(...translations.problems);
  const translator = translations.translator;
  const cookies = await loadSiteCookies({ root, settings, translator, templateDirs });
  problems.push(...cookies.problems);
  return {
    problems,
    resources: {
      root,
      settings,
      buildDate: options.buildDate ?? defaultBuildDate(),
      localeCodes,
      translator,
      templateDirs,
      cookies: memoizedCookieTables(cookies),
      strictParity: options.strictParity === true,
    },
  };
}

/**
 * A cookie table depends only on its language, category and ordinal, not on the document: each is
 * rendered once and reused (Nunjucks took about a third of a millisecond per table).
 */
function memoizedCookieTables(cookies: SiteCookies): SiteCookies {
  const byLocale = new Map<string, CookieTableHook | undefined>();
  return {
    ...cookies,
    tableHook(locale) {
      if (byLocale.has(locale)) return byLocale.get(locale);
      const hook = cookies.tableHook(locale);
      const rendered = new Map<string, string>();
      const memo: CookieTableHook | undefined =
        hook &&
        ((category, ordinal) => {
          const key = `${category ?? ""} ${ordinal}`;
          const html = rendered.get(key) ?? hook(category, ordinal);
          rendered.set(key, html);
          return html;
        });
      byLocale.set(locale, memo);
      return memo;
    },
  };
}

/** A link to a page of this site, with the file it is written in, checked once all documents are read. */
export interface LinkToCheck {
  readonly file: string;
  readonly line: number;
  readonly path: string;
  /** Set when the path comes from front matter rather than the text. */
  readonly field?: "latestVersion";
}

/**
 * One document folder, read, rendered and checked on its own. Documents do not depend on each
 * other except through links, which are collected here and checked by `completeSiteLoad` once every
 * document's pages are known; so documents can be loaded in any order, in parallel.
 */
export interface DocumentLoad {
  readonly slug: string;
  readonly problems: Problem[];
  /** The document in the model; undefined when it has problems that keep it out. */
  readonly document?: LegalDocument;
  /** Which pages the readable files make, even when the document has problems. */
  readonly route: RouteInput["documents"][number];
  /** Dated version address → the file it comes from. */
  readonly publishedUrls: readonly (readonly [string, string])[];
  /** Files that exist but cannot be read right now. */
  readonly unreadable: readonly string[];
  readonly anchoredFiles: readonly AnchoredFile[];
  readonly linksToCheck: readonly LinkToCheck[];
  /** Cookie purposes this document's tables show in another language (warnings). */
  readonly cookieWarnings: readonly Problem[];
  /** With a file cache: each language's `DocumentFileCache.fingerprints`, for `npm start`. */
  readonly sourceFingerprints?: ReadonlyMap<string, string>;
}

/**
 * Reads, checks and renders one document's files. With `cache` (`npm start`'s rebuilds), files
 * whose bytes are as at the last load with that cache are neither parsed nor rendered again, and
 * the load carries each language's `sourceFingerprints`.
 */
export function loadDocument(resources: SiteResources, slug: string, cache?: DocumentFileCache): DocumentLoad {
  const { root, settings, localeCodes, translator, templateDirs } = resources;
  const problems: Problem[] = [];
  cache?.beginLoad();
  const sources = scanDocument(root, slug, localeCodes, problems, cache);
  cache?.endLoad();
  const linksToCheck: LinkToCheck[] = [];
  const tablesUsed: CookieTableUse[] = [];
  const inlineCache = newInlineCache();
  const renderFile = (file: string, body: string, bodyLine: number, locale: string): FileRendering => {
    const hook = resources.cookies.tableHook(locale);
    const tables: CookieTableUse[] = [];
    const rendered = renderMarkdown(body, {
      file,
      bodyLine,
      pathPrefix: settings.pathPrefix,
      inlineCache,
      permalinkLabel: (heading) => translator?.t(locale, "document.permalink", { heading }) ?? heading,
      ...(hook && {
        cookieTable: (category: CookieCategory | undefined, ordinal: number) => {
          tables.push({ locale, category, ordinal });
          return hook(category, ordinal);
        },
      }),
    });
    return { rendered, tablesUsed: tables };
  };
  const render = (file: string, body: string, bodyLine: number, locale: string) => {
    const rendering = cache ? cache.render(file, () => renderFile(file, body, bodyLine, locale)) : renderFile(file, body, bodyLine, locale);
    const { rendered } = rendering;
    tablesUsed.push(...rendering.tablesUsed);
    problems.push(...rendered.problems);
    for (const link of rendered.internalLinks) linksToCheck.push({ file, ...link });
    return rendered;
  };

  for (const unchecked of sources.uncheckedBodies) render(unchecked.file, unchecked.body, unchecked.bodyLine, settings.defaultLocale);
  const rendered = new Map(sources.files.map((file) => [file.file, render(file.file, file.body, file.bodyLine, file.locale)]));
  const anchoredFiles: AnchoredFile[] = [];
  for (const file of sources.files) {
    const output = rendered.get(file.file);
    // Only links with a #fragment have an anchor to check; the others (16 a file on the bench's
    // large site) would only be carried to the main thread and looked through after every edit.
    if (output) {
      const links = output.links.filter((link) => link.href.includes("#"));
      anchoredFiles.push({ file: file.file, locale: file.locale, slug, updated: file.frontMatter.updated, links, anchors: output.anchors });
    }
    const fm = file.frontMatter;
    if (fm.layout !== undefined && !templateDirs.some((dir) => existsSync(path.join(dir, fm.layout ?? "")))) {
      problems.push(error(file.file, file.yaml.lineOf(["layout"]), `layout "${fm.layout}" does not exist under templates/; use a path such as layouts/document.njk.`));
    }
    if (fm.latestVersion?.startsWith("/")) linksToCheck.push({ file: file.file, line: file.yaml.lineOf(["latestVersion"]), path: fm.latestVersion, field: "latestVersion" });
  }

  const byDate = new Map<string, string[]>();
  for (const file of sources.files) byDate.set(file.frontMatter.updated, [...(byDate.get(file.frontMatter.updated) ?? []), file.locale]);
  const route = { slug, versions: [...byDate.keys()].sort().map((updated) => ({ updated, locales: byDate.get(updated) ?? [] })) };
  const publishedUrls = sources.files.map((f) => [paths.version(f.locale, slug, f.frontMatter.updated), f.file] as const);
  const cookieWarnings = resources.cookies.fallbackWarnings(tablesUsed);
  const load = {
    slug,
    problems,
    route,
    publishedUrls,
    unreadable: sources.unreadable,
    anchoredFiles,
    linksToCheck,
    cookieWarnings,
    ...(cache && { sourceFingerprints: cache.fingerprints() }),
  };

  // Cross-file rules run on the readable files even when another file of the document is broken,
  // so that one run reports everything; such a document never reaches the model.
  const assembled = assembleVersions(sources, localeCodes, settings.defaultLocale);
  problems.push(...assembled.problems);
  if (!assembled.versions || sources.incomplete) return load;
  problems.push(...versionParityProblems(assembled.versions, rendered, settings.defaultLocale, localeCodes, resources.strictParity));
  return { ...load, document: toDocument(slug, assembled.versions, rendered, localeCodes, resources.buildDate) };
}

/**
 * The rules across documents, once every document is loaded: links to pages and anchors of other
 * documents, and the published addresses that must not disappear.
 */
function crossDocumentProblems(
  loads: readonly DocumentLoad[],
  hasCookieRegistry: boolean,
  localeCodes: readonly string[],
  publishedLock: PublishedLock,
  publishedUrls: ReadonlyMap<string, string>,
): Problem[] {
  const routeInput: RouteInput = { locales: localeCodes, hasCookieRegistry, documents: loads.map((l) => l.route) };
  const existingPaths = existingPathsOf(routeInput);
  // Links repeat: the bench's large site has 240,000 links to 1,500 distinct addresses. Each is explained once.
  const explained = new Map<string, string | undefined>();
  const problems: Problem[] = [];
  for (const load of loads) {
    for (const link of load.linksToCheck) {
      if (!explained.has(link.path)) explained.set(link.path, explainMissingPath(link.path, routeInput, existingPaths));
      const problem = explained.get(link.path);
      if (problem) problems.push(error(link.file, link.line, link.field ? `${link.field}: ${problem}` : problem));
    }
  }
  // An address whose file exists but cannot be read is not gone: that file's problem is reported.
  const unreadable = new Set(loads.flatMap((l) => l.unreadable));
  problems.push(...disappearedUrls(publishedLock, publishedUrls, unreadable));
  problems.push(...brokenAnchorProblems(loads.flatMap((l) => l.anchoredFiles)));
  return problems;
}

/**
 * The addresses of the site last checked. `npm start` checks the links again after every edit,
 * which seldom adds a page: listing the bench's large site's 33,000 addresses took 20 ms of each
 * rebuild, its outline as JSON (the key) 1–2 ms.
 */
let lastSitePaths: { readonly key: string; readonly paths: ReadonlySet<string> } | undefined;
function existingPathsOf(input: RouteInput): ReadonlySet<string> {
  const key = JSON.stringify(input);
  if (lastSitePaths?.key !== key) lastSitePaths = { key, paths: new Set(listRoutes(input).map((r) => r.path)) };
  return lastSitePaths.paths;
}

/** Every dated version address the content produces, with its source file, sorted by address. */
function publishedUrlsOf(loads: readonly DocumentLoad[]): Map<string, string> {
  return new Map(loads.flatMap((l) => l.publishedUrls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Reads and validates all content once, in this thread. Returns every problem found; `loaded`
 * only when there is no error, so nothing half-valid ever reaches a template. (`npm run build`
 * loads the documents of large sites in parallel with the same functions: src/pipeline/.)
 */
export async function loadSite(options: LoadOptions): Promise<{ loaded?: LoadedSite; problems: Problem[] }> {
  const { resources, problems } = await loadSiteResources(options);
  if (!resources) return { problems };
  const folders = await listDocumentFolders(resources.root);
  problems.push(...folders.problems);
  const loads: DocumentLoad[] = [];
  for (const slug of folders.slugs) loads.push(loadDocument(resources, slug));
  return completeSiteLoad(resources, loads, problems);
}

/** The site model from loaded documents, with the problems across documents added. */
export async function completeSiteLoad(
  resources: SiteResources,
  loads: readonly DocumentLoad[],
  problemsSoFar: readonly Problem[],
): Promise<{ loaded?: LoadedSite; problems: Problem[] }> {
  const { root, settings, buildDate, translator, templateDirs, cookies } = resources;
  const { lock: publishedLock, problems: lockProblems } = await readPublishedLock(root);
  const publishedUrls = publishedUrlsOf(loads);
  const problems = [
    ...problemsSoFar,
    ...loads.flatMap((l) => l.problems),
    ...lockProblems,
    ...crossDocumentProblems(loads, existsSync(path.join(root, COOKIE_REGISTRY_FILE)), resources.localeCodes, publishedLock, publishedUrls),
    // Once per cookie and language, however many documents show it.
    ...new Map(loads.flatMap((l) => l.cookieWarnings).map((p) => [formatProblem(p), p])).values(),
  ];
  if (hasErrors(problems) || !translator) return { problems };
  const documents = loads.flatMap((l) => (l.document ? [l.document] : []));
  return { problems, loaded: { site: { root, settings, buildDate, documents, ...(cookies.registry && { cookies: cookies.registry }) }, translator, templateDirs, problems, publishedUrls, publishedLock } };
}

function toDocument(
  slug: string,
  drafts: readonly VersionDraft[],
  rendered: ReadonlyMap<string, Pick<Translation, "html" | "toc" | "sections">>,
  localeCodes: readonly string[],
  buildDate: IsoDate,
): LegalDocument {
  const statuses = versionStatuses(drafts, buildDate);
  const versions: Version[] = drafts.map((v, i) => ({
    label: v.label,
    updated: v.updated,
    effective: v.effective,
    status: statuses[i] ?? "older",
    translations: Object.fromEntries(
      [...v.files].map(([locale, file]): [string, Translation] => {
        const fm = file.frontMatter;
        const output = rendered.get(file.file);
        return [
          locale,
          {
            locale,
            title: fm.title,
            sourceFile: file.file,
            html: output?.html ?? "",
            toc: output?.toc ?? [],
            sections: output?.sections ?? [],
            ...(fm.summary !== undefined && { summary: fm.summary }),
            ...(fm.description !== undefined && { description: fm.description }),
            ...(fm.latestVersion !== undefined && { latestVersion: fm.latestVersion }),
            ...(fm.layout !== undefined && { layout: fm.layout }),
          },
        ];
      }),
    ),
  }));
  const current = statuses.indexOf("current");
  const landing: Record<string, number> = {};
  for (const locale of localeCodes) {
    const available = versions.flatMap((v, i) => (locale in v.translations ? [i] : []));
    const index = landingIndex(available, statuses);
    if (index !== undefined) landing[locale] = index;
  }
  return { slug, versions, currentIndex: current === -1 ? undefined : current, landingIndex: landing };
}
