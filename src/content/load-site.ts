import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadSiteCookies } from "../cookies/load.ts";
import { COOKIE_REGISTRY_FILE } from "../cookies/registry.ts";
import { loadTranslations, type Translator } from "../i18n/translations.ts";
import type { CookieTableHook } from "../markdown/cookie-table.ts";
import { renderMarkdown } from "../markdown/renderer.ts";
import { error, hasErrors, type Problem } from "../problems.ts";
import { disappearedUrls, readPublishedLock, type PublishedLock } from "../history/published-lock.ts";
import { explainMissingPath, listRoutes, type RouteInput } from "../site/routes.ts";
import { paths } from "../site/urls.ts";
import { buildDate as defaultBuildDate, type IsoDate } from "../versions/dates.ts";
import { landingIndex, versionStatuses } from "../versions/order.ts";
import { assembleVersions, type VersionDraft } from "./assemble.ts";
import { brokenAnchorProblems, type AnchoredFile } from "./anchors.ts";
import { versionParityProblems } from "./parity.ts";
import type { LegalDocument, Site, Translation, Version } from "./model.ts";
import { scanDocuments } from "./scan.ts";
import { parseSiteSettings } from "./site-config.ts";
import { readYaml } from "./yaml.ts";

/** Codicil's own folder: its templates and locales are the defaults a site can override. */
export const CODICIL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

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
 * Reads and validates all content once. Returns every problem found; `loaded` only when there is
 * no error, so nothing half-valid ever reaches a template.
 */
export async function loadSite(options: LoadOptions): Promise<{ loaded?: LoadedSite; problems: Problem[] }> {
  const root = path.resolve(options.root);
  const siteFile = "content/site.yaml";
  const siteText = await readFile(path.join(root, siteFile), "utf8").catch(() => undefined);
  if (siteText === undefined) {
    return { problems: [error(siteFile, 1, "is missing: create it with name, url, defaultLocale and locales (see docs/content.md).")] };
  }
  const { settings, problems } = parseSiteSettings(readYaml(siteText, siteFile), siteFile);
  if (!settings) return { problems };

  const localeCodes = settings.locales.map((l) => l.code);
  const buildDate = options.buildDate ?? defaultBuildDate();
  const templateDirs = overridableDirs(root, "templates");
  const translations = await loadTranslations({
    localeDirs: [...overridableDirs(root, "locales")].reverse(),
    siteLocalesDir: path.join(root, "locales"),
    root,
    localeCodes,
    defaultLocale: settings.defaultLocale,
  });
  problems.push(...translations.problems);

  const scanned = await scanDocuments(root, localeCodes);
  problems.push(...scanned.problems);

  // Links are checked against every page the readable files would make, even in documents with
  // problems elsewhere, so that one run reports the link problems too.
  const routeInput: RouteInput = {
    locales: localeCodes,
    hasCookieRegistry: existsSync(path.join(root, COOKIE_REGISTRY_FILE)),
    documents: scanned.documents.map((d) => {
      const byDate = new Map<string, string[]>();
      for (const file of d.files) byDate.set(file.frontMatter.updated, [...(byDate.get(file.frontMatter.updated) ?? []), file.locale]);
      return { slug: d.slug, versions: [...byDate.keys()].sort().map((updated) => ({ updated, locales: byDate.get(updated) ?? [] })) };
    }),
  };
  const existingPaths = new Set(listRoutes(routeInput).map((r) => r.path));
  const publishedUrls = new Map(
    scanned.documents
      .flatMap((d) => d.files.map((f) => [paths.version(f.locale, d.slug, f.frontMatter.updated), f.file] as const))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const { lock: publishedLock, problems: lockProblems } = await readPublishedLock(root);
  // An address whose file exists but cannot be read is not gone: that file's problem is reported.
  const unreadable = new Set(scanned.documents.flatMap((d) => d.unreadable));
  problems.push(...lockProblems, ...disappearedUrls(publishedLock, publishedUrls, unreadable));
  const checkInternalPath = (target: string) => explainMissingPath(target, routeInput, existingPaths);
  const translator = translations.translator;
  const cookies = await loadSiteCookies({ root, settings, translator, templateDirs });
  problems.push(...cookies.problems);
  // A cookie table depends only on its language, category and ordinal, not on the document: each
  // is rendered once and reused (Nunjucks took about a third of a millisecond per table).
  const cookieTables = new Map<string, CookieTableHook | undefined>();
  const cookieTableFor = (locale: string): CookieTableHook | undefined => {
    if (cookieTables.has(locale)) return cookieTables.get(locale);
    const hook = cookies.tableHook(locale);
    const rendered = new Map<string, string>();
    const memo: CookieTableHook | undefined = hook && ((category, ordinal) => {
      const key = `${category ?? ""} ${ordinal}`;
      const html = rendered.get(key) ?? hook(category, ordinal);
      rendered.set(key, html);
      return html;
    });
    cookieTables.set(locale, memo);
    return memo;
  };
  const render = (file: string, body: string, bodyLine: number, locale: string) => {
    const rendered = renderMarkdown(body, {
      file,
      bodyLine,
      pathPrefix: settings.pathPrefix,
      checkInternalPath,
      permalinkLabel: (heading) => translator?.t(locale, "document.permalink", { heading }) ?? heading,
      cookieTable: cookieTableFor(locale),
    });
    problems.push(...rendered.problems);
    return rendered;
  };

  const documents: LegalDocument[] = [];
  const anchoredFiles: AnchoredFile[] = [];
  for (const sources of scanned.documents) {
    for (const unchecked of sources.uncheckedBodies) render(unchecked.file, unchecked.body, unchecked.bodyLine, settings.defaultLocale);
    const rendered = new Map(sources.files.map((file) => [file.file, render(file.file, file.body, file.bodyLine, file.locale)]));
    for (const file of sources.files) {
      const output = rendered.get(file.file);
      if (output) anchoredFiles.push({ file: file.file, locale: file.locale, slug: sources.slug, updated: file.frontMatter.updated, links: output.links, anchors: output.anchors });
    }
    for (const file of sources.files) {
      const fm = file.frontMatter;
      if (fm.layout !== undefined && !templateDirs.some((dir) => existsSync(path.join(dir, fm.layout ?? "")))) {
        problems.push(error(file.file, file.yaml.lineOf(["layout"]), `layout "${fm.layout}" does not exist under templates/; use a path such as layouts/document.njk.`));
      }
      if (fm.latestVersion?.startsWith("/")) {
        const problem = checkInternalPath(fm.latestVersion);
        if (problem) problems.push(error(file.file, file.yaml.lineOf(["latestVersion"]), `latestVersion: ${problem}`));
      }
    }
    // Cross-file rules run on the readable files even when another file of the document is broken,
    // so that one run reports everything; such a document never reaches the model.
    const assembled = assembleVersions(sources, localeCodes, settings.defaultLocale);
    problems.push(...assembled.problems);
    if (!assembled.versions || sources.incomplete) continue;
    problems.push(...versionParityProblems(assembled.versions, rendered, settings.defaultLocale, localeCodes, options.strictParity === true));
    documents.push(toDocument(sources.slug, assembled.versions, rendered, localeCodes, buildDate));
  }

  problems.push(...brokenAnchorProblems(anchoredFiles));
  // Known only now that every document is rendered; once per cookie and language, not per page.
  problems.push(...cookies.fallbackWarnings());
  if (hasErrors(problems) || !translator) return { problems };
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
