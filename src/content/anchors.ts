import type { LinkInText } from "../markdown/renderer.ts";
import { error, type Problem } from "../core/problems.ts";
import { paths } from "../addresses/urls.ts";
import { nearestWords } from "../rules/edit-distance.ts";

export interface AnchoredFile {
  readonly file: string;
  readonly locale: string;
  readonly slug: string;
  readonly updated: string;
  /** Its links with a `#fragment` (others may be left out). */
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
  // Only the pages that some link points into need their anchors gathered: gathering every anchor
  // of a large site would be most of each `npm start` rebuild (docs/performance.md).
  const fragmentLinks: { file: AnchoredFile; link: LinkInText; target: string; fragment: string }[] = [];
  for (const file of files) {
    for (const link of file.links) {
      const hash = link.href.indexOf("#");
      if (hash === -1 || hash === link.href.length - 1) continue;
      const target = link.href.slice(0, hash);
      const page = target === "" || target.endsWith("/") ? target : `${target}/`;
      fragmentLinks.push({ file, link, target: page, fragment: safeDecode(link.href.slice(hash + 1)) });
    }
  }
  if (fragmentLinks.length === 0) return [];
  const targets = new Set(fragmentLinks.map((l) => l.target));
  const byPath = new Map<string, Set<string>>();
  const add = (path: string, anchors: readonly string[]) => {
    if (!targets.has(path)) return;
    const set = byPath.get(path) ?? new Set<string>();
    for (const anchor of anchors) set.add(anchor);
    byPath.set(path, set);
  };
  for (const f of files) {
    add(paths.version(f.locale, f.slug, f.updated), f.anchors);
    add(paths.document(f.locale, f.slug), f.anchors);
  }
  const own = new Map<AnchoredFile, Set<string>>();
  const ownAnchors = (f: AnchoredFile) => own.get(f) ?? own.set(f, new Set(f.anchors)).get(f);
  const problems: Problem[] = [];
  for (const { file, link, fragment, target } of fragmentLinks) {
    const anchors = target === "" ? ownAnchors(file) : target.startsWith("/") ? byPath.get(target) : undefined;
    if (anchors && !anchors.has(fragment)) {
      const near = nearestWords(fragment, anchors, 3);
      const meant = near.length > 0 ? ` Did you mean ${near.map((a) => `#${a}`).join(", ")}?` : "";
      problems.push(
        error(
          file.file,
          link.line,
          `the link ${link.href} points to #${fragment}, which is no heading or id on that page; anchors are made from the heading's text ("## Your rights" → #your-rights).${meant}`,
        ),
      );
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
