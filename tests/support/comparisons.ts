import type { BlockChange, ListItemChange, RunChange } from "../../src/diff/compare.ts";

/** A compared text with [+inserted+] and [-deleted-] marks, and its changed targets as {link: old → new}. */
export function markedRun(run: RunChange): string {
  const words = run.segments.map((seg) => (seg.kind === "inserted" ? `[+${seg.text}+]` : seg.kind === "deleted" ? `[-${seg.text}-]` : seg.text)).join("");
  const targets = run.targets.map((t) => ` {${t.kind}: ${t.before ?? ""} → ${t.after ?? ""}}`).join("");
  return words + targets;
}

/**
 * A compared block as lines of marked text: a paragraph as one line, a list item per line
 * (indented two spaces a level, "- " or "1. "), a table row per line with its cells joined by " | ".
 */
export function markedBlock(block: BlockChange): string[] {
  if (block.kind === "paragraph") return [markedRun(block)];
  if (block.kind === "list") {
    const lines: string[] = [];
    const items = (list: readonly ListItemChange[], ordered: boolean, depth: number) => {
      for (const item of list) {
        lines.push(`${"  ".repeat(depth)}${ordered ? "1." : "-"} ${markedRun(item)}`);
        items(item.children, item.ordered, depth + 1);
      }
    };
    items(block.items, block.ordered, 0);
    return lines;
  }
  return [block.header, ...block.rows].map((row) => row.cells.map(markedRun).join(" | "));
}
