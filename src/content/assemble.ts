import { pushAll } from "../core/arrays.ts";
import { error, hasErrors, warning, type Problem } from "../core/problems.ts";
import { sameApartFromWhitespace } from "../core/text.ts";
import { compareLabels } from "../rules/version-order.ts";
import type { DocumentSources, SourceFile } from "./scan.ts";

/** One version of a document with its files, before Markdown is rendered. */
export interface VersionDraft {
  readonly label: string;
  readonly updated: string;
  readonly effective: string;
  /** By locale, in the site's locale order. */
  readonly files: ReadonlyMap<string, SourceFile>;
}

const line = (file: SourceFile, key: string) => file.yaml.lineOf([key]);

/**
 * Groups a document's files into versions and checks the rules that span files (SPEC section 2):
 * folder names match `updated`, the top-level file is the newest, one label per version in every
 * language, labels rising with dates, and every version present in the authoritative language.
 */
export function assembleVersions(
  sources: DocumentSources,
  localeCodes: readonly string[],
  defaultLocale: string,
  options: { readonly strict?: boolean } = {},
): { versions?: VersionDraft[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const byDate = new Map<string, SourceFile[]>();
  const newestByLocale = new Map<string, SourceFile>();

  for (const file of sources.files) {
    const fm = file.frontMatter;
    if (file.folderDate !== undefined && file.folderDate !== fm.updated) {
      problems.push(
        error(
          file.file,
          line(file, "updated"),
          `updated is ${fm.updated} but the file is in versions/${file.folderDate}/; the folder must be named after the updated date, so correct one or the other.`,
        ),
      );
      continue;
    }
    if (file.folderDate === undefined) newestByLocale.set(file.locale, file);
    const group = byDate.get(fm.updated) ?? [];
    const twin = group.find((other) => other.locale === file.locale);
    if (twin) {
      problems.push(
        error(
          file.file,
          line(file, "updated"),
          `${twin.file} is the same version (updated ${fm.updated}); a version lives either at the top of the document folder (the newest) or under versions/, not both. Remove one.`,
        ),
      );
      continue;
    }
    group.push(file);
    byDate.set(fm.updated, group);
  }

  for (const newest of newestByLocale.values()) {
    const newer = sources.files.find(
      (other) => other.locale === newest.locale && other.folderDate !== undefined && other.frontMatter.updated > newest.frontMatter.updated,
    );
    if (newer) {
      problems.push(
        error(
          newest.file,
          line(newest, "updated"),
          `this file is dated ${newest.frontMatter.updated} but ${newer.file} is newer; the file at the top of the document folder must be the newest version (archive versions under versions/<updated>/).`,
        ),
      );
    }
  }

  const dates = [...byDate.keys()].sort();
  const versions: VersionDraft[] = [];
  for (const date of dates) {
    const group = byDate.get(date) ?? [];
    group.sort((a, b) => localeCodes.indexOf(a.locale) - localeCodes.indexOf(b.locale));
    const reference = group.find((file) => file.locale === defaultLocale);
    if (!reference) {
      const first = group[0];
      const top = `content/${sources.slug}/${defaultLocale}.md`;
      const archived = `content/${sources.slug}/versions/${date}/${defaultLocale}.md`;
      // An unreadable default-language file may well be this version: its own problem is reported.
      const unknown = sources.unreadable.includes(top) || sources.unreadable.includes(archived);
      const sameLabel =
        first && sources.files.find((file) => file.locale === defaultLocale && file.frontMatter.version === first.frontMatter.version && file.frontMatter.updated !== date);
      if (first && sameLabel && !unknown) {
        // The same label in the default language with another date: a translation dated on the day it was translated.
        for (const file of group) {
          problems.push(
            error(
              file.file,
              line(file, "updated"),
              `updated is ${date} here but ${sameLabel.frontMatter.updated} in ${sameLabel.file}, the ${defaultLocale} text of version ${sameLabel.frontMatter.version}; a version has one date in every language, so write updated: ${sameLabel.frontMatter.updated}${file.folderDate !== undefined ? ` and move the file to versions/${sameLabel.frontMatter.updated}/` : ""}.`,
            ),
          );
        }
      } else if (first && !unknown) {
        const topIsTaken = newestByLocale.has(defaultLocale) || newestByLocale.get(first.locale) !== first;
        const expected = topIsTaken ? archived : top;
        problems.push(
          error(
            first.file,
            line(first, "version"),
            `version ${first.frontMatter.version} (updated ${date}) has no text in the default language ${defaultLocale}, which is the authoritative one; add ${expected}.`,
          ),
        );
      }
      continue;
    }
    for (const file of group) {
      if (file === reference) continue;
      if (file.frontMatter.version !== reference.frontMatter.version) {
        problems.push(
          error(
            file.file,
            line(file, "version"),
            `version is "${file.frontMatter.version}" here but "${reference.frontMatter.version}" in ${reference.file} with the same updated date; the same version must carry the same label in every language.`,
          ),
        );
      }
      if (file.frontMatter.effective !== reference.frontMatter.effective) {
        problems.push(
          error(
            file.file,
            line(file, "effective"),
            `effective is ${file.frontMatter.effective} here but ${reference.frontMatter.effective} in ${reference.file}; a version takes effect on the same day in every language.`,
          ),
        );
      }
    }
    versions.push({
      label: reference.frontMatter.version,
      updated: date,
      effective: reference.frontMatter.effective,
      files: new Map(group.map((file) => [file.locale, file])),
    });
  }

  for (let i = 1; i < versions.length; i++) {
    const earlier = versions[i - 1];
    const later = versions[i];
    if (!earlier || !later) continue;
    const laterFile = later.files.get(defaultLocale);
    const earlierFile = earlier.files.get(defaultLocale);
    if (!laterFile || !earlierFile) continue;
    const order = compareLabels(earlier.label, later.label);
    if (order === 0) {
      problems.push(
        error(
          laterFile.file,
          line(laterFile, "version"),
          `version "${later.label}" is also the label of ${earlierFile.file} (updated ${earlier.updated}); the same version must carry the same updated date in every language, and each new version needs a new label.`,
        ),
      );
    } else if (order > 0) {
      problems.push(
        error(
          laterFile.file,
          line(laterFile, "version"),
          `version "${later.label}" (updated ${later.updated}) is not greater than "${earlier.label}" of ${earlierFile.file} (updated ${earlier.updated}); versions are ordered by updated date, so labels must rise with it (2 < 10, 2.1 < 2.10).`,
        ),
      );
    }
    if (later.effective < earlier.effective) {
      problems.push(
        error(
          laterFile.file,
          line(laterFile, "effective"),
          `effective ${later.effective} is before ${earlier.effective}, the effective date of the earlier version ${earlier.label}; a newer version cannot take effect first.`,
        ),
      );
    }
  }

  // The versions are sound even when a text is unchanged or a summary missing: the rules that need
  // them (parity) still run, and these errors stop the build like any other.
  const structural = hasErrors(problems);
  pushAll(problems, unchangedTextProblems(versions));
  pushAll(problems, missingSummaryProblems(versions, options.strict === true));
  return structural ? { problems } : { versions, problems };
}

/**
 * A version whose text in a language equals the previous version's is a placeholder (a
 * `new-version` left unedited): published, it would lock an address for a change that is not there.
 * Whitespace does not make a new version: a reflowed paragraph reads the same.
 */
function unchangedTextProblems(versions: readonly VersionDraft[]): Problem[] {
  const problems: Problem[] = [];
  for (let i = 1; i < versions.length; i++) {
    for (const [locale, file] of versions[i]?.files ?? []) {
      const previous = versions[i - 1]?.files.get(locale);
      if (!previous || !sameApartFromWhitespace(previous.body, file.body)) continue;
      problems.push(
        error(
          file.file,
          file.bodyLine,
          `the text is the same as in ${previous.file} (version ${previous.frontMatter.version}); write this version's changes here, or delete the file if there are none.`,
        ),
      );
    }
  }
  return problems;
}

/** Every version after the first says what changed (history and feed); --strict makes it an error. */
function missingSummaryProblems(versions: readonly VersionDraft[], strict: boolean): Problem[] {
  const report = strict ? error : warning;
  return versions.slice(1).flatMap((version) =>
    [...version.files.values()]
      .filter((file) => file.frontMatter.summary === undefined)
      .map((file) =>
        report(file.file, line(file, "version"), `version ${version.label} has no summary; add summary: with one line on what changed (the history and the feed show it).`),
      ),
  );
}
