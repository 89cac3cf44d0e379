import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import type { SiteSettings } from "../model/settings.ts";
import { pushAll } from "../core/arrays.ts";
import { error, type Problem } from "../core/problems.ts";

/**
 * What SPEC section 4 promises on every page, checked on the built files: `<html lang dir>` of the
 * page's language, one absolute canonical link to the page itself, hreflang alternates that
 * include the page and x-default and lead to pages that exist, and in-site links whose page and
 * `#anchor` exist (linkinator checks pages, but validates an anchor only when it meets the link
 * before the page, so anchors are checked here for every link).
 */
export async function checkPageContract(outDir: string, settings: SiteSettings): Promise<{ problems: Problem[]; pages: number }> {
  const files = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith(".html")).map((f) => f.split(path.sep).join("/")).sort();
  const ids = new Map<string, Set<string>>();
  const parsed = await Promise.all(
    files.map(async (file) => {
      const document = parseDocument(await readFile(path.join(outDir, file), "utf8"));
      ids.set(file, new Set(DomUtils.findAll((el) => el.attribs.id !== undefined, document.children).map((el) => el.attribs.id ?? "")));
      return { file, document };
    }),
  );
  const localeCodes = new Map(settings.locales.map((l) => [l.code, l]));
  const siteBase = settings.url + settings.pathPrefix;
  /** The output file an in-site address leads to, or undefined when it is not in the site. */
  const fileOf = (address: string): string | undefined => {
    const pathname = address.startsWith(siteBase) ? `/${address.slice(siteBase.length)}` : address.startsWith(settings.pathPrefix) ? `/${address.slice(settings.pathPrefix.length)}` : undefined;
    if (pathname === undefined) return undefined;
    const clean = decodeURIComponent(pathname.split(/[?#]/, 1)[0] ?? "/");
    return (clean.endsWith("/") ? `${clean}index.html` : clean).slice(1);
  };
  const exists = new Set(files);
  const problems: Problem[] = [];

  for (const { file, document } of parsed) {
    const report = (message: string) => problems.push(error(`_site/${file}`, 1, message));
    const html = DomUtils.findOne((el) => el.name === "html", document.children);
    const firstSegment = file.split("/")[0] ?? "";
    const locale = localeCodes.get(firstSegment) ?? localeCodes.get(settings.defaultLocale);
    if (!html?.attribs.lang) report("<html> has no lang attribute.");
    else if (locale && html.attribs.lang !== locale.code) report(`<html lang="${html.attribs.lang}"> but the page is in ${locale.code}.`);
    if (locale && html?.attribs.dir !== locale.dir) report(`<html dir="${html?.attribs.dir ?? ""}"> but ${locale?.code} is written ${locale?.dir}.`);

    const links = DomUtils.findAll((el) => el.name === "link", document.children);
    // A page kept out of search engines (404.html, served at any missing address) has no address
    // of its own to name: no canonical link, no alternates. Its in-site links are still checked.
    const noindex = DomUtils.findAll((el) => el.name === "meta" && el.attribs.name === "robots", document.children).some((m) => /\bnoindex\b/.test(m.attribs.content ?? ""));
    const self = siteBase + file.replace(/index\.html$/, "");
    if (!noindex) {
      const canonical = links.filter((l) => l.attribs.rel === "canonical");
      if (canonical.length !== 1) report(`has ${canonical.length} canonical links; it needs exactly one.`);
      else if (canonical[0]?.attribs.href !== self) report(`canonical link is ${canonical[0]?.attribs.href ?? ""}, not the page itself (${self}).`);

      const alternates = links.filter((l) => l.attribs.rel === "alternate" && l.attribs.hreflang);
      if (!alternates.some((a) => a.attribs.hreflang === "x-default")) report("has no x-default hreflang alternate.");
      if (!alternates.some((a) => a.attribs.href === self)) report("its hreflang alternates do not include the page itself.");
      for (const alternate of alternates) {
        const target = fileOf(alternate.attribs.href ?? "");
        if (!target || !exists.has(target)) report(`hreflang="${alternate.attribs.hreflang ?? ""}" leads to ${alternate.attribs.href ?? ""}, which was not built.`);
      }
    }

    for (const anchor of DomUtils.findAll((el) => el.name === "a" && el.attribs.href !== undefined, document.children)) {
      const href = anchor.attribs.href ?? "";
      const [, fragment] = href.split("#", 2);
      const target = href.startsWith("#") ? file : fileOf(href);
      if (target === undefined || fragment === undefined || fragment === "") continue;
      if (exists.has(target) && !ids.get(target)?.has(decodeURIComponent(fragment))) report(`the link ${href} points to an anchor that does not exist on that page.`);
    }
  }

  const documents = new Map(parsed.map((p) => [p.file, p.document]));
  const linkTargets = (file: string): Set<string> =>
    new Set(
      DomUtils.findAll((el) => el.name === "a" && el.attribs.href !== undefined, documents.get(file)?.children ?? []).flatMap((a) => fileOf(a.attribs.href ?? "") ?? []),
    );
  for (const { file } of parsed) {
    const compared = COMPARE_PAGE.exec(file);
    if (compared) pushAll(problems, comparePageProblems(file, compared, { exists, linkTargets, fileOf, documents }));
  }
  return { problems, pages: files.length };
}

/** `<locale>/<doc>/<date>/compare/index.html`: an earlier version against the version in force. */
const COMPARE_PAGE = /^([^/]+)\/([^/]+)\/(\d{4}-\d{2}-\d{2})\/compare\/index\.html$/;

/**
 * What a compare page promises (SPEC section 3): it belongs to an earlier version, whose page links
 * to it, and it compares that version with the one its language's `/<locale>/<doc>/` shows. The
 * version in force is found by Codicil's permanent link on that page; a site's own layout without
 * it is not checked for that.
 */
function comparePageProblems(
  file: string,
  [, locale, slug, date]: RegExpExecArray,
  site: {
    exists: ReadonlySet<string>;
    linkTargets: (file: string) => Set<string>;
    fileOf: (address: string) => string | undefined;
    documents: ReadonlyMap<string, ReturnType<typeof parseDocument>>;
  },
): Problem[] {
  const problems: Problem[] = [];
  const report = (message: string) => problems.push(error(`_site/${file}`, 1, message));
  const versionFile = `${locale}/${slug}/${date}/index.html`;
  if (!site.exists.has(versionFile)) report(`is the compare page of ${versionFile}, which was not built.`);
  else if (!site.linkTargets(versionFile).has(file)) report(`is not linked from ${versionFile}, the version it compares: readers of that version cannot find it.`);
  const landing = site.documents.get(`${locale}/${slug}/index.html`);
  const block = landing && DomUtils.findOne((el) => (el.attribs.class ?? "").split(/\s+/).includes("document-permalink"), landing.children);
  const permalink = block && DomUtils.findOne((el) => el.name === "a", block.children);
  const inForce = permalink ? site.fileOf(permalink.attribs.href ?? "") : undefined;
  if (inForce === undefined) return problems;
  if (inForce === versionFile) report(`compares ${versionFile}, the version in force, with itself: only earlier versions have a compare page.`);
  else if (!site.linkTargets(file).has(inForce)) report(`does not link to ${inForce}, the version in force it compares with.`);
  return problems;
}
