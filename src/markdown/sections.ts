import type { Token } from "markdown-it";
import { Parser } from "htmlparser2";
import type { TextSection } from "../model/text.ts";

/** The text readers see, cut at `##` and `###` headings: what the changes pages compare. */
export function textSections(tokens: readonly Token[]): TextSection[] {
  const sections: { id: string; heading: string; level: number; blocks: string[] }[] = [{ id: "", heading: "", level: 1, blocks: [] }];
  let row: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === "heading_open" && (token.tag === "h2" || token.tag === "h3")) {
      const inline = tokens[i + 1];
      sections.push({ id: String(token.attrGet("id") ?? ""), heading: inline ? plainText(inline) : "", level: Number(token.tag.slice(1)), blocks: [] });
      i += 2;
      continue;
    }
    const current = sections[sections.length - 1];
    if (!current) continue;
    if (token.type === "tr_open") row = [];
    else if (token.type === "tr_close" && row) {
      current.blocks.push(row.join(" | "));
      row = undefined;
    } else if (token.type === "inline") {
      const text = plainText(token);
      if (row) row.push(text);
      else if (text !== "") current.blocks.push(text);
    } else if (token.type === "html_block") {
      const text = htmlText(token.content);
      if (text !== "") current.blocks.push(text);
    }
  }
  return sections.filter((s) => s.id !== "" || s.blocks.length > 0);
}

function plainText(token: Token): string {
  let text = "";
  for (const child of token.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
    else if (child.type === "html_inline") text += htmlText(child.content);
    else if (child.type === "image") text += child.content;
  }
  return text.replace(/\s+/g, " ").trim();
}

function htmlText(html: string): string {
  let text = "";
  const parser = new Parser({ ontext: (chunk) => (text += chunk) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return text.replace(/\s+/g, " ").trim();
}
