import { diffArrays } from "diff";
import type { ListBlock, ListItemText, TableBlock, TextBlock, TextRun, TextTarget } from "../model/text.ts";
import type { BlockChange, CellChange, ListChange, ListItemChange, RunChange, RunStatus, Segment, TableChange, TableRowChange, TargetChange } from "./changes.ts";
import { diffIfSimilar, pairTexts, type WordIndex, type WordPart } from "./pairing.ts";
import { OutOfWork, type WorkBudget } from "./work-budget.ts";

/**
 * A changed section's paragraphs, lists and tables compared: blocks aligned (jsdiff), a removed
 * block paired with an added one of the same kind next to it, lists item by item, tables cell by
 * cell. Every step takes its work from the section's budget (`WorkBudget`), and every alignment
 * is capped at `paragraphEdits` edits, so a list or table of any size stays within the bound.
 */

/** What the block comparisons need of `ComparisonBounds`. */
export interface BlockBounds {
  /** Blocks, list items, table rows or columns removed plus added in one alignment, beyond which they are not aligned. */
  readonly paragraphEdits: number;
}

const NO_TARGET_CHANGES: readonly TargetChange[] = Object.freeze([]);

function targetsEqual(a: readonly TextTarget[], b: readonly TextTarget[]): boolean {
  return a.length === b.length && a.every((t, i) => t.kind === b[i]?.kind && t.value === b[i]?.value);
}

function runsEqual(a: TextRun, b: TextRun): boolean {
  return a.text === b.text && targetsEqual(a.targets, b.targets);
}

function itemsEqual(a: readonly ListItemText[], b: readonly ListItemText[]): boolean {
  return a.length === b.length && a.every((item, i) => {
    const other = b[i];
    return other !== undefined && runsEqual(item, other) && item.ordered === other.ordered && itemsEqual(item.items, other.items);
  });
}

function rowsEqual(a: readonly TextRun[], b: readonly TextRun[]): boolean {
  return a.length === b.length && a.every((cell, j) => {
    const other = b[j];
    return other !== undefined && runsEqual(cell, other);
  });
}

function blockEqual(a: TextBlock, b: TextBlock): boolean {
  if (a.kind === "paragraph") return b.kind === "paragraph" && runsEqual(a, b);
  if (a.kind === "list") return b.kind === "list" && a.ordered === b.ordered && itemsEqual(a.items, b.items);
  return b.kind === "table" && a.rows.length === b.rows.length && a.rows.every((row, i) => {
    const other = b.rows[i];
    return other !== undefined && rowsEqual(row, other);
  });
}

/** Whether two sections' texts are the same, targets included; no work beyond one pass. */
export function blocksEqual(a: readonly TextBlock[], b: readonly TextBlock[]): boolean {
  return a.length === b.length && a.every((block, i) => {
    const other = b[i];
    return other !== undefined && blockEqual(block, other);
  });
}

/**
 * `older` and `newer` aligned (jsdiff's diffArrays, comparing with `equal`), each kept element
 * given to `same` and each run of removed and added ones between two kept ones to `gap`. Each
 * comparison is taken from `budget`; beyond `maxEdits` edits the alignment is not made: OutOfWork,
 * for the caller to show the text replaced.
 */
export function align<T>(
  older: readonly T[],
  newer: readonly T[],
  equal: (a: T, b: T) => boolean,
  maxEdits: number,
  budget: WorkBudget,
  same: (before: T, after: T) => void,
  gap: (removed: T[], added: T[]) => void,
): void {
  budget.spend(older.length + newer.length);
  // The budget is taken in one piece and what is left given back, as in word-diff.ts.
  const allowed = budget.left;
  let compared = 0;
  const comparator = (a: T, b: T) => {
    if (++compared > allowed) budget.spend(compared);
    return equal(a, b);
  };
  // jsdiff copies the arrays it is given (its array diff's `tokenize`) and never changes them.
  const parts = diffArrays(older as T[], newer as T[], { maxEditLength: maxEdits, comparator });
  budget.spend(compared);
  if (!parts) throw new OutOfWork();
  let oldAt = 0;
  let newAt = 0;
  let removed: T[] = [];
  let added: T[] = [];
  const flush = () => {
    if (removed.length > 0 || added.length > 0) gap(removed, added);
    removed = [];
    added = [];
  };
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    if (part.removed) for (let i = 0; i < count; i++) removed.push(older[oldAt++] as T);
    else if (part.added) for (let i = 0; i < count; i++) added.push(newer[newAt++] as T);
    else {
      flush();
      for (let i = 0; i < count; i++) same(older[oldAt++] as T, newer[newAt++] as T);
    }
  }
  flush();
}

/**
 * The link addresses, image sources and ids of an edited text compared, in order: one of the same
 * kind removed where another is added is a changed one ("link changed: old → new").
 */
export function compareTargets(before: readonly TextTarget[], after: readonly TextTarget[], budget: WorkBudget, bounds: BlockBounds): readonly TargetChange[] {
  if (targetsEqual(before, after)) return NO_TARGET_CHANGES;
  const changes: TargetChange[] = [];
  align(before, after, (a, b) => a.kind === b.kind && a.value === b.value, bounds.paragraphEdits, budget, () => {}, (removed, added) => {
    const taken = new Set<number>();
    for (const old of removed) {
      const index = added.findIndex((t, i) => !taken.has(i) && t.kind === old.kind);
      if (index === -1) changes.push({ kind: old.kind, before: old.value });
      else {
        taken.add(index);
        changes.push({ kind: old.kind, before: old.value, after: (added[index] as TextTarget).value });
      }
    }
    added.forEach((t, i) => {
      if (!taken.has(i)) changes.push({ kind: t.kind, after: t.value });
    });
  });
  return changes;
}

function segmentsOf(parts: readonly WordPart[]): Segment[] {
  return parts.map((p) => ({ kind: p.added ? "inserted" : p.removed ? "deleted" : "same", text: p.value }));
}

/** A text shown whole: kept, new or removed; the targets of a new or removed one listed as added or removed. */
export function wholeRun(run: TextRun, status: "same" | "inserted" | "deleted"): RunChange {
  const kind = status === "inserted" ? "inserted" : status === "deleted" ? "deleted" : "same";
  return {
    status,
    segments: run.text === "" ? [] : [{ kind, text: run.text }],
    targets: status === "same" || run.targets.length === 0 ? NO_TARGET_CHANGES : run.targets.map((t) => (status === "inserted" ? { kind: t.kind, after: t.value } : { kind: t.kind, before: t.value })),
  };
}

/** Two texts paired as an edit of each other, with their word diff. */
function pairedRun(before: TextRun, after: TextRun, parts: readonly WordPart[], budget: WorkBudget, bounds: BlockBounds): RunChange {
  const targets = compareTargets(before.targets, after.targets, budget, bounds);
  const wordsChanged = parts.some((p) => p.added || p.removed);
  return { status: wordsChanged || targets.length > 0 ? "changed" : "same", segments: segmentsOf(parts), targets };
}

/** A table cell or heading-like text: word by word when similar enough, else the old removed and the new added. */
function editedRun(before: TextRun, after: TextRun, words: WordIndex, bounds: BlockBounds): RunChange {
  if (before.text === after.text) {
    const targets = compareTargets(before.targets, after.targets, words.budget, bounds);
    return { status: targets.length > 0 ? "changed" : "same", segments: after.text === "" ? [] : [{ kind: "same", text: after.text }], targets };
  }
  const parts = diffIfSimilar(before.text, after.text, words);
  if (parts) return pairedRun(before, after, parts, words.budget, bounds);
  const replaced: WordPart[] = [...(before.text === "" ? [] : [{ value: before.text, removed: true }]), ...(after.text === "" ? [] : [{ value: after.text, added: true }])];
  return pairedRun(before, after, replaced, words.budget, bounds);
}

/**
 * The order a gap is read in: each added element in its order, and before it the removed ones
 * without a partner that stood before the partner of the next paired element (all that are left,
 * when none follows), so a deletion stays next to the text around it and precedes what replaced it.
 */
function readingOrder(removedCount: number, added: readonly (number | undefined)[]): ({ removed: number } | { added: number })[] {
  const paired = new Set(added.filter((r) => r !== undefined));
  const nextPartner: (number | undefined)[] = [];
  for (let a = added.length - 1, next: number | undefined; a >= 0; a--) nextPartner[a] = next = added[a] ?? next;
  const order: ({ removed: number } | { added: number })[] = [];
  let done = 0;
  const removedUpTo = (end: number) => {
    for (; done < end; done++) if (!paired.has(done)) order.push({ removed: done });
  };
  added.forEach((_, a) => {
    removedUpTo(nextPartner[a] ?? removedCount);
    order.push({ added: a });
  });
  removedUpTo(removedCount);
  return order;
}

/** Runs of removed and added texts (paragraphs, list items) paired by similarity (`pairTexts`), in reading order. */
function pairedRuns<T extends TextRun>(removed: readonly T[], added: readonly T[], words: WordIndex, bounds: BlockBounds): { run: T; change: RunChange; before?: T }[] {
  const pairs = pairTexts(removed.map((r) => r.text), added.map((a) => a.text), words);
  return readingOrder(removed.length, added.map((_, a) => pairs.get(a)?.removedIndex)).map((step) => {
    if ("removed" in step) {
      const run = removed[step.removed] as T;
      return { run, change: wholeRun(run, "deleted") };
    }
    const run = added[step.added] as T;
    const pair = pairs.get(step.added);
    const before = pair && removed[pair.removedIndex];
    return before && pair ? { run, change: pairedRun(before, run, pair.parts, words.budget, bounds), before } : { run, change: wholeRun(run, "inserted") };
  });
}

/** A block shown whole: in an added or removed section, or one with no partner. */
export function wholeBlock(block: TextBlock, status: "same" | "inserted" | "deleted"): BlockChange {
  if (block.kind === "paragraph") return { kind: "paragraph", ...wholeRun(block, status) };
  if (block.kind === "list") {
    const whole = (item: ListItemText): ListItemChange => ({ ...wholeRun(item, status), ordered: item.ordered, children: item.items.map(whole) });
    return { kind: "list", status, ordered: block.ordered, items: block.items.map(whole) };
  }
  const row = (cells: readonly TextRun[]): TableRowChange => ({ status, cells: cells.map((cell) => ({ ...wholeRun(cell, status), column: "same" })) });
  const [header = [], ...rows] = block.rows;
  return { kind: "table", status, header: row(header), rows: rows.map(row) };
}

/** Paragraphs, lists and tables of a changed section compared. */
export function diffBlocks(before: readonly TextBlock[], after: readonly TextBlock[], words: WordIndex, bounds: BlockBounds): BlockChange[] {
  const changes: BlockChange[] = [];
  align(before, after, blockEqual, bounds.paragraphEdits, words.budget, (_, block) => changes.push(wholeBlock(block, "same")), (removed, added) => {
    // Paragraphs pair by likeness; lists and tables pair with the one of their kind at the same place in the run.
    const paragraphs = pairedRuns(
      removed.filter((b) => b.kind === "paragraph"),
      added.filter((b) => b.kind === "paragraph"),
      words,
      bounds,
    );
    const changeOf = new Map<TextBlock, BlockChange>(paragraphs.map(({ run, change }) => [run, { kind: "paragraph", ...change }]));
    const partnerOf = new Map<TextBlock, TextBlock>();
    for (const { run, before } of paragraphs) if (before) partnerOf.set(run, before);
    for (const kind of ["list", "table"] as const) {
      const gone = removed.filter((b) => b.kind === kind);
      const come = added.filter((b) => b.kind === kind);
      come.forEach((block, i) => {
        const old = gone[i];
        if (old) partnerOf.set(block, old);
        changeOf.set(block, old ? diffBlock(old, block, words, bounds) : wholeBlock(block, "inserted"));
      });
      for (const old of gone.slice(come.length)) changeOf.set(old, wholeBlock(old, "deleted"));
    }
    for (const step of readingOrder(removed.length, added.map((block) => {
      const partner = partnerOf.get(block);
      return partner === undefined ? undefined : removed.indexOf(partner);
    }))) {
      const block = "removed" in step ? removed[step.removed] : added[step.added];
      const change = block && changeOf.get(block);
      if (change && ("added" in step || change.status === "deleted")) changes.push(change);
    }
  });
  return changes;
}

function diffBlock(before: TextBlock, after: TextBlock, words: WordIndex, bounds: BlockBounds): BlockChange {
  if (before.kind === "list" && after.kind === "list") return diffList(before, after, words, bounds);
  if (before.kind === "table" && after.kind === "table") return diffTable(before, after, words, bounds);
  throw new Error(`Internal error: a ${before.kind} paired with a ${after.kind}.`);
}

/** A list item in reading order: its depth and whether the list it belongs to is numbered. */
interface FlatItem extends TextRun {
  readonly depth: number;
  readonly inOrdered: boolean;
}

function flatItems(items: readonly ListItemText[], inOrdered: boolean, depth: number, into: FlatItem[], budget: WorkBudget): FlatItem[] {
  budget.spend(items.length);
  for (const item of items) {
    into.push({ text: item.text, targets: item.targets, depth, inOrdered });
    flatItems(item.items, item.ordered, depth + 1, into, budget);
  }
  return into;
}

/** Lists item by item: an added item is added, an edited one shows its words; nested lists stay nested. */
function diffList(before: ListBlock, after: ListBlock, words: WordIndex, bounds: BlockBounds): ListChange {
  const flat: { item: FlatItem; change: RunChange }[] = [];
  const equal = (a: FlatItem, b: FlatItem) => a.depth === b.depth && a.inOrdered === b.inOrdered && runsEqual(a, b);
  const older = flatItems(before.items, before.ordered, 0, [], words.budget);
  const newer = flatItems(after.items, after.ordered, 0, [], words.budget);
  align(older, newer, equal, bounds.paragraphEdits, words.budget, (_, item) => flat.push({ item, change: wholeRun(item, "same") }), (removed, added) => {
    for (const { run, change } of pairedRuns(removed, added, words, bounds)) flat.push({ item: run, change });
  });
  const items = nestItems(flat);
  return { kind: "list", status: flat.every((f) => f.change.status === "same") ? "same" : "changed", ordered: flat[0]?.item.inOrdered ?? after.ordered, items };
}

/** Items in reading order with their depths, as the tree of nested lists they form. */
function nestItems(flat: readonly { item: FlatItem; change: RunChange }[]): ListItemChange[] {
  type Node = { depth: number; node: ListItemChange & { ordered: boolean; children: ListItemChange[] } };
  const root: ListItemChange[] = [];
  const stack: Node[] = [];
  for (const { item, change } of flat) {
    while (stack.length > 0 && (stack[stack.length - 1] as Node).depth >= item.depth) stack.pop();
    const parent = stack[stack.length - 1];
    const node = { status: change.status, segments: change.segments, targets: change.targets, ordered: false, children: [] as ListItemChange[] };
    if (parent) {
      if (parent.node.children.length === 0) parent.node.ordered = item.inOrdered;
      parent.node.children.push(node);
    } else root.push(node);
    stack.push({ depth: item.depth, node });
  }
  return root;
}

/** Which column of each table a column of the comparison shows. */
interface Column {
  readonly before?: number;
  readonly after?: number;
}

/** Tables cell by cell: columns matched by their header, rows by their first cell, then by place or likeness. */
function diffTable(before: TableBlock, after: TableBlock, words: WordIndex, bounds: BlockBounds): TableChange {
  const [oldHeader = [], ...oldRows] = before.rows;
  const [newHeader = [], ...newRows] = after.rows;
  const indices = (n: number) => Array.from({ length: n }, (_, i) => i);
  const cellText = (row: readonly TextRun[], i: number) => row[i]?.text ?? "";

  const columns: Column[] = [];
  const headerCells = (row: readonly TextRun[]) => row.map((cell, i) => ({ i, text: cell.text }));
  align(headerCells(oldHeader), headerCells(newHeader), (a, b) => a.text === b.text, bounds.paragraphEdits, words.budget, (b, a) => columns.push({ before: b.i, after: a.i }), (removed, added) => {
    const pairs = pairedIndices(removed.map((c) => c.i), added.map((c) => c.i), (i) => cellText(oldHeader, i), (i) => cellText(newHeader, i), words);
    for (const [b, a] of pairs) columns.push({ ...(b !== undefined && { before: b }), ...(a !== undefined && { after: a }) });
  });
  words.budget.spend(columns.length * (oldRows.length + newRows.length + 1));

  const rows: TableRowChange[] = [];
  const firstCell = (row: readonly TextRun[]) => row[0]?.text ?? "";
  align(oldRows, newRows, (a, b) => firstCell(a) === firstCell(b), bounds.paragraphEdits, words.budget, (b, a) => rows.push(rowChange(b, a, columns, words, bounds)), (removed, added) => {
    const rowText = (row: readonly TextRun[]) => row.map((c) => c.text).join(" | ");
    for (const [b, a] of pairedIndices(indices(removed.length), indices(added.length), (i) => rowText(removed[i] ?? []), (i) => rowText(added[i] ?? []), words)) {
      rows.push(rowChange(b === undefined ? undefined : removed[b], a === undefined ? undefined : added[a], columns, words, bounds));
    }
  });
  const header = rowChange(oldHeader, newHeader, columns, words, bounds);
  const same = header.status === "same" && rows.every((r) => r.status === "same");
  return { kind: "table", status: same ? "same" : "changed", header, rows };
}

/**
 * Removed and added elements of one gap paired: by place when as many were removed as added (a
 * column renamed, a row rewritten where it stands), else by likeness (`pairTexts`). Removed ones
 * without a partner first, then the added ones in order.
 */
function pairedIndices(removed: readonly number[], added: readonly number[], oldText: (i: number) => string, newText: (i: number) => string, words: WordIndex): [number | undefined, number | undefined][] {
  if (removed.length === added.length) return removed.map((b, i) => [b, added[i]]);
  const pairs = pairTexts(removed.map(oldText), added.map(newText), words);
  const paired = new Set([...pairs.values()].map((p) => p.removedIndex));
  const result: [number | undefined, number | undefined][] = removed.filter((_, r) => !paired.has(r)).map((b) => [b, undefined]);
  added.forEach((a, i) => {
    const pair = pairs.get(i);
    result.push([pair === undefined ? undefined : removed[pair.removedIndex], a]);
  });
  return result;
}

const EMPTY_CELL: CellChange = { status: "same", segments: [], targets: NO_TARGET_CHANGES, column: "same" };

/** One row across the compared columns: of both tables, or only of the older or the newer one. */
function rowChange(before: readonly TextRun[] | undefined, after: readonly TextRun[] | undefined, columns: readonly Column[], words: WordIndex, bounds: BlockBounds): TableRowChange {
  const cells = columns.map((column): CellChange => {
    const columnStatus = column.before === undefined ? "inserted" : column.after === undefined ? "deleted" : "same";
    const old = column.before === undefined ? undefined : before?.[column.before];
    const now = column.after === undefined ? undefined : after?.[column.after];
    if (old && now) return { ...editedRun(old, now, words, bounds), column: columnStatus };
    if (now) return { ...wholeRun(now, "inserted"), column: columnStatus };
    if (old) return { ...wholeRun(old, "deleted"), column: columnStatus };
    return { ...EMPTY_CELL, column: columnStatus };
  });
  const status: RunStatus = !before ? "inserted" : !after ? "deleted" : cells.every((c) => c.status === "same" && c.column === "same") ? "same" : "changed";
  return { status, cells };
}
