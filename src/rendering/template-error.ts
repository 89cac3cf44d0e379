import path from "node:path";
import { errorMessages } from "../core/problems.ts";

/** Where Nunjucks says an error happened: `(path/to/x.njk) [Line 3, Column 5]`, the line when known. */
const TEMPLATE_PLACE = /\(([^()\n]+\.njk)\)(?:\s*\[Line (\d+)(?:, Column \d+)?\])?/g;

/**
 * A template error in the `file:line: message` form of every other problem. Nunjucks names each
 * template the error passed through, outermost first, inside Eleventy's chain of errors; the
 * innermost is where it happened (an included partial, not the layout that included it). Where
 * Nunjucks knows no line (a filter it cannot find is reported without one), line 1 is given.
 * Undefined when no template is named: the error is not a template's.
 */
export function templateErrorLine(e: unknown, cwd = process.cwd()): string | undefined {
  const messages = errorMessages(e);
  const text = messages.length > 0 ? messages.join("\n") : String(e);
  const lastLine = (messages.at(-1) ?? text).split("\n").map((line) => line.trim()).filter(Boolean).at(-1);
  const reason = lastLine?.replace(/^Error: /, "") ?? "template error";
  const innermost = [...text.matchAll(TEMPLATE_PLACE)].at(-1);
  const file = innermost?.[1];
  if (!file) return undefined;
  return `${path.relative(cwd, file) || file}:${innermost[2] ?? 1}: template error: ${reason}`;
}
