import type { Token } from "markdown-it";
import { Parser } from "htmlparser2";
import { oneSpaced } from "../core/text.ts";
import type { ListItemText, TableBlock, TextBlock, TextRun, TextSection, TextTarget } from "../model/text.ts";

/** Most text points nowhere and most items hold no list: one shared empty list instead of one each. */
const NO_TARGETS: readonly TextTarget[] = Object.freeze([]);
const NO_ITEMS: readonly ListItemText[] = Object.freeze([]);

interface OpenItem {
  readonly texts: string[];
  readonly targets: TextTarget[];
  /** The list nested in the item. */
  nested?: OpenList;
}

interface OpenList {
  readonly ordered: boolean;
  readonly items: OpenItem[];
}

/**
 * The text readers see, cut at `##` and `###` headings: what the changes pages compare.
 * Paragraphs, list items (with the lists nested in them) and table cells keep their link
 * targets, image sources and raw HTML ids.
 */
export function textSections(tokens: readonly Token[]): TextSection[] {
  const sections: { id: string; heading: string; level: number; blocks: TextBlock[] }[] = [{ id: "", heading: "", level: 1, blocks: [] }];
  let table: { rows: TextRun[][] } | undefined;
  let row: TextRun[] | undefined;
  /** The lists open around the current token, innermost last, and the items open in them. */
  const lists: OpenList[] = [];
  const items: OpenItem[] = [];
  const addRun = (run: TextRun, current: { blocks: TextBlock[] }) => {
    const item = items[items.length - 1];
    if (row) row.push(run);
    else if (item) {
      if (run.text !== "") item.texts.push(run.text);
      for (const target of run.targets) item.targets.push(target);
    } else if (run.text !== "" || run.targets.length > 0) current.blocks.push({ kind: "paragraph", text: run.text, targets: run.targets });
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === "heading_open" && (token.tag === "h2" || token.tag === "h3") && lists.length === 0) {
      const inline = tokens[i + 1];
      sections.push({ id: String(token.attrGet("id") ?? ""), heading: inline ? inlineRun(inline).text : "", level: Number(token.tag.slice(1)), blocks: [] });
      i += 2;
      continue;
    }
    const current = sections[sections.length - 1];
    if (!current) continue;
    switch (token.type) {
      case "bullet_list_open":
      case "ordered_list_open": {
        const list: OpenList = { ordered: token.type === "ordered_list_open", items: [] };
        const parent = items[items.length - 1];
        if (parent) parent.nested = list;
        lists.push(list);
        break;
      }
      case "bullet_list_close":
      case "ordered_list_close": {
        const list = lists.pop();
        if (lists.length === 0 && list) current.blocks.push({ kind: "list", ordered: list.ordered, items: list.items.map(closedItem) });
        break;
      }
      case "list_item_open": {
        const item: OpenItem = { texts: [], targets: [] };
        lists[lists.length - 1]?.items.push(item);
        items.push(item);
        break;
      }
      case "list_item_close":
        items.pop();
        break;
      case "table_open":
        table = { rows: [] };
        break;
      case "table_close":
        if (table) addTable(current, { kind: "table", rows: table.rows }, items);
        table = undefined;
        break;
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        if (row) table?.rows.push(row);
        row = undefined;
        break;
      case "inline":
        addRun(inlineRun(token), current);
        break;
      case "html_block":
        addRun(htmlRun(token.content), current);
        break;
    }
  }
  return sections.filter((s) => s.id !== "" || s.blocks.length > 0);
}

/** A table inside a list item (rare) is read as that item's text, cell after cell. */
function addTable(section: { blocks: TextBlock[] }, table: TableBlock, items: readonly OpenItem[]) {
  const item = items[items.length - 1];
  if (!item) {
    section.blocks.push(table);
    return;
  }
  for (const cell of table.rows.flat()) {
    if (cell.text !== "") item.texts.push(cell.text);
    for (const target of cell.targets) item.targets.push(target);
  }
}

function closedItem(item: OpenItem): ListItemText {
  return {
    text: item.texts.join(" "),
    targets: item.targets.length > 0 ? item.targets : NO_TARGETS,
    ordered: item.nested?.ordered ?? false,
    items: item.nested ? item.nested.items.map(closedItem) : NO_ITEMS,
  };
}

function inlineRun(token: Token): TextRun {
  let text = "";
  let targets: TextTarget[] | undefined;
  const target = (kind: TextTarget["kind"], value: string | null) => {
    if (value !== null) (targets ??= []).push({ kind, value });
  };
  for (const child of token.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
    else if (child.type === "link_open") target("link", child.attrGet("href"));
    else if (child.type === "image") {
      text += child.content;
      target("image", child.attrGet("src"));
    } else if (child.type === "html_inline") {
      const run = htmlRun(child.content);
      text += run.text;
      for (const t of run.targets) (targets ??= []).push(t);
    }
  }
  return { text: oneSpaced(text), targets: targets ?? NO_TARGETS };
}

function htmlRun(html: string): TextRun {
  let text = "";
  let targets: TextTarget[] | undefined;
  const parser = new Parser(
    {
      ontext: (chunk) => (text += chunk),
      onopentag: (name, attributes) => {
        const add = (kind: TextTarget["kind"], value: string | undefined) => {
          if (value !== undefined) (targets ??= []).push({ kind, value });
        };
        add("id", attributes["id"]);
        if (name === "a") add("link", attributes["href"]);
        if (name === "img") add("image", attributes["src"]);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { text: oneSpaced(text), targets: targets ?? NO_TARGETS };
}
