import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument, Scalar } from "yaml";
import { splitFrontMatter } from "../content/front-matter.ts";
import { loadSite } from "../content/load-site.ts";
import { error, type Problem } from "../core/problems.ts";
import { buildDate, dateProblem, type IsoDate } from "../rules/dates.ts";
import { compareLabels, LABEL_PATTERN } from "../rules/version-order.ts";

export interface NewVersionOptions {
  readonly root: string;
  readonly slug: string;
  /** Defaults to the next label: `2.1` → `2.2`, `3` → `4`. */
  readonly label?: string;
  /** Defaults to today (UTC). */
  readonly date?: IsoDate;
  /** Set when the new version takes effect later than its date. */
  readonly effective?: IsoDate;
}

export interface NewVersionResult {
  readonly problems: Problem[];
  readonly created?: {
    readonly label: string;
    readonly date: IsoDate;
    /** The label of the version it follows. */
    readonly previousLabel: string;
    /** The day it takes effect: `--effective`, or its date. */
    readonly effective: IsoDate;
    /** Files moved under versions/, as [from, to]. */
    readonly archived: readonly (readonly [string, string])[];
    /** The default-language file, ready to edit. */
    readonly ready: string;
  };
}

/** The next label after `label`: the last number goes up by one (`1.9` → `1.10`). */
export function nextLabel(label: string): string {
  const parts = label.split(".");
  const last = Number(parts.pop());
  return [...parts, String(last + 1)].join(".");
}

/**
 * Starts a new version of a document: moves every language's newest file under
 * `versions/<its updated date>/`, then puts a copy of the default language's text back at the top
 * with the next label and the new date, ready to edit. Translations stay archived until translated,
 * so the translation report shows them as out of date instead of them claiming the new version.
 * Refuses to touch anything while the content has errors.
 */
export async function startNewVersion(options: NewVersionOptions): Promise<NewVersionResult> {
  const root = path.resolve(options.root);
  const { loaded, problems } = await loadSite({ root });
  if (!loaded) return { problems };
  const doc = loaded.site.documents.find((d) => d.slug === options.slug);
  const folder = `content/${options.slug}/`;
  if (!doc) {
    const known = loaded.site.documents.map((d) => d.slug).join(", ");
    return { problems: [error(folder, 1, `there is no document "${options.slug}" (documents: ${known}).`)] };
  }
  const newest = doc.versions[doc.versions.length - 1];
  if (!newest) return { problems: [error(folder, 1, "the document has no versions.")] };
  const date = options.date ?? buildDate();
  const label = options.label ?? nextLabel(newest.label);
  const refusals: string[] = [];
  for (const given of [date, options.effective]) {
    const problem = given === undefined ? undefined : dateProblem(given);
    if (problem) refusals.push(problem);
  }
  if (!LABEL_PATTERN.test(label)) refusals.push(`"${label}" is not a version label; use numbers separated by dots, such as 3 or 2.1`);
  else if (compareLabels(label, newest.label) <= 0) refusals.push(`the new label ${label} must be greater than the newest version's ${newest.label}`);
  if (date <= newest.updated) refusals.push(`the new version's date ${date} must be after ${newest.updated}, the date of version ${newest.label}; pass --date`);
  if (options.effective !== undefined && options.effective < date) refusals.push(`effective ${options.effective} is before the date ${date}`);
  const effective = options.effective ?? date;
  if (effective < newest.effective) {
    refusals.push(`version ${newest.label} takes effect on ${newest.effective}, so the new one cannot take effect on ${effective}; pass --effective ${newest.effective} or later`);
  }
  if (refusals.length > 0) return { problems: refusals.map((r) => error(folder, 1, `cannot start a new version: ${r}.`)) };

  const defaultLocale = loaded.site.settings.defaultLocale;
  // Each language's newest file sits at the top of the folder; its date comes from the model.
  const moves = doc.versions.flatMap((version) =>
    Object.values(version.translations)
      .filter((t) => t.sourceFile === `content/${options.slug}/${t.locale}.md`)
      .map((t) => ({ locale: t.locale, from: t.sourceFile, to: `content/${options.slug}/versions/${version.updated}/${t.locale}.md` })),
  );
  const clash = moves.find((m) => existsSync(path.join(root, m.to)));
  if (clash) return { problems: [error(clash.from, 1, `cannot archive it: ${clash.to} exists already.`)] };
  const reference = moves.find((m) => m.locale === defaultLocale);
  if (!reference) return { problems: [error(folder, 1, `the newest version has no ${defaultLocale}.md at the top of the folder to start from.`)] };
  // Everything is computed before the first file moves, so a failure leaves the folder as it was.
  const nextText = withNewVersion(await readFile(path.join(root, reference.from), "utf8"), label, date, options.effective);

  for (const move of moves) {
    await mkdir(path.dirname(path.join(root, move.to)), { recursive: true });
    await rename(path.join(root, move.from), path.join(root, move.to));
  }
  await writeFile(path.join(root, reference.from), nextText);
  return { problems: [], created: { label, previousLabel: newest.label, date, effective, archived: moves.map((m) => [m.from, m.to] as const), ready: reference.from } };
}

/**
 * The same file with the new label and date. The front matter is edited through the YAML document
 * model, so comments and key order survive; `effective` and `summary` belong to the old version.
 */
function withNewVersion(text: string, label: string, date: IsoDate, effective: IsoDate | undefined): string {
  const { frontMatter, body } = splitFrontMatter(text);
  const doc = parseDocument(frontMatter);
  const quoted = new Scalar(label);
  quoted.type = Scalar.QUOTE_DOUBLE;
  doc.set("version", quoted);
  doc.set("updated", date);
  doc.delete("summary");
  if (effective === undefined) doc.delete("effective");
  else doc.set("effective", effective);
  // lineWidth 0: long titles and descriptions stay on one line, as the editor wrote them.
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${body}`;
}
