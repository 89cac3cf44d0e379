import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { error, type Problem } from "../core/problems.ts";
import { FORBIDDEN_CHARACTER, forbiddenCharacterMessage } from "../core/text.ts";
import { pushAll } from "../core/arrays.ts";

/**
 * YAML read with the `yaml` package rather than gray-matter's default js-yaml because it keeps
 * node positions (editors need lines, not just "invalid front matter") and its YAML 1.2 core
 * schema leaves `2024-01-01` a string instead of turning it into a time-zone-shifted Date.
 */
export interface PositionedYaml {
  /** The parsed value, or undefined when the text had syntax errors. */
  readonly data: unknown;
  readonly problems: Problem[];
  /** Line of the value at `path`, of its closest existing parent, or of the first line. */
  lineOf(path: readonly PropertyKey[]): number;
  /** Line of the key at the end of `path` (for unknown-key warnings). */
  keyLineOf(path: readonly PropertyKey[]): number;
  /** The scalar exactly as written (`2.10` stays `2.10`, not the number 2.1). */
  sourceOf(path: readonly PropertyKey[]): string | undefined;
}

/**
 * @param firstLine the file line the YAML text starts on (2 for front matter after `---`).
 */
export function readYaml(text: string, file: string, firstLine = 1): PositionedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const problems = syntaxProblems(text, doc.errors, file, toFileLine, lineCounter);
  const nodeAt = (path: readonly PropertyKey[]): unknown => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      if (node && typeof node === "object" && "range" in node) return node;
    }
    return undefined;
  };
  const lineOfNode = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? toFileLine(range[0]) : firstLine;
  };

  let data: unknown;
  if (problems.length === 0) {
    try {
      // Aliases are resolved here: an alias to a missing anchor, or one that expands past the
      // library's limit (a "billion laughs" bomb), throws instead of returning data.
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      problems.push(error(file, firstLine, `YAML error: ${message}. Remove the * alias or define its & anchor before it.`));
    }
  }

  if (data !== undefined) pushAll(problems, escapedCharacterProblems(doc, text, file, toFileLine));

  return {
    data,
    problems,
    lineOf: (path) => lineOfNode(nodeAt(path)),
    keyLineOf(path) {
      const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as unknown[], true) : doc.contents;
      if (isMap(parent)) {
        const key = path[path.length - 1];
        const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
        if (pair && isScalar(pair.key)) return lineOfNode(pair.key);
      }
      return lineOfNode(nodeAt(path));
    },
    sourceOf(path) {
      const node = doc.getIn(path as unknown[], true);
      return isScalar(node) && typeof node.source === "string" ? node.source : undefined;
    },
  };
}

/**
 * One problem per line, saying what an editor can act on. The library reports every consequence
 * of a mistake (a tab in the indentation gave three to seven errors, the tab itself among the
 * last): a tab that indents a line is reported alone, and a value with `: ` in it is told to be
 * quoted.
 */
function syntaxProblems(text: string, errors: readonly YAMLError[], file: string, toFileLine: (offset: number) => number, lineCounter: LineCounter): Problem[] {
  if (errors.length === 0) return [];
  const lines = text.split("\n");
  const tabbed = lines.flatMap((line, i) => (/^[ ]*\t/.test(line) ? [i] : []));
  if (tabbed.length > 0) {
    return tabbed.map((i) =>
      error(file, toFileLine(lineCounter.lineStarts[i] ?? 0), "a tab indents this line; YAML indents with spaces only, so replace the tab with spaces, as many as the lines around it use."),
    );
  }
  const problems = new Map<number, Problem>();
  for (const e of errors) {
    const index = lineCounter.linePos(e.pos[0]).line - 1;
    // The library notices an unclosed { or [ where the next line starts: the bracket is above.
    const unclosed = /end with an? [}\]]/.test(e.message) ? unclosedBracketLine(lines, index) : undefined;
    if (unclosed !== undefined) {
      const line = toFileLine(lineCounter.lineStarts[unclosed.index] ?? 0);
      if (!problems.has(line)) problems.set(line, error(file, line, `this line opens ${unclosed.bracket} but does not close it; add ${unclosed.bracket === "{" ? "}" : "]"} at the end of its value.`));
      continue;
    }
    const line = toFileLine(e.pos[0]);
    if (problems.has(line)) continue;
    const source = lines[index] ?? "";
    // `key: value: more`, a plain key and an unquoted value that has `: ` in it.
    const colonValue = /^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*):[ \t]+([^'"\s[{|>&*!%@`#-][^#]*?:\s.*?)\s*$/.exec(source);
    problems.set(
      line,
      e.code === "DUPLICATE_KEY"
        ? error(file, line, `"${duplicateKeyAt(text, e.pos[0])}" appears twice; keep one of the two lines.`)
        : colonValue
          ? error(
              file,
              line,
              `the value of ${colonValue[2]?.trim()} has ": " in it, which YAML reads as a key of its own; put the value in quotes: ${colonValue[2]?.trim()}: "${(colonValue[3] ?? "").replace(/["\\]/g, "\\$&")}"`,
            )
          : error(
              file,
              line,
              `YAML syntax error: ${describeYamlError(e.code, e.message)}. Check this line and the ones above it for an unclosed quote or bracket, a missing colon or wrong indentation.`,
            ),
    );
  }
  return [...problems.values()];
}

/** The nearest line at or above `index` with more { (or [) than it closes, outside quotes. */
function unclosedBracketLine(lines: readonly string[], index: number): { index: number; bracket: "{" | "[" } | undefined {
  for (let i = Math.min(index, lines.length - 1); i >= 0 && i >= index - 20; i--) {
    const unquoted = (lines[i] ?? "").replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, "");
    for (const [open, close] of [["{", "}"], ["[", "]"]] as const) {
      if (unquoted.split(open).length > unquoted.split(close).length) return { index: i, bracket: open };
    }
  }
  return undefined;
}

/**
 * Characters no page may hold that a double-quoted value writes as an escape (`"\u0000"`, `"\e"`),
 * at the value's line. Those written as they are get their error from the check of the file's text.
 */
function escapedCharacterProblems(doc: Document, text: string, file: string, toFileLine: (offset: number) => number): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string" || !node.range) return;
      const forbidden = FORBIDDEN_CHARACTER.exec(node.value);
      if (forbidden && !text.slice(node.range[0], node.range[1]).includes(forbidden[0])) {
        problems.push(error(file, toFileLine(node.range[0]), forbiddenCharacterMessage(forbidden[0], "the value ", "remove the \\ escape that writes it")));
      }
    },
  });
  return problems;
}

/** The key a DUPLICATE_KEY error points at: the text from its position up to the colon. */
function duplicateKeyAt(text: string, offset: number): string {
  const rest = text.slice(offset, text.indexOf("\n", offset) === -1 ? undefined : text.indexOf("\n", offset));
  return (rest.split(":", 1)[0] ?? rest).trim();
}

function describeYamlError(code: string, message: string): string {
  // The library's messages end with a position and a code excerpt; the line is reported already.
  const firstLine = message.split("\n")[0] ?? code;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
}
