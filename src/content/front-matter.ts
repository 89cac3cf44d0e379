import matter from "gray-matter";
import { z } from "zod";
import { pushAll } from "../core/arrays.ts";
import { error, type Problem } from "../core/problems.ts";
import { dateProblem, type IsoDate } from "../rules/dates.ts";
import { LABEL_PATTERN } from "../rules/version-order.ts";
import { unknownKeyErrors, validateYaml } from "./schema.ts";
import { readYaml, type PositionedYaml } from "./yaml.ts";
import type { Correction } from "../model/site.ts";
import { titleFromBody } from "../markdown/renderer.ts";

/** Front matter as the contract defines it (SPEC section 2), after validation. */
export interface FrontMatter {
  readonly title: string;
  readonly version: string;
  readonly updated: IsoDate;
  readonly effective: IsoDate;
  readonly summary?: string;
  readonly description?: string;
  readonly latestVersion?: string;
  readonly layout?: string;
  /** Corrections recorded after publication, as written. */
  readonly corrections?: readonly Correction[];
}

export interface ParsedDocumentFile {
  readonly frontMatter: FrontMatter;
  readonly body: string;
  /** File line on which the Markdown body starts, to report body problems at their real line. */
  readonly bodyLine: number;
  readonly yaml: PositionedYaml;
}

const optionalText = (what: string) => z.string({ error: `must be text: ${what}` }).trim().min(1, { error: `must not be empty: ${what} (leave the key out instead)` }).optional();
const isoDate = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is required: ${what}` : `must be a date in YYYY-MM-DD form: ${what}`) })
    .superRefine((value, ctx) => {
      const problem = dateProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

const frontMatterSchema = z.object({
  // Required unless the body begins with it as `# Title` (checked below, with the body).
  title: z
    .string({ error: "must be text: the document's title" })
    .trim()
    .min(1, { error: "must not be empty: the document's title in this language" })
    .optional(),
  // Numbers are accepted because `version: 2` is natural YAML; the label is then taken as written.
  version: z
    .union([z.string(), z.number()], {
      error: (issue) => (issue.input === undefined ? "is required: the version label, e.g. 2 or 2.1" : "must be a version label such as 2 or 2.1"),
    }),
  updated: isoDate("the date of this version, e.g. 2024-03-01"),
  effective: isoDate("the date this version takes effect").optional(),
  summary: optionalText("one line on what changed in this version"),
  description: optionalText("the page's meta description"),
  latestVersion: optionalText("a link to the latest version").refine(
    (link) => link === undefined || link.startsWith("/") || /^https?:\/\/[^/\s]/.test(link),
    { error: "must be a path on this site starting with / (e.g. /en/privacy/) or an absolute https:// address" },
  ),
  layout: optionalText("a template under templates/, e.g. layouts/plain.njk"),
  // A fix to a published version without a new version (docs/versioning.md): on the record, never silent.
  corrections: z
    .array(
      z.object({
        date: isoDate("the date of the correction, e.g. 2025-06-01"),
        note: z
          .string({ error: (issue) => (issue.input === undefined ? 'is required: what the correction fixed, e.g. note: "Fixed a typo in section 3"' : "must be text: what the correction fixed") })
          .trim()
          .min(1, { error: "must not be empty: say what the correction fixed" }),
      }),
      { error: 'must be a list of corrections, e.g. corrections: [{ date: 2025-06-01, note: "Fixed a typo in section 3" }]' },
    )
    .optional(),
});

const FRONT_MATTER_KEYS = Object.keys(frontMatterSchema.shape);

/**
 * Splits a document file with gray-matter and validates its front matter. gray-matter is given
 * the position-keeping YAML reader as its engine, so every problem carries the file line.
 */
export function parseDocumentFile(
  text: string,
  file: string,
): { parsed?: ParsedDocumentFile; body?: { text: string; line: number }; problems: Problem[] } {
  // Windows line endings would leave a `\r` at the end of the last front matter value.
  text = text.replace(/\r\n?/g, "\n");
  const opening = /^---(\S+)/.exec(text);
  if (opening) {
    // gray-matter would pick a parser named after the dashes (`---js` evaluates JavaScript).
    return { problems: [error(file, 1, `the first line must be exactly --- (found "---${opening[1] ?? ""}"); front matter is YAML only.`)] };
  }
  let yaml: PositionedYaml | undefined;
  let parsedMatter: { content: string };
  try {
    parsedMatter = matterOfHead(text, yamlOnlyEngines((frontMatterText) => {
      // gray-matter hands over the text right after the opening `---`, so its first line is line 1.
      yaml = readYaml(frontMatterText, file, 1);
      return yaml.data ?? {};
    }));
  } catch (e) {
    return { problems: [error(file, 1, `front matter could not be read: ${e instanceof Error ? e.message : String(e)}.`)] };
  }
  if (!yaml) {
    const message = text.trimStart().startsWith("---")
      ? "front matter is empty: add title, version and updated between the two --- lines."
      : "front matter is missing: start the file with a --- line, then title, version and updated, then another --- line.";
    return { problems: [error(file, 1, message)] };
  }
  // The body is returned even when the front matter is wrong, so its problems are reported too.
  const prefixLength = text.length - parsedMatter.content.length;
  const body = { text: parsedMatter.content, line: countLines(text.slice(0, prefixLength)) + 1 };
  if (yaml.problems.length > 0) return { body, problems: yaml.problems };
  if (yaml.data === null || typeof yaml.data !== "object" || Array.isArray(yaml.data)) {
    return { body, problems: [error(file, 2, "front matter must be a list of key: value lines, such as title: Privacy Policy.")] };
  }

  const { value, problems } = validateYaml(frontMatterSchema, yaml, file);
  const titleInBody = (yaml.data as Record<string, unknown>).title === undefined ? titleFromBody(body.text) : undefined;
  if ((yaml.data as Record<string, unknown>).title === undefined && titleInBody === undefined) {
    problems.push(error(file, yaml.lineOf(["title"]), 'title: is required: the document\'s title in this language (or begin the text with it as a first line "# Title")'));
  }
  // Errors too, but the file is still read, so the rules across files do not report it as missing.
  const unknownKeys = unknownKeyErrors(yaml.data, FRONT_MATTER_KEYS, yaml, file);
  pushAll(problems, correctionsBeforeUpdated(yaml.data as Record<string, unknown>, yaml, file));
  if (!value) return { body, problems: [...problems, ...unknownKeys] };

  const version = typeof value.version === "number" ? (yaml.sourceOf(["version"]) ?? String(value.version)) : value.version.trim();
  if (!LABEL_PATTERN.test(version)) {
    problems.push(error(file, yaml.lineOf(["version"]), `version "${version}" is not a version label; use numbers separated by dots, such as 3 or 2.1.`));
  }
  const effective = value.effective ?? value.updated;
  if (effective < value.updated) {
    problems.push(
      error(file, yaml.lineOf(["effective"]), `effective date ${effective} is before the updated date ${value.updated}; a version cannot take effect before it is published.`),
    );
  }
  if (problems.some((p) => p.severity === "error")) return { body, problems: [...problems, ...unknownKeys] };

  return {
    problems: [...problems, ...unknownKeys],
    body,
    parsed: {
      yaml,
      body: body.text,
      bodyLine: body.line,
      frontMatter: {
        title: value.title ?? titleInBody ?? "",
        version,
        updated: value.updated,
        effective,
        ...(value.summary !== undefined && { summary: value.summary }),
        ...(value.description !== undefined && { description: value.description }),
        ...(value.latestVersion !== undefined && { latestVersion: value.latestVersion }),
        ...(value.layout !== undefined && { layout: value.layout }),
        ...(value.corrections !== undefined && value.corrections.length > 0 && { corrections: value.corrections }),
      },
    },
  };
}

/**
 * Corrections dated before the version's `updated` date, from the front matter as written, so that
 * they are reported with the other problems of the file even when some value is invalid.
 */
function correctionsBeforeUpdated(data: Record<string, unknown>, yaml: PositionedYaml, file: string): Problem[] {
  const { updated, corrections } = data;
  if (typeof updated !== "string" || dateProblem(updated) !== undefined || !Array.isArray(corrections)) return [];
  return corrections.flatMap((correction: unknown, i) => {
    const date = (correction as { date?: unknown } | null)?.date;
    if (typeof date !== "string" || dateProblem(date) !== undefined || date >= updated) return [];
    return [error(file, yaml.lineOf(["corrections", i, "date"]), `correction date ${date} is before the updated date ${updated}; a correction is made after the version is published, so date it on or after ${updated}.`)];
  });
}

/**
 * The raw front matter text and the body, split the way the loader splits them (never through
 * gray-matter's default engine, which would turn dates into Date objects).
 */
export function splitFrontMatter(text: string): { frontMatter: string; body: string } {
  let frontMatter = "";
  const parsed = matterOfHead(
    text.replace(/\r\n?/g, "\n"),
    yamlOnlyEngines((raw) => {
      frontMatter = raw;
      return {};
    }),
  );
  return { frontMatter: frontMatter.replace(/^\n/, ""), body: parsed.content };
}

type Engines = ReturnType<typeof yamlOnlyEngines>;

/**
 * gray-matter on the part of the file it needs, up to the end of the line that closes the front
 * matter, and the rest of the file appended to the body it returns. gray-matter's cost grows with
 * the whole text it is given, not with its front matter: it encodes all of it into a Buffer
 * (`file.orig`) and looks all of it up in its cache (a property keyed by the text). On a policy of
 * ~10 KB that was most of its time. The body is the same: gray-matter splits at the first line
 * after the opening one that starts with `---`, which lies in the part it is given, and its body
 * is always the end of its input (tests/unit/content/front-matter.test.ts compares the two).
 */
function matterOfHead(text: string, engines: Engines): { content: string } {
  const closing = text.startsWith("---") ? text.indexOf("\n---", 3) : -1;
  const headEnd = closing === -1 ? -1 : text.indexOf("\n", closing + 4);
  if (headEnd === -1) return matter(text, { engines });
  const head = text.slice(0, headEnd + 1);
  return { content: matter(head, { engines }).content + text.slice(head.length) };
}

/**
 * gray-matter's engines with ours for YAML and every other one refusing: its built-in
 * `javascript` engine calls eval() on the front matter, which must never run on content.
 */
function yamlOnlyEngines(parseYaml: (text: string) => object): Record<string, { parse: (text: string) => object; stringify: () => string }> {
  const refuse = () => {
    throw new Error("front matter must be YAML");
  };
  const never = () => {
    throw new Error("Codicil never writes front matter through gray-matter");
  };
  return {
    yaml: { parse: parseYaml, stringify: never },
    javascript: { parse: refuse, stringify: never },
    js: { parse: refuse, stringify: never },
    json: { parse: refuse, stringify: never },
    coffee: { parse: refuse, stringify: never },
    coffeescript: { parse: refuse, stringify: never },
    toml: { parse: refuse, stringify: never },
  };
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}
