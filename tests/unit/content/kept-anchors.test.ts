import { describe, expect, it } from "vitest";
import { assembleVersions } from "../../../src/content/assemble.ts";
import { parseDocumentFile } from "../../../src/content/front-matter.ts";
import { droppedIdWarnings } from "../../../src/content/kept-anchors.ts";
import type { SourceFile } from "../../../src/content/scan.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";

/** A file as the scanner hands it over, rendered as the loader renders it. */
function source(where: string, version: string, updated: string, body: string): SourceFile {
  const file = `content/${where}`;
  const locale = /([^/]+)\.md$/.exec(where)?.[1] ?? "";
  const text = `---\ntitle: Privacy\nversion: "${version}"\nupdated: ${updated}\nsummary: Changes.\n---\n\n${body}\n`;
  const { parsed } = parseDocumentFile(text, file);
  if (!parsed) throw new Error(`bad test source ${where}`);
  return { ...parsed, file, docSlug: "privacy", locale, folderDate: where.includes("versions/") ? updated : undefined, sourceSha256: "" };
}

function warnings(older: string, newer: string, olderGerman?: string): string[] {
  const files = [source("privacy/versions/2024-01-01/en.md", "1", "2024-01-01", older), source("privacy/en.md", "2", "2025-01-01", newer)];
  if (olderGerman !== undefined) files.push(source("privacy/versions/2024-01-01/de.md", "1", "2024-01-01", olderGerman));
  const { versions } = assembleVersions({ slug: "privacy", files, uncheckedBodies: [], unreadable: [], incomplete: false }, ["en", "de"], "en");
  if (!versions) throw new Error("the test versions do not assemble");
  const rendered = new Map(files.map((f) => [f.file, renderMarkdown(f.body, { file: f.file, bodyLine: f.bodyLine, pathPrefix: "/", permalinkLabel: (h) => h })]));
  return droppedIdWarnings(versions, rendered).map((p) => `${p.file}:${p.line}: ${p.message}`);
}

describe("ids a newer version drops", () => {
  it.each([
    ["the id kept on a renamed heading", "## Data tools\n{: #data-tools }\n", "## Tools we use\n{: #data-tools }\n"],
    ["the id now made from the heading's text", "## Data tools {#data-tools}\n", "## Data tools\n"],
    ["the id moved from a paragraph to raw HTML", "Text.\n{: #logs }\n", '<p id="logs">Text, changed.</p>\n'],
    ["a heading's own anchor renamed (only ids the author set are kept)", "## Data tools\n", "## Tools\n"],
  ])("no warning: %s", (_, older, newer) => {
    expect(warnings(older, newer)).toEqual([]);
  });

  it.each([
    [
      "at the heading that carried it",
      "## Scope\n\n## Data tools\n{: #tools }\n",
      "## Scope\n\n## Data tools\n",
      "content/privacy/en.md:10: drops the id #tools that content/privacy/versions/2024-01-01/en.md (line 11) has: readers' deep links to #tools break when this version takes effect; keep the id (## Data tools {#tools}).",
    ],
    [
      "at the text's first line when the block is gone",
      "Text.\n\n<p id=\"logs\">Logs.</p>\n",
      "Text, changed.\n",
      "content/privacy/en.md:7: drops the id #logs that content/privacy/versions/2024-01-01/en.md (line 10) has: readers' deep links to #logs break when this version takes effect; keep the id ({: #logs } on the line after its block).",
    ],
  ])("a warning %s", (_, older, newer, warning) => {
    expect(warnings(older, newer)).toEqual([warning]);
  });

  it("compares each language with its own previous version", () => {
    // The German text of version 1 has an id; German has no version 2, so nothing is dropped.
    expect(warnings("Text.\n", "Text, changed.\n", "Text.\n{: #nur-deutsch }\n")).toEqual([]);
  });
});
