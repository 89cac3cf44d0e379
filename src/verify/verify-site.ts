import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite } from "../pipeline/build-site.ts";
import { error, hasErrors, type Problem } from "../core/problems.ts";
import { buildDate as defaultBuildDate } from "../rules/dates.ts";
import { checkHtmlValidity } from "./html-validity.ts";
import { checkLinks } from "./links.ts";
import { checkPageContract } from "./page-contract.ts";
import { loadSite } from "../content/load-site.ts";
import { pushAll } from "../core/arrays.ts";

export interface VerifyReport {
  readonly problems: readonly Problem[];
  /** Links to other sites, listed for a person to look at; never fetched. */
  readonly externalLinks: readonly string[];
  /** One line per step that ran, for the log. */
  readonly steps: readonly string[];
}

/**
 * Everything CI checks after the unit tests (SPEC section 7): the content, a build into the real
 * output folder, a second build that must be byte-identical, then the built pages themselves.
 */
export async function verifySite(root: string, outDir = path.join(root, "_site"), options: { strictParity?: boolean } = {}): Promise<VerifyReport> {
  const steps: string[] = [];
  const date = defaultBuildDate();
  const first = await buildSite({ root, outDir, buildDate: date, strictParity: options.strictParity === true });
  if (!first.built) return { problems: first.problems, externalLinks: [], steps: ["content check: failed, nothing built"] };
  steps.push(`content check and build: ${countFiles(outDir)} files in ${path.relative(process.cwd(), outDir) || outDir}`);
  const problems: Problem[] = [...first.problems];

  const again = mkdtempSync(path.join(tmpdir(), "codicil-again-"));
  try {
    const second = await buildSite({ root, outDir: again, buildDate: date, recordPublished: false });
    pushAll(problems, second.problems.filter((p) => p.severity === "error"));
    const differences = compareFolders(outDir, again);
    pushAll(problems, differences.map((file) => error(`_site/${file}`, 1, `differs between two builds of the same content with the same build date (${date}); something in the build is not deterministic.`)));
    steps.push(`reproducible: ${differences.length === 0 ? "two builds are byte-identical" : `${differences.length} files differ`}`);
  } finally {
    rmSync(again, { recursive: true, force: true });
  }

  const { loaded } = await loadSite({ root, buildDate: date });
  if (!loaded) return { problems, externalLinks: [], steps };
  const contract = await checkPageContract(outDir, loaded.site.settings);
  pushAll(problems, contract.problems);
  steps.push(`lang, dir, canonical, hreflang and anchors: ${contract.pages} pages, ${contract.problems.length} problems`);
  const links = await checkLinks(outDir, loaded.site.settings.pathPrefix, loaded.site.settings.url + loaded.site.settings.pathPrefix);
  pushAll(problems, links.problems);
  steps.push(`internal links (linkinator): ${links.checked} addresses, ${links.problems.length} broken; ${links.externalLinks.length} external links listed, not fetched`);
  const html = await checkHtmlValidity(outDir);
  pushAll(problems, html);
  steps.push(`HTML validity (Nu HTML Checker): ${html.filter((p) => p.severity === "error").length} errors, ${html.length - html.filter((p) => p.severity === "error").length} warnings`);
  return { problems, externalLinks: links.externalLinks, steps };
}

export function verifyFailed(report: VerifyReport): boolean {
  return hasErrors(report.problems);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

function countFiles(dir: string): number {
  return listFiles(dir).length;
}

/** Files that are missing on one side or differ in content. */
export function compareFolders(a: string, b: string): string[] {
  const left = listFiles(a);
  const right = new Set(listFiles(b));
  const differing = left.filter((file) => !right.has(file) || !readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))));
  const missing = [...right].filter((file) => !left.includes(file));
  return [...differing, ...missing].sort();
}
