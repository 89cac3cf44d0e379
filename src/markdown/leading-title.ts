import type { MarkdownIt, Token } from "markdown-it";
import { sameApartFromWhitespace } from "../core/text.ts";
import { headingText } from "./heading-anchors.ts";

/**
 * Many legal texts begin their body with the title (`# Privacy Policy`), as they were written for
 * engines that print no title of their own. When the first block is a level-1 heading with the
 * front matter's title as its text, it is that title, which the page already shows as its <h1>:
 * it is left out of the body. This is the only text Codicil leaves out (docs/content.md).
 */
export interface LeadingTitleEnv {
  /** The title from front matter. */
  readonly title?: string;
  /** Set when the body began with the title and it was left out: the file line it was on. */
  leadingTitleLine?: number;
}

/** Titles compared as readers see them: the same text in any Unicode form, spaces trimmed and collapsed. */
export function sameTitle(a: string, b: string): boolean {
  return sameApartFromWhitespace(a.normalize("NFC"), b.normalize("NFC"));
}

export function leadingTitlePlugin(md: MarkdownIt): void {
  md.core.ruler.push("codicil_leading_title", (state) => {
    const env = state.env as LeadingTitleEnv;
    const text = leadingLevelOneHeading(state.tokens);
    if (env.title === undefined || text === undefined || !sameTitle(text, env.title)) return;
    env.leadingTitleLine = state.tokens[0]?.map?.[0] ?? 0;
    state.tokens.splice(0, 3);
  });
}

/** The text of the body's first block when it is a level-1 heading. */
export function leadingLevelOneHeading(tokens: readonly Token[]): string | undefined {
  const first = tokens[0];
  return first?.type === "heading_open" && first.tag === "h1" ? headingText(tokens[1]) : undefined;
}
