import type { TextSection } from "../model/text.ts";
import type { SectionChange } from "./changes.ts";

/** A section compared, and the work it took (`WorkBudget` units). */
interface ComparedSection {
  readonly change: SectionChange;
  readonly spent: number;
}

/**
 * What the comparisons of one document share: each pair of sections compared once. The compare
 * pages set every earlier version against the version in force, and a section changes in few
 * versions: a section last edited in the fifth version is the same pair of texts on the compare
 * pages of the first four versions, and on a changes page when nothing else changed it since.
 * Sections are told apart by their content (ids, headings and blocks), so that the same text in two
 * versions, or two languages, is one section here.
 */
export class SharedWork {
  /** The bounds its sections were compared within: a comparison with others does not use them. */
  constructor(readonly bounds: object) {}

  readonly #contentIds = new Map<string, number>();
  readonly #idOf = new WeakMap<TextSection, number>();
  readonly #sections = new Map<string, ComparedSection>();

  /** What comparing `before` with `after` gave before, if it was compared in this document. */
  compared(before: TextSection, after: TextSection, moved: boolean): ComparedSection | undefined {
    return this.#sections.get(this.#key(before, after, moved));
  }

  remember(before: TextSection, after: TextSection, moved: boolean, compared: ComparedSection): void {
    this.#sections.set(this.#key(before, after, moved), compared);
  }

  #key(before: TextSection, after: TextSection, moved: boolean): string {
    return `${this.#id(before)} ${this.#id(after)}${moved ? " moved" : ""}`;
  }

  #id(section: TextSection): number {
    let id = this.#idOf.get(section);
    if (id === undefined) {
      const content = JSON.stringify(section);
      id = this.#contentIds.get(content);
      if (id === undefined) this.#contentIds.set(content, (id = this.#contentIds.size));
      this.#idOf.set(section, id);
    }
    return id;
  }
}
