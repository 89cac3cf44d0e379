/** What the model keeps of a rendered document besides its HTML. */

/** An entry of the table of contents: a heading with its anchor. */
export interface TocEntry {
  readonly id: string;
  readonly text: string;
  readonly children: TocEntry[];
}

/**
 * A document as readers see it, cut at its `##` and `###` headings: the plain text of each
 * paragraph, list item and table row. This is what "what changed" compares, so that a change of
 * Markdown markup alone (a different list marker, re-wrapped lines) is not reported as a change
 * of legal text.
 */
export interface TextSection {
  /** The heading's anchor; "" for text before the first heading. */
  readonly id: string;
  readonly heading: string;
  readonly level: number;
  readonly blocks: readonly string[];
}
