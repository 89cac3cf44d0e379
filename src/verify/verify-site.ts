import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite, checkSite, type BuildResult } from "../pipeline/build-site.ts";
import { error, errorMessages, hasErrors, type Problem } from "../core/problems.ts";
import { templateErrorLine } from "../rendering/template-error.ts";
import { buildDate as defaultBuildDate } from "../rules/dates.ts";
import { checkHtmlValidity } from "./html-validity.ts";
import { checkLinks } from "./links.ts";
import { checkPageContract } from "./page-contract.ts";

/** How a check of `verify` ended: a failed check does not stop the others; a skipped one could not run. */
export type StepStatus = "passed" | "failed" | "skipped";

export interface VerifyStep {
  readonly name: string;
  readonly status: StepStatus;
  /** What it found, or why it was skipped. */
  readonly detail: string;
}

export interface VerifyReport {
  readonly problems: readonly Problem[];
  /** Links to other sites, listed for a person to look at; never fetched. */
  readonly externalLinks: readonly string[];
  /** Every check, in the order they ran, each with its outcome. */
  readonly steps: readonly VerifyStep[];
}

const counted = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
const errorCount = (problems: readonly Problem[]) => problems.filter((p) => p.severity === "error").length;
const outcome = (problems: readonly Problem[]): StepStatus => (hasErrors(problems) ? "failed" : "passed");

/**
 * Everything CI checks after the unit tests (SPEC section 7): the content, a build into the real
 * output folder, a second build that must be byte-identical, then the built pages themselves.
 * Every check runs even when an earlier one failed, so one run reports everything; only the checks
 * of the built site are skipped when nothing could be built. With `strictParity`, the content is
 * checked strictly first and the site is built as `npm run build` would, so that parity problems
 * do not keep the site's own checks from running.
 */
export async function verifySite(root: string, outDir = path.join(root, "_site"), options: { strictParity?: boolean } = {}): Promise<VerifyReport> {
  const steps: VerifyStep[] = [];
  const problems: Problem[] = [];
  const date = defaultBuildDate();
  const reported = new Set<string>();
  const add = (found: readonly Problem[]) => {
    for (const problem of found) {
      // The strict check and the build read the same content: each problem is reported once.
      const key = `${problem.file}:${problem.line}:${problem.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push(problem);
    }
  };
  /** Runs one check; a check that throws has failed, and the next still runs. */
  const run = async (name: string, check: () => Promise<{ found: readonly Problem[]; detail: string; status?: StepStatus }>) => {
    try {
      const { found, detail, status } = await check();
      add(found);
      steps.push({ name, status: status ?? outcome(found), detail });
    } catch (e) {
      const message = errorMessages(e).join(": ") || String(e);
      add([error("_site", 1, `${name} could not run: ${message}`)]);
      steps.push({ name, status: "failed", detail: `could not run: ${message.split("\n", 1)[0]}` });
    }
  };

  if (options.strictParity === true) {
    await run("content check (--strict)", async () => {
      const checked = await checkSite({ root, buildDate: date, strictParity: true });
      const detail = checked.loaded ? `${counted(checked.loaded.site.documents.length, "document")}, ${counted(errorCount(checked.problems), "error")}` : `${counted(errorCount(checked.problems), "error")}`;
      return { found: checked.problems, detail };
    });
  }
  let built: BuildResult | undefined;
  await run(options.strictParity === true ? "build" : "content check and build", async () => {
    try {
      built = await buildSite({ root, outDir, buildDate: date });
    } catch (e) {
      // A template error is the site's: said with its file and line, like `npm run build` does.
      const line = templateErrorLine(e);
      if (line === undefined) throw e;
      return { found: [error("templates", 1, line)], detail: "a template failed, nothing built", status: "failed" };
    }
    const where = path.relative(process.cwd(), outDir) || outDir;
    const detail = built.built ? `${counted(countFiles(outDir), "file")} in ${where}` : `${counted(errorCount(built.problems), "error")} in the content, nothing built`;
    return { found: built.problems, detail, status: built.built ? "passed" : "failed" };
  });

  const settings = built?.built === true ? built.session?.resources.settings : undefined;
  const siteChecks = ["reproducible", "lang, dir, canonical, hreflang and anchors", "internal links (linkinator)", "HTML validity (Nu HTML Checker)"];
  if (!settings) {
    for (const name of siteChecks) steps.push({ name, status: "skipped", detail: "skipped: the build failed" });
    return { problems, externalLinks: [], steps };
  }

  await run("reproducible", async () => {
    const again = mkdtempSync(path.join(tmpdir(), "codicil-again-"));
    try {
      const second = await buildSite({ root, outDir: again, buildDate: date, recordPublished: false });
      const differences = second.built ? compareFolders(outDir, again) : [];
      const found = [
        ...second.problems.filter((p) => p.severity === "error"),
        ...differences.map((file) => error(`_site/${file}`, 1, `differs between two builds of the same content with the same build date (${date}); something in the build is not deterministic.`)),
      ];
      const detail = !second.built ? "the second build failed" : differences.length === 0 ? "two builds are byte-identical" : `${counted(differences.length, "file")} differ`;
      return { found, detail, status: second.built && differences.length === 0 ? "passed" : "failed" };
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
  await run("lang, dir, canonical, hreflang and anchors", async () => {
    const contract = await checkPageContract(outDir, settings);
    return { found: contract.problems, detail: `${counted(contract.pages, "page")}, ${counted(contract.problems.length, "problem")}` };
  });
  let externalLinks: readonly string[] = [];
  await run("internal links (linkinator)", async () => {
    const links = await checkLinks(outDir, settings.pathPrefix, settings.url + settings.pathPrefix);
    externalLinks = links.externalLinks;
    return { found: links.problems, detail: `${counted(links.checked, "address", "addresses")}, ${links.problems.length} broken; ${counted(links.externalLinks.length, "external link")} listed, not fetched` };
  });
  await run("HTML validity (Nu HTML Checker)", async () => {
    const html = await checkHtmlValidity(outDir);
    return { found: html, detail: `${counted(errorCount(html), "error")}, ${counted(html.length - errorCount(html), "warning")}` };
  });
  return { problems, externalLinks, steps };
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
