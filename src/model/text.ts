/** What the model keeps of a rendered document besides its HTML. */

/** An entry of the table of contents: a heading with its anchor. */
export interface TocEntry {
  readonly id: string;
  readonly text: string;
  readonly children: TocEntry[];
}

/**
 * What a piece of text points to that readers do not read as words: a link's address, an image's
 * source, an `id` others link to. Changing one is a change of the document (a link fixed after
 * it went dead), so the changes pages compare them with the words.
 */
export interface TextTarget {
  readonly kind: "link" | "image" | "id";
  readonly value: string;
}

/** A paragraph, a list item or a table cell: its plain text and what it points to. */
export interface TextRun {
  readonly text: string;
  readonly targets: readonly TextTarget[];
}

export interface ParagraphBlock extends TextRun {
  readonly kind: "paragraph";
}

/** A list item with the list nested in it, if any (`items`; `ordered` says whether that one is numbered). */
export interface ListItemText extends TextRun {
  readonly ordered: boolean;
  readonly items: readonly ListItemText[];
}

/** A list with the lists nested in its items. */
export interface ListBlock {
  readonly kind: "list";
  readonly ordered: boolean;
  readonly items: readonly ListItemText[];
}

/** A table; its first row is the header row (Markdown tables always have one). */
export interface TableBlock {
  readonly kind: "table";
  readonly rows: readonly (readonly TextRun[])[];
}

export type TextBlock = ParagraphBlock | ListBlock | TableBlock;

/**
 * A document as readers see it, cut at its `##` and `###` headings: paragraphs, lists item by
 * item and tables cell by cell, each as plain text with its link targets. This is what "what
 * changed" compares, so that a change of Markdown markup alone (a different list marker,
 * re-wrapped lines) is not reported as a change of legal text.
 */
export interface TextSection {
  /** The heading's anchor; "" for text before the first heading. */
  readonly id: string;
  readonly heading: string;
  readonly level: number;
  readonly blocks: readonly TextBlock[];
}
