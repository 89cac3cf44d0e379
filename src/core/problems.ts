/**
 * Errors are values: every rule that looks at content returns problems with a file and a line,
 * so that one run reports everything an editor has to fix, not just the first thing it met.
 */
export type Severity = "error" | "warning";

export interface Problem {
  /** Path relative to the site root, with forward slashes, e.g. `content/privacy/en.md`. */
  readonly file: string;
  /** 1-based line number; 1 when the problem concerns the file as a whole. */
  readonly line: number;
  readonly severity: Severity;
  /** What is wrong and how to fix it, in one sentence an editor can act on. */
  readonly message: string;
}

export function error(file: string, line: number, message: string): Problem {
  return { file, line, severity: "error", message };
}

export function warning(file: string, line: number, message: string): Problem {
  return { file, line, severity: "warning", message };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** Sorted by file, then line, so the report reads top to bottom like the files themselves. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** `content/privacy/en.md:3: message` for errors, `…:3: warning: message` for warnings. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`;
}

export function summarize(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

/**
 * Every message down an error's chain: Eleventy wraps a template error in several
 * (`originalError`), Node in `cause`. The Nunjucks file and line are in one of them.
 */
export function errorMessages(e: unknown): string[] {
  const messages: string[] = [];
  for (let current: unknown = e; current instanceof Error; current = (current as Error & { originalError?: unknown }).originalError ?? current.cause) {
    messages.push(current.message);
  }
  return messages;
}

/** Thrown only where a caller cannot return problems (inside Eleventy's data cascade). */
export class ContentError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `Codicil found problems in the content:\n${sortProblems(problems)
        .map(formatProblem)
        .join("\n")}\n${summarize(problems)}`,
    );
    this.name = "ContentError";
  }
}
