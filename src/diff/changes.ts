import type { TextBlock, TextTarget } from "../model/text.ts";

/**
 * What a comparison of two versions finds (`compareSections`), as plain data for the pages: sections
 * with their status, and inside a changed section its paragraphs, lists and tables marked up.
 */

/**
 * unchanged; changed (its text); renamed (its heading, in the same place; `textChanged` tells
 * whether its text changed as well); moved (its place among the sections, perhaps its heading and
 * text too); added; removed.
 */
export type SectionStatus = "unchanged" | "changed" | "renamed" | "moved" | "added" | "removed";

export interface Segment {
  readonly kind: "same" | "inserted" | "deleted";
  readonly text: string;
}

/**
 * A link address, image source or id that changed: `before` and `after` both for one that
 * changed, only `after` for one added, only `before` for one removed.
 */
export interface TargetChange {
  readonly kind: TextTarget["kind"];
  readonly before?: string;
  readonly after?: string;
}

/** How a paragraph, list item, table row or cell compares: kept, edited, new or removed. */
export type RunStatus = "same" | "changed" | "inserted" | "deleted";

/** A paragraph, list item or table cell compared: its words marked, and its changed addresses. */
export interface RunChange {
  readonly status: RunStatus;
  readonly segments: readonly Segment[];
  readonly targets: readonly TargetChange[];
}

export interface ParagraphChange extends RunChange {
  readonly kind: "paragraph";
}

/** A list item compared, with the list nested in it (`ordered` says whether that one is numbered). */
export interface ListItemChange extends RunChange {
  readonly ordered: boolean;
  readonly children: readonly ListItemChange[];
}

export interface ListChange {
  readonly kind: "list";
  readonly status: RunStatus;
  readonly ordered: boolean;
  readonly items: readonly ListItemChange[];
}

/** A table cell compared; `column` says whether its whole column is new or removed. */
export interface CellChange extends RunChange {
  readonly column: "same" | "inserted" | "deleted";
}

export interface TableRowChange {
  readonly status: RunStatus;
  readonly cells: readonly CellChange[];
}

/** A table compared: rows matched by their first cell, columns by their header. */
export interface TableChange {
  readonly kind: "table";
  readonly status: RunStatus;
  readonly header: TableRowChange;
  readonly rows: readonly TableRowChange[];
}

export type BlockChange = ParagraphChange | ListChange | TableChange;

export interface SectionChange {
  /** The section's anchor in the newer version (the older one for removed sections). */
  readonly id: string;
  readonly heading: string;
  /** The heading in the older version when it was edited (a renamed section, or a moved one). */
  readonly previousHeading?: string;
  readonly level: number;
  readonly status: SectionStatus;
  /** Whether the text under the heading changed (always for added, removed and changed sections). */
  readonly textChanged: boolean;
  /** The section's paragraphs, lists and tables marked up; empty for unchanged sections. */
  readonly blocks: readonly BlockChange[];
  /** The text, for unchanged sections (shown collapsed). */
  readonly unchangedBlocks: readonly TextBlock[];
  /** How many link addresses, image sources and ids changed in the section (`TargetChange`). */
  readonly targetChanges: number;
  /** Too large a change to compare within the bounds: shown as the old text replaced by the new. */
  readonly tooLarge?: true;
}

export interface Comparison {
  readonly sections: readonly SectionChange[];
  readonly counts: Readonly<Record<SectionStatus, number>>;
  /** Link addresses, image sources and ids changed in all sections. */
  readonly targetChanges: number;
}
