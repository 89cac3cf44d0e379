import type { ListItemText, TextBlock, TextSection } from "../model/text.ts";
import { align, blocksEqual, diffBlocks, wholeBlock } from "./blocks.ts";
import type { BlockChange, Comparison, SectionChange, SectionStatus } from "./changes.ts";
import { diffIfSimilar, WordIndex } from "./pairing.ts";
import { OutOfWork, WorkBudget } from "./work-budget.ts";
import type { SharedWork } from "./shared-work.ts";

export type { BlockChange, CellChange, Comparison, ListChange, ListItemChange, ParagraphChange, RunChange, RunStatus, SectionChange, SectionStatus, Segment, TableChange, TableRowChange, TargetChange } from "./changes.ts";
export { MIN_SIMILARITY, mostSharedText, wordOptions } from "./pairing.ts";
export { SharedWork } from "./shared-work.ts";

/**
 * What changed between two versions, section by section: a pure function of the two versions'
 * texts (`TextSection`s), for any two versions, not only neighbours. jsdiff aligns sections,
 * blocks, list items and table rows and cuts text into words, Jest's diff-sequences finds the
 * words two texts keep (`word-diff.ts`); `pairing.ts` decides which removed text an added one
 * edits, `blocks.ts` compares paragraphs, lists and tables.
 *
 * Two passes keep the cost low: sections are compared whole first, and words are diffed only
 * inside sections whose text differs. Every comparison has bounds (`ComparisonBounds`): a section
 * that would need more work is shown whole, its old text removed and its new text added, with a
 * note (`tooLarge`); docs/versioning.md says what readers see.
 */

/**
 * How much work one comparison may take (docs/performance.md, "Bounds of the comparisons").
 * Work is counted in units of about a word pair compared (`WorkBudget`).
 */
export interface ComparisonBounds {
  /** Work for one section's blocks: aligning and pairing them, diffing their words. */
  readonly sectionWork: number;
  /** Work for all sections of the page together, pairing renamed sections included. */
  readonly pageWork: number;
  /** Blocks, list items, table rows or columns removed plus added in one alignment, beyond which they are not aligned. */
  readonly paragraphEdits: number;
  /** Sections removed plus added, beyond which they are not aligned. */
  readonly sectionEdits: number;
}

export const COMPARISON_BOUNDS: ComparisonBounds = {
  sectionWork: 40_000_000,
  pageWork: 120_000_000,
  paragraphEdits: 1_000,
  sectionEdits: 1_000,
};

export function compareSections(
  older: readonly TextSection[],
  newer: readonly TextSection[],
  bounds: ComparisonBounds = COMPARISON_BOUNDS,
  /** What the comparisons of one document share (`SharedWork`), used when made for the same bounds. */
  shared?: SharedWork,
): Comparison {
  const memo = shared?.bounds === bounds ? shared : undefined;
  const olderById = new Map(older.map((s) => [s.id, s]));
  const newerIds = new Set(newer.map((s) => s.id));
  const changes: SectionChange[] = [];
  // The page's work: aligning and pairing sections, and each section's own budget taken from it.
  const page = new WorkBudget(bounds.pageWork);
  const compareSection = (before: TextSection, after: TextSection, moved: boolean) => {
    const allowed = Math.min(bounds.sectionWork, page.left);
    const budget = new WorkBudget(allowed);
    const change = compareSectionWithin(before, after, moved, budget, bounds, memo);
    page.spend(Math.min(allowed, allowed - budget.left));
    return change;
  };

  // Sections are aligned by anchor. A section whose anchor stays but whose place among the others
  // changed is moved; one whose heading was edited gets a new anchor, and is found among the
  // sections removed and added at the same place by its heading or text (`renamedPairs`).
  try {
    align(older, newer, (a, b) => a.id === b.id, bounds.sectionEdits, page, (before, after) => changes.push(compareSection(before, after, false)), (removed, added) => {
      const gone = removed.filter((s) => !newerIds.has(s.id));
      const come = added.filter((s) => !olderById.has(s.id));
      const renamedFrom = renamedPairs(gone, come, new WordIndex(page));
      const renamed = new Set(renamedFrom.values());
      // A moved section is reported where it now stands; a removed one where it stood.
      for (const section of gone) if (!renamed.has(section)) changes.push(wholeSection(section, "removed"));
      for (const section of added) {
        const before = olderById.get(section.id) ?? renamedFrom.get(section);
        changes.push(before ? compareSection(before, section, olderById.has(section.id)) : wholeSection(section, "added"));
      }
    });
  } catch (e) {
    if (!(e instanceof OutOfWork)) throw e;
    // Beyond the bound, the whole text is shown replaced: every older section removed, every newer one added.
    return counted([...older.map((s) => wholeSection(s, "removed")), ...newer.map((s) => wholeSection(s, "added"))].map((c) => ({ ...c, tooLarge: true })));
  }
  return counted(changes);
}

/**
 * Among the sections removed and the sections added at one place, which added one is which removed
 * one renamed, in order: its heading similar enough to be an edit of the old one (`diffIfSimilar`),
 * at least half of its blocks kept, or its text as a whole similar enough. A section whose heading and text both changed beyond that is
 * shown removed and a new one added, as are those left when the page's work runs out.
 */
function renamedPairs(removed: readonly TextSection[], added: readonly TextSection[], words: WordIndex): Map<TextSection, TextSection> {
  const pairs = new Map<TextSection, TextSection>();
  if (removed.length === 0 || added.length === 0) return pairs;
  const { budget } = words;
  const texts = new Map<TextSection, string>();
  const textOf = (section: TextSection) => texts.get(section) ?? texts.set(section, sectionText(section)).get(section) ?? "";
  let from = 0;
  try {
    for (const before of removed) {
      for (let a = from; a < added.length; a++) {
        const after = added[a] as TextSection;
        if (diffIfSimilar(before.heading, after.heading, words) || keepsBlocks(before.blocks, after.blocks, budget) || diffIfSimilar(textOf(before), textOf(after), words)) {
          pairs.set(after, before);
          from = a + 1;
          break;
        }
      }
    }
  } catch (e) {
    if (!(e instanceof OutOfWork)) throw e;
  }
  return pairs;
}

/** At least half of the blocks of the larger of two sections are in the other one, unchanged. */
function keepsBlocks(before: readonly TextBlock[], after: readonly TextBlock[], budget: WorkBudget): boolean {
  budget.spend(before.length + after.length);
  const wanted = Math.max(before.length, after.length) / 2;
  if (wanted === 0) return true;
  const text = (b: TextBlock) => (b.kind === "paragraph" ? b.text : undefined);
  const old = new Set(before.map(text));
  return after.filter((b) => text(b) !== undefined && old.has(text(b))).length >= wanted;
}

/** A section's text as one string: its paragraphs, list items and table cells. */
function sectionText(section: TextSection): string {
  const texts: string[] = [];
  for (const block of section.blocks) {
    if (block.kind === "paragraph") texts.push(block.text);
    else if (block.kind === "list") listTexts(block.items, texts);
    else for (const row of block.rows) for (const cell of row) texts.push(cell.text);
  }
  return texts.join(" ");
}

function listTexts(items: readonly ListItemText[], into: string[]): void {
  for (const item of items) {
    into.push(item.text);
    listTexts(item.items, into);
  }
}

function counted(changes: readonly SectionChange[]): Comparison {
  const counts: Record<SectionStatus, number> = { unchanged: 0, changed: 0, renamed: 0, moved: 0, added: 0, removed: 0 };
  let targetChanges = 0;
  for (const change of changes) {
    counts[change.status]++;
    targetChanges += change.targetChanges;
  }
  return { sections: changes, counts, targetChanges };
}

function wholeSection(section: TextSection, status: "added" | "removed"): SectionChange {
  const blocks = section.blocks.map((block) => wholeBlock(block, status === "added" ? "inserted" : "deleted"));
  return { id: section.id, heading: section.heading, level: section.level, status, textChanged: true, blocks, unchangedBlocks: [], targetChanges: targetCount(blocks) };
}

/** The link addresses, image sources and ids listed as changed in `blocks`. */
function targetCount(blocks: readonly BlockChange[]): number {
  let n = 0;
  const runs = (items: readonly { targets: readonly unknown[]; children?: readonly { targets: readonly unknown[] }[] }[]): void => {
    for (const item of items) {
      n += item.targets.length;
      if (item.children) runs(item.children);
    }
  };
  for (const block of blocks) {
    if (block.kind === "paragraph") n += block.targets.length;
    else if (block.kind === "list") runs(block.items);
    else for (const row of [block.header, ...block.rows]) runs(row.cells);
  }
  return n;
}

/** Two versions of one section: moved when its place changed, renamed when its heading did. */
function compareSectionWithin(
  before: TextSection,
  after: TextSection,
  moved: boolean,
  budget: WorkBudget,
  bounds: ComparisonBounds,
  memo: SharedWork | undefined,
): SectionChange {
  const renamed = before.heading !== after.heading;
  const textChanged = !blocksEqual(before.blocks, after.blocks);
  const status: SectionStatus = moved ? "moved" : renamed ? "renamed" : textChanged ? "changed" : "unchanged";
  // Most sections of a version are unchanged: theirs is the one object made, without spreads.
  if (!textChanged && !renamed) return { id: after.id, heading: after.heading, level: after.level, status, textChanged, blocks: [], unchangedBlocks: moved ? [] : after.blocks, targetChanges: 0 };
  const base = {
    id: after.id,
    heading: after.heading,
    ...(renamed && { previousHeading: before.heading }),
    level: after.level,
    status,
    textChanged,
  };
  if (!textChanged) return { ...base, blocks: [], unchangedBlocks: [], targetChanges: 0 };
  // A pair compared before within its bound gives the same change with the same work, if this one allows as much.
  const known = memo?.compared(before, after, moved);
  if (known && known.spent <= budget.left) {
    budget.spend(known.spent);
    return known.change;
  }
  const start = budget.left;
  try {
    const blocks = diffBlocks(before.blocks, after.blocks, new WordIndex(budget), bounds);
    const change = { ...base, blocks, unchangedBlocks: [], targetChanges: targetCount(blocks) };
    memo?.remember(before, after, moved, { change, spent: start - budget.left });
    return change;
  } catch (e) {
    if (!(e instanceof OutOfWork)) throw e;
    const blocks = [...before.blocks.map((b) => wholeBlock(b, "deleted")), ...after.blocks.map((b) => wholeBlock(b, "inserted"))];
    return { ...base, blocks, unchangedBlocks: [], targetChanges: targetCount(blocks), tooLarge: true };
  }
}
