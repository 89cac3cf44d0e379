import { describe, expect, it } from "vitest";
import { assembleVersions } from "../../../src/content/assemble.ts";
import { parseDocumentFile } from "../../../src/content/front-matter.ts";
import type { SourceFile } from "../../../src/content/scan.ts";

/** A file as the scanner would hand it over: `privacy/versions/2024-01-01/de.md` or `privacy/en.md`. */
function source(where: string, version: string, updated: string, effective?: string, body = `Text of version ${version}.`, summary: string | null = `Changes in ${version}.`): SourceFile {
  const file = `content/${where}`;
  const match = /^[^/]+\/(?:versions\/([^/]+)\/)?([^/]+)\.md$/.exec(where);
  const text = `---\ntitle: T\nversion: "${version}"\nupdated: ${updated}\n${effective ? `effective: ${effective}\n` : ""}${summary !== null ? `summary: ${summary}\n` : ""}---\n\n${body}\n`;
  const { parsed } = parseDocumentFile(text, file);
  if (!parsed || !match) throw new Error(`bad test source ${where}`);
  return { ...parsed, file, docSlug: "privacy", locale: match[2] ?? "", folderDate: match[1], sourceSha256: "" };
}

const sources = (files: SourceFile[]) => ({ slug: "privacy", files, uncheckedBodies: [], unreadable: [], incomplete: false });
const assemble = (...files: SourceFile[]) => assembleVersions(sources(files), ["en", "de"], "en");

describe("assembleVersions", () => {
  it("groups files into versions by date, oldest first, with the default language's label", () => {
    const { versions, problems } = assemble(
      source("privacy/en.md", "2", "2025-01-01"),
      source("privacy/de.md", "2", "2025-01-01"),
      source("privacy/versions/2024-01-01/en.md", "1", "2024-01-01"),
    );
    expect(problems).toEqual([]);
    expect(versions?.map((v) => [v.label, v.updated, [...v.files.keys()]])).toEqual([
      ["1", "2024-01-01", ["en"]],
      ["2", "2025-01-01", ["en", "de"]],
    ]);
  });

  it("accepts labels in natural order (1.9 before 1.10)", () => {
    const { problems } = assemble(source("privacy/en.md", "1.10", "2025-01-01"), source("privacy/versions/2024-01-01/en.md", "1.9", "2024-01-01"));
    expect(problems).toEqual([]);
  });

  it.each([
    [
      "a folder named differently from updated",
      [source("privacy/en.md", "2", "2025-01-01"), source("privacy/versions/2024-01-01/en.md", "1", "2024-01-02")],
      "content/privacy/versions/2024-01-01/en.md",
      4,
      "updated is 2024-01-02 but the file is in versions/2024-01-01/",
    ],
    [
      "labels falling while dates rise",
      [source("privacy/en.md", "1.9", "2025-01-01"), source("privacy/versions/2024-01-01/en.md", "1.10", "2024-01-01")],
      "content/privacy/en.md",
      3,
      'version "1.9" (updated 2025-01-01) is not greater than "1.10"',
    ],
    [
      "one label for two dates",
      [source("privacy/en.md", "1", "2025-01-01"), source("privacy/versions/2024-01-01/en.md", "1", "2024-01-01")],
      "content/privacy/en.md",
      3,
      'version "1" is also the label of',
    ],
    [
      "the same version labelled differently in two languages",
      [source("privacy/en.md", "2", "2025-01-01"), source("privacy/de.md", "2.0", "2025-01-01")],
      "content/privacy/de.md",
      3,
      'version is "2.0" here but "2"',
    ],
    [
      "the same version taking effect on different days",
      [source("privacy/en.md", "2", "2025-01-01", "2025-02-01"), source("privacy/de.md", "2", "2025-01-01", "2025-03-01")],
      "content/privacy/de.md",
      5,
      "takes effect on the same day in every language",
    ],
    [
      "a newer version taking effect before an older one",
      [source("privacy/en.md", "2", "2025-01-01", "2025-01-01"), source("privacy/versions/2024-01-01/en.md", "1", "2024-01-01", "2025-06-01")],
      "content/privacy/en.md",
      5,
      "a newer version cannot take effect first",
    ],
    [
      "an archived version newer than the top file",
      [source("privacy/en.md", "1", "2024-01-01"), source("privacy/versions/2025-01-01/en.md", "2", "2025-01-01")],
      "content/privacy/en.md",
      4,
      "versions/2025-01-01/en.md is newer",
    ],
    [
      "a version without the default language",
      [source("privacy/en.md", "2", "2025-01-01"), source("privacy/versions/2024-01-01/de.md", "1", "2024-01-01")],
      "content/privacy/versions/2024-01-01/de.md",
      3,
      "has no text in the default language en, which is the authoritative one; add content/privacy/versions/2024-01-01/en.md",
    ],
    [
      "the newest version of a translation without its default-language text, while en.md holds a newer one",
      [source("privacy/en.md", "2", "2025-01-01"), source("privacy/pt-BR.md", "1", "2024-01-01")],
      "content/privacy/pt-BR.md",
      3,
      "add content/privacy/versions/2024-01-01/en.md",
    ],
    [
      "a translation dated differently from the default language's text of its version",
      [source("privacy/en.md", "3", "2026-12-01"), source("privacy/de.md", "3", "2026-12-08"), source("privacy/versions/2025-01-01/en.md", "2", "2025-01-01")],
      "content/privacy/de.md",
      4,
      "updated is 2026-12-08 here but 2026-12-01 in content/privacy/en.md, the en text of version 3; a version has one date in every language, so write updated: 2026-12-01.",
    ],
    [
      "an archived translation dated differently",
      [source("privacy/en.md", "3", "2026-12-01"), source("privacy/versions/2025-01-01/en.md", "2", "2025-01-01"), source("privacy/versions/2025-01-02/de.md", "2", "2025-01-02")],
      "content/privacy/versions/2025-01-02/de.md",
      4,
      "so write updated: 2025-01-01 and move the file to versions/2025-01-01/.",
    ],
  ])("reports %s", (_, files, file, line, message) => {
    const { versions, problems } = assemble(...files);
    expect(versions).toBeUndefined();
    expect(problems).toContainEqual(expect.objectContaining({ file, line, severity: "error", message: expect.stringContaining(message) }));
  });

  it("reports a version whose text equals the previous one's in that language, whitespace aside", () => {
    const { versions, problems } = assemble(
      source("privacy/en.md", "2", "2025-01-01", undefined, "Same   text,\nreflowed."),
      source("privacy/versions/2024-01-01/en.md", "1", "2024-01-01", undefined, "Same text, reflowed."),
      source("privacy/de.md", "2", "2025-01-01", undefined, "Neuer Text."),
      source("privacy/versions/2024-01-01/de.md", "1", "2024-01-01", undefined, "Same text, reflowed."),
    );
    // German changed (and is not compared with English); the versions stay sound for the other rules.
    expect(versions).toHaveLength(2);
    expect(problems).toEqual([
      {
        file: "content/privacy/en.md",
        line: 7,
        severity: "error",
        message: "the text is the same as in content/privacy/versions/2024-01-01/en.md (version 1); write this version's changes here, or delete the file if there are none.",
      },
    ]);
  });

  it("warns about a version after the first without summary, an error under --strict", () => {
    const files = [source("privacy/en.md", "2", "2025-01-01", undefined, "New.", null), source("privacy/versions/2024-01-01/en.md", "1", "2024-01-01", undefined, "Old.", null)];
    const lenient = assemble(...files);
    expect(lenient.versions).toHaveLength(2);
    expect(lenient.problems).toEqual([
      { file: "content/privacy/en.md", line: 3, severity: "warning", message: "version 2 has no summary; add summary: with one line on what changed (the history and the feed show it)." },
    ]);
    const strict = assembleVersions(sources(files), ["en", "de"], "en", { strict: true });
    expect(strict.versions).toHaveLength(2);
    expect(strict.problems).toEqual([expect.objectContaining({ file: "content/privacy/en.md", line: 3, severity: "error" })]);
  });
});
