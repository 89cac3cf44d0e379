import type { LinkInText } from "../markdown/renderer.ts";
import { error, type Problem } from "../problems.ts";
import { paths } from "../site/urls.ts";

export interface AnchoredFile {
  readonly file: string;
  readonly locale: string;
  readonly slug: string;
  readonly updated: string;
  readonly links: readonly LinkInText[];
  /** Ids a `#…` can point at in this file's page: headings and ids in raw HTML. */
  readonly anchors: readonly string[];
}

/**
 * Links whose `#anchor` names no heading or id on the target page, at the line they are written on,
 * so `npm run check` catches them before anything is built. A link to `/<locale>/<doc>/#x` is
 * accepted when any version of that document in that language has `x` (which version is in force
 * depends on the build date); links to other kinds of page are left to the built-site check.
 */
export function brokenAnchorProblems(files: readonly AnchoredFile[]): Problem[] {
  const byPath = new Map<string, Set<string>>();
  const add = (path: string, anchors: readonly string[]) => {
    const set = byPath.get(path) ?? new Set<string>();
    for (const anchor of anchors) set.add(anchor);
    byPath.set(path, set);
  };
  for (const f of files) {
    add(paths.version(f.locale, f.slug, f.updated), f.anchors);
    add(paths.document(f.locale, f.slug), f.anchors);
  }
  const problems: Problem[] = [];
  for (const f of files) {
    const own = new Set(f.anchors);
    for (const link of f.links) {
      const hash = link.href.indexOf("#");
      if (hash === -1 || hash === link.href.length - 1) continue;
      const target = link.href.slice(0, hash);
      const fragment = safeDecode(link.href.slice(hash + 1));
      const anchors = target === "" ? own : target.startsWith("/") ? byPath.get(target.endsWith("/") ? target : `${target}/`) : undefined;
      if (anchors && !anchors.has(fragment)) {
        problems.push(
          error(
            f.file,
            link.line,
            `the link ${link.href} points to #${fragment}, which is no heading or id on that page; anchors are made from the heading's text ("## Your rights" → #your-rights).`,
          ),
        );
      }
    }
  }
  return problems;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
