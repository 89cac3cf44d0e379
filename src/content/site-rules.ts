import { error, warning, type Problem } from "../core/problems.ts";
import { explainMissingPath, listRoutes, publishedLocales, type RouteInput } from "../addresses/routes.ts";
import { brokenAnchorProblems } from "./anchors.ts";
import type { DocumentLoad } from "./load-document.ts";
import { disappearedUrls, type PublishedLock } from "./published-lock.ts";
import { pushAll } from "../core/arrays.ts";

/**
 * The rules across documents, once every document is loaded: links to pages and anchors of other
 * documents, and the published addresses that must not disappear.
 */
export function crossDocumentProblems(
  loads: readonly DocumentLoad[],
  hasCookieRegistry: boolean,
  localeCodes: readonly string[],
  publishedLock: PublishedLock,
  publishedUrls: ReadonlyMap<string, string>,
  memo?: SiteRulesMemo,
): Problem[] {
  const routeInput: RouteInput = { locales: localeCodes, hasCookieRegistry, documents: loads.map((l) => l.route) };
  const existingPaths = memo ? memo.sitePaths(routeInput) : sitePaths(routeInput);
  // Links repeat (a large site links to few distinct addresses many times): each is explained once.
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
  pushAll(problems, disappearedUrls(publishedLock, publishedUrls, unreadable));
  pushAll(problems, brokenAnchorProblems(loads.flatMap((l) => l.anchoredFiles)));
  return problems;
}

/**
 * A language listed in content/site.yaml that no document is written in yet: it gets no pages
 * (`publishedLocales`), which the editor who listed it should hear about.
 */
export function languagesWithoutDocuments(loads: readonly DocumentLoad[], localeCodes: readonly string[], localeLines: ReadonlyMap<string, number>): Problem[] {
  const documents = loads.map((l) => l.route);
  const published = new Set(publishedLocales({ locales: localeCodes, documents }));
  const example = documents[0]?.slug ?? "<doc>";
  return localeCodes
    .filter((code) => !published.has(code))
    .map((code) =>
      warning(
        "content/site.yaml",
        localeLines.get(code) ?? 1,
        `the language "${code}" has no document yet; it gets no pages until one is translated (add content/${example}/${code}.md), and is left out of the language switcher, the sitemap and hreflang until then.`,
      ),
    );
}

const sitePaths = (input: RouteInput): ReadonlySet<string> => new Set(listRoutes(input).map((r) => r.path));

/**
 * What the rules across documents reuse from one check to the next while it is unchanged:
 * `npm start` checks them again after every edit, which seldom changes the site's outline. Held by
 * the dev server's session, so one build never sees another's state.
 */
export class SiteRulesMemo {
  #paths: { readonly key: string; readonly paths: ReadonlySet<string> } | undefined;

  /** Every address of the site whose outline is `input`. */
  sitePaths(input: RouteInput): ReadonlySet<string> {
    const key = JSON.stringify(input);
    if (this.#paths?.key !== key) this.#paths = { key, paths: sitePaths(input) };
    return this.#paths.paths;
  }
}
