import { warning, type Problem } from "../core/problems.ts";
import type { ExplicitId } from "../markdown/attribute-lists.ts";
import type { VersionDraft } from "./assemble.ts";
import type { SourceFile } from "./scan.ts";

/** What this rule needs of a rendered file. */
export interface FileAnchors {
  /** Ids the author set (attribute lists, raw HTML): published anchors readers link to. */
  readonly explicitIds: readonly ExplicitId[];
  /** Every id a link may point at on the file's page. */
  readonly anchors: readonly string[];
}

/**
 * Ids an author set on a version that the next version in the same language no longer has: links
 * readers copied to `/<locale>/<doc>/#id` stop leading anywhere when the new version takes effect.
 * A warning on the newer file, at the heading that carried the id when it is still there.
 */
export function droppedIdWarnings(versions: readonly VersionDraft[], rendered: ReadonlyMap<string, FileAnchors>): Problem[] {
  const problems: Problem[] = [];
  const previous = new Map<string, SourceFile>();
  for (const version of versions) {
    for (const [locale, file] of version.files) {
      const earlier = previous.get(locale);
      previous.set(locale, file);
      const before = earlier && rendered.get(earlier.file);
      const now = rendered.get(file.file);
      if (!earlier || !before || !now || before.explicitIds.length === 0) continue;
      const kept = new Set(now.anchors);
      const reported = new Set<string>();
      for (const explicit of before.explicitIds) {
        if (kept.has(explicit.id) || reported.has(explicit.id)) continue;
        reported.add(explicit.id);
        const line = explicit.heading === undefined ? undefined : headingLine(file.body, explicit.heading);
        const keep = explicit.heading === undefined ? `{: #${explicit.id} } on the line after its block` : `${explicit.heading} {#${explicit.id}}`;
        problems.push(
          warning(
            file.file,
            file.bodyLine + (line ?? 0),
            `drops the id #${explicit.id} that ${earlier.file} (line ${explicit.line}) has: readers' deep links to #${explicit.id} break when this version takes effect; keep the id (${keep}).`,
          ),
        );
      }
    }
  }
  return problems;
}

/** The body line (from 0) of the heading `## Text` (with any attribute list after it), if the body has one. */
function headingLine(body: string, heading: string): number | undefined {
  const lines = body.split("\n");
  const index = lines.findIndex((line) => line.replace(/\s*\{[^}]*\}\s*$/, "").trim() === heading);
  return index === -1 ? undefined : index;
}
