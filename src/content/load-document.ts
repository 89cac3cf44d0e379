import { error, type Problem } from "../core/problems.ts";
import { paths } from "../addresses/urls.ts";
import type { RouteInput } from "../addresses/routes.ts";
import { renderMarkdown } from "../markdown/renderer.ts";
import type { CookieCategory } from "../model/cookies.ts";
import type { LegalDocument, Translation, UntranslatedText, Version } from "../model/site.ts";
import type { IsoDate } from "../rules/dates.ts";
import { landingIndex, versionStatuses } from "../rules/version-order.ts";
import type { AnchoredFile } from "./anchors.ts";
import { assembleVersions, type VersionDraft } from "./assemble.ts";
import type { CookieTableUse } from "./cookies/table.ts";
import type { DocumentFileCache, FileRendering } from "./file-cache.ts";
import { droppedIdWarnings } from "./kept-anchors.ts";
import { layoutProblem } from "./layout.ts";
import { versionParityProblems } from "./parity.ts";
import { ReferenceParagraphs, untranslatedText, untranslatedWarning } from "./untranslated.ts";
import { sha256, type PublishedText } from "./published-lock.ts";
import { scanDocument } from "./scan.ts";
import type { SiteResources } from "./site-resources.ts";
import { pushAll } from "../core/arrays.ts";

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
  /** Each dated version address with its file and the fingerprints of both (for the lock file). */
  readonly publishedTexts: readonly PublishedText[];
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
  const sources = scanDocument(root, slug, localeCodes, problems, cache, resources.linesRecorded);
  cache?.endLoad();
  const linksToCheck: LinkToCheck[] = [];
  const tablesUsed: CookieTableUse[] = [];
  const tablesByFile = new Map<string, readonly CookieTableUse[]>();
  // A version's cookie tables show the registry as of its effective date; the date is in the file's
  // own front matter, so the file cache's renderings (keyed by the file's bytes) stay right.
  const renderFile = (file: string, body: string, bodyLine: number, locale: string, date: IsoDate, title?: string): FileRendering => {
    const hook = resources.cookies.tableHook(locale, date);
    const tables: CookieTableUse[] = [];
    const rendered = renderMarkdown(body, {
      file,
      bodyLine,
      pathPrefix: settings.pathPrefix,
      siteUrl: settings.url,
      permalinkLabel: (heading) => translator?.t(locale, "document.permalink", { heading }) ?? heading,
      ...(title !== undefined && { title }),
      ...(hook && {
        cookieTable: (category: CookieCategory | undefined, ordinal: number) => {
          tables.push({ locale, category, ordinal, date });
          return hook(category, ordinal);
        },
      }),
    });
    return { rendered, tablesUsed: tables };
  };
  const render = (file: string, body: string, bodyLine: number, locale: string, date: IsoDate, title?: string) => {
    const rendering = cache ? cache.render(file, () => renderFile(file, body, bodyLine, locale, date, title)) : renderFile(file, body, bodyLine, locale, date, title);
    const { rendered } = rendering;
    pushAll(tablesUsed, rendering.tablesUsed);
    tablesByFile.set(file, rendering.tablesUsed);
    pushAll(problems, rendered.problems);
    for (const link of rendered.internalLinks) linksToCheck.push({ file, ...link });
    return rendered;
  };

  // A body whose front matter is wrong is checked as of the build date; it is never published.
  for (const unchecked of sources.uncheckedBodies) render(unchecked.file, unchecked.body, unchecked.bodyLine, settings.defaultLocale, resources.buildDate);
  const rendered = new Map(sources.files.map((file) => [file.file, render(file.file, file.body, file.bodyLine, file.locale, file.frontMatter.effective, file.frontMatter.title)]));
  const anchoredFiles: AnchoredFile[] = [];
  for (const file of sources.files) {
    const output = rendered.get(file.file);
    // Only links with a #fragment have an anchor to check; the others would only be carried to
    // the main thread and looked through after every edit.
    if (output) {
      const links = output.links.filter((link) => link.href.includes("#"));
      anchoredFiles.push({ file: file.file, locale: file.locale, slug, updated: file.frontMatter.updated, links, anchors: output.anchors });
    }
    const fm = file.frontMatter;
    const layoutMistake = fm.layout === undefined ? undefined : layoutProblem(fm.layout, templateDirs);
    if (layoutMistake) problems.push(error(file.file, file.yaml.lineOf(["layout"]), layoutMistake));
    // A correction is recorded when it is published; one dated later would claim a fix not yet made.
    fm.corrections?.forEach((correction, i) => {
      if (correction.date > resources.buildDate) {
        problems.push(error(file.file, file.yaml.lineOf(["corrections", i, "date"]), `correction date ${correction.date} is after the build date ${resources.buildDate}; record a correction on the day it is published, e.g. date: ${resources.buildDate}.`));
      }
    });
    if (fm.latestVersion?.startsWith("/")) linksToCheck.push({ file: file.file, line: file.yaml.lineOf(["latestVersion"]), path: fm.latestVersion, field: "latestVersion" });
  }

  const byDate = new Map<string, string[]>();
  for (const file of sources.files) byDate.set(file.frontMatter.updated, [...(byDate.get(file.frontMatter.updated) ?? []), file.locale]);
  const effectiveOf = new Map(sources.files.map((file) => [file.frontMatter.updated, file.frontMatter.effective]));
  const dates = [...byDate.keys()].sort();
  // Which versions are upcoming decides the compare pages (what earlier versions are compared with).
  const routeStatuses = versionStatuses(
    dates.map((updated) => ({ updated, effective: effectiveOf.get(updated) ?? updated })),
    resources.buildDate,
  );
  const route = {
    slug,
    versions: dates.map((updated, i) => ({ updated, locales: byDate.get(updated) ?? [], ...(routeStatuses[i] === "upcoming" && { upcoming: true }) })),
  };
  // One hash per file and one per rendered text: what the reader gets, without the site's chrome.
  const publishedTexts = sources.files.map((f): PublishedText => {
    const rows = resources.cookies.rowFingerprints(tablesByFile.get(f.file) ?? []);
    const corrected = f.frontMatter.corrections?.map((c) => c.date).sort().at(-1);
    return {
      url: paths.version(f.locale, slug, f.frontMatter.updated),
      source: f.file,
      sourceSha256: f.sourceSha256,
      textSha256: sha256(rendered.get(f.file)?.html ?? ""),
      ...(f.lines !== undefined && { lines: f.lines }),
      ...(corrected !== undefined && { corrected }),
      ...(Object.keys(rows).length > 0 && { cookies: rows }),
    };
  });
  const cookieWarnings = resources.cookies.fallbackWarnings(tablesUsed);
  const load = {
    slug,
    problems,
    route,
    publishedTexts,
    unreadable: sources.unreadable,
    anchoredFiles,
    linksToCheck,
    cookieWarnings,
    ...(cache && { sourceFingerprints: cache.fingerprints() }),
  };

  // Cross-file rules run on the readable files even when another file of the document is broken,
  // so that one run reports everything; such a document never reaches the model.
  // --strict (strictParity) also makes a version without summary an error.
  const assembled = assembleVersions(sources, localeCodes, settings.defaultLocale, { strict: resources.strictParity });
  pushAll(problems, assembled.problems);
  if (!assembled.versions || sources.incomplete) return load;
  pushAll(problems, droppedIdWarnings(assembled.versions, rendered));
  pushAll(problems, versionParityProblems(assembled.versions, rendered, settings.defaultLocale, localeCodes, resources.strictParity));
  const untranslated = untranslatedTexts(assembled.versions, settings.defaultLocale);
  for (const [file, { referenceFile, text }] of untranslated) {
    const problem = untranslatedWarning(file, referenceFile, settings.defaultLocale, text);
    if (problem) problems.push(problem);
  }
  const texts = new Map([...untranslated].map(([file, { text }]) => [file, text]));
  return { ...load, document: toDocument(slug, assembled.versions, rendered, texts, localeCodes, resources.buildDate) };
}

/**
 * How much of each language's newest file is the default language's same version word for word:
 * the text still being translated, which check warns about and the translation status reports.
 * Older files are published and frozen, so they are not compared.
 */
function untranslatedTexts(drafts: readonly VersionDraft[], defaultLocale: string): Map<string, { referenceFile: string; text: UntranslatedText }> {
  const result = new Map<string, { referenceFile: string; text: UntranslatedText }>();
  const done = new Set<string>([defaultLocale]);
  for (const version of [...drafts].reverse()) {
    const reference = version.files.get(defaultLocale);
    let original: ReferenceParagraphs | undefined;
    for (const [locale, file] of version.files) {
      if (done.has(locale)) continue;
      done.add(locale);
      if (!reference) continue;
      original ??= new ReferenceParagraphs(reference);
      result.set(file.file, { referenceFile: reference.file, text: untranslatedText(original, file) });
    }
  }
  return result;
}

function toDocument(
  slug: string,
  drafts: readonly VersionDraft[],
  rendered: ReadonlyMap<string, Pick<Translation, "html" | "toc" | "sections">>,
  untranslated: ReadonlyMap<string, UntranslatedText>,
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
            sourceSha256: file.sourceSha256,
            ...(fm.corrections !== undefined && { corrections: fm.corrections }),
            html: output?.html ?? "",
            toc: output?.toc ?? [],
            sections: output?.sections ?? [],
            ...(untranslated.has(file.file) && { untranslated: untranslated.get(file.file) }),
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
