import path from "node:path";
import { parseArgs } from "node:util";
import { LOCK_FILE } from "../content/published-lock.ts";
import { errorMessages, formatProblem, sortProblems, summarize, type Problem } from "../core/problems.ts";
import { templateErrorLine } from "../rendering/template-error.ts";
import { sourceDateEpochProblem } from "../rules/dates.ts";

// Each command imports what it needs when it runs: start-up is part of every build's time, and the
// verify command's checkers (linkinator, the Nu HTML Checker) are not needed by the others.

const USAGE = `Usage: codicil <command> [options]

Commands:
  build                  validate content/ and build the site into _site/ (replaced only if the build succeeds)
                         [--accept-rendering: accept and record published texts that only Codicil's
                         rendering changed] (npm run accept-rendering)
  check                  validate content/ without writing anything [--ci: published.lock.json must
                         list every address with current fingerprints; on by default when CI=true]
  serve                  build into .codicil/preview/ (never _site/), serve it with live reload,
                         rebuild what an edit changes [--port 8080] [--host 127.0.0.1] (npm start;
                         only this computer can connect unless --host names another address,
                         e.g. 0.0.0.0)
  new-version <doc>      archive <doc>'s newest files under versions/ and start the next version
                         [--label 2.2] [--date YYYY-MM-DD] [--effective YYYY-MM-DD]
  verify                 build, then check the built site: reproducible, lang/dir/canonical/hreflang,
                         internal links and anchors, valid HTML (Nu HTML Checker; needs Java)
  translations           translation status per document and language [--json] [--doc <doc>]
                         (exit 1 when a translation is missing or out of date)
  scan-cookies <url>     visit the site in headless Chromium and compare the cookies it sets with
                         content/cookies.yaml [--pages N] [--json FILE] [--click SELECTOR]
                         [--cookie-database FILE.csv] [--timeout SECONDS] (scan-cookies --help)
  new-site               start a new site from this repository: replace content/ with a minimal
                         skeleton and empty published.lock.json [--name "Example Ltd" --url https://…]

Common options: --root DIR (the site, default .), --out DIR (build output, default _site),
  --strict (check, build, verify: a translation missing a section or link of the default
  language's text of the same version, or a version without summary, is an error, not a warning),
  --threads N (check, build: threads to load and render documents in; default: one per core
  for sites of 1,000 Markdown files or more; a smaller site is written in one Eleventy run)

Every problem is printed as file:line: message. Exit codes: 0 success, 1 content problems,
2 usage or internal error.`;

/** CI services (GitHub Actions, GitLab CI, most others) set CI=true; `check` then holds the lock to the content. */
const isCi = (): boolean => process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false" && process.env.CI !== "0";

/** `verify`'s mark before each check: a failure is never shown with a check mark. */
const VERIFY_MARKS = { passed: "✔", failed: "✘", skipped: "–" } as const;

/** Past this many problems in one file, the rest are counted rather than printed. */
const MAX_PRINTED_PER_FILE = 50;

/** Prints problems where editors and CI look for them: stderr, sorted, one per line, then a count. */
function report(problems: readonly Problem[]): void {
  const printed = new Map<string, number>();
  for (const problem of sortProblems(problems)) {
    const count = (printed.get(problem.file) ?? 0) + 1;
    printed.set(problem.file, count);
    if (count <= MAX_PRINTED_PER_FILE) console.error(formatProblem(problem));
  }
  for (const [file, count] of printed) {
    if (count > MAX_PRINTED_PER_FILE) console.error(`${file}: … and ${count - MAX_PRINTED_PER_FILE} more problems in this file.`);
  }
  if (problems.length > 0) console.error(summarize(problems));
}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: "string", default: "." },
      out: { type: "string" },
      label: { type: "string" },
      date: { type: "string" },
      effective: { type: "string" },
      doc: { type: "string" },
      json: { type: "boolean" },
      ci: { type: "boolean" },
      "accept-rendering": { type: "boolean" },
      name: { type: "string" },
      url: { type: "string" },
      strict: { type: "boolean" },
      threads: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  // Its options differ from the others' (--json takes a file), so it reads its own.
  if (argv[0] === "scan-cookies") {
    const { runScanCookies } = await import("../cookie-scan/command.ts");
    return runScanCookies(argv.slice(1));
  }
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  // `npm run build --threads 2` (without `--`) hands the command only "2": say so rather than ignore it.
  const extra = positionals.slice(command === "new-version" ? 2 : 1);
  if (extra.length > 0) {
    console.error(`Unexpected argument${extra.length === 1 ? "" : "s"} ${extra.map((a) => `"${a}"`).join(" ")}. Through npm, options go after --, e.g. npm run build -- --threads 2.\n\n${USAGE}`);
    return 2;
  }
  // Every command judges versions against the build date: a bad value is said before anything runs.
  const epochProblem = process.env.SOURCE_DATE_EPOCH ? sourceDateEpochProblem(process.env.SOURCE_DATE_EPOCH) : undefined;
  if (epochProblem) {
    console.error(epochProblem);
    return 2;
  }
  const root = path.resolve(values.root);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    console.error(`--threads takes a whole number of threads, 1 or more (got "${values.threads}").\n\n${USAGE}`);
    return 2;
  }
  const threadsOption = threads === undefined ? {} : { threads };

  switch (command) {
    case "check": {
      const { checkSite } = await import("../pipeline/build-site.ts");
      const { loaded, problems } = await checkSite({ root, strictParity: values.strict === true, requireCurrentLock: values.ci === true || isCi(), ...threadsOption });
      report(problems);
      if (!loaded) return 1;
      const pages = loaded.site.documents.reduce((n, d) => n + d.versions.length, 0);
      console.error(`content/ is valid: ${loaded.site.documents.length} documents, ${pages} versions.`);
      return 0;
    }
    case "build": {
      const outDir = path.resolve(values.out ?? path.join(root, "_site"));
      let result;
      try {
        const { buildSite } = await import("../pipeline/build-site.ts");
        result = await buildSite({ root, outDir, strictParity: values.strict === true, acceptRendering: values["accept-rendering"] === true, ...threadsOption });
      } catch (e) {
        // A template error surfaces from Eleventy; say where, and that the output was kept. Any
        // other failure (the output folder cannot be written, a fault of Codicil's) is not the
        // content's: exit code 2.
        const templateError = templateErrorLine(e);
        console.error(templateError ?? `internal error: ${errorMessages(e).join("\n") || String(e)}`);
        console.error(`Build stopped: nothing was written, ${path.relative(process.cwd(), outDir) || outDir} is unchanged.`);
        return templateError ? 1 : 2;
      }
      const { problems, built, newlyPublished } = result;
      report(problems);
      if (!built) {
        console.error(`Build stopped: nothing was written, ${path.relative(process.cwd(), outDir) || outDir} is unchanged.`);
        return 1;
      }
      console.error(`Built ${path.relative(process.cwd(), outDir) || outDir}: ${result.filesWritten.toLocaleString("en")} files.`);
      const addresses = (n: number) => `${n} version address${n === 1 ? "" : "es"}`;
      for (const url of result.corrected) console.error(`${LOCK_FILE}: recorded the correction of ${url}.`);
      for (const url of result.renderingAccepted) console.error(`${LOCK_FILE}: accepted the new rendering of ${url}.`);
      if (newlyPublished > 0) console.error(`${LOCK_FILE}: recorded ${addresses(newlyPublished)} newly published.`);
      if (result.lockUpdated > 0) console.error(`${LOCK_FILE}: brought the fingerprints of ${addresses(result.lockUpdated)} up to date.`);
      if (newlyPublished + result.lockUpdated > 0) console.error(`${LOCK_FILE}: commit this file with the content.`);
      return 0;
    }
    case "serve": {
      const port = Number(values.port ?? 8080);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        console.error(`--port takes a port number, e.g. 8080 (got "${values.port}").\n\n${USAGE}`);
        return 2;
      }
      if (values.host !== undefined && !/^[\w.:-]+$/.test(values.host)) {
        console.error(`--host takes an address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0 (got "${values.host}").\n\n${USAGE}`);
        return 2;
      }
      const { serveSite } = await import("../dev-server/dev-server.ts");
      return serveSite({ root, port, strictParity: values.strict === true, ...threadsOption, ...(values.host !== undefined && { host: values.host }) });
    }
    case "new-version": {
      const slug = positionals[1];
      if (!slug) {
        console.error(`new-version needs the document's folder name, e.g. npm run new-version -- privacy\n\n${USAGE}`);
        return 2;
      }
      const { startNewVersion } = await import("./new-version.ts");
      const { problems, created } = await startNewVersion({
        root,
        slug,
        ...(values.label !== undefined && { label: values.label }),
        ...(values.date !== undefined && { date: values.date }),
        ...(values.effective !== undefined && { effective: values.effective }),
      });
      report(problems);
      if (!created) return 1;
      for (const [from, to] of created.archived) console.error(`archived ${from} → ${to}`);
      // The effective date decides which version readers are bound by: said, never left to be guessed.
      const effective =
        created.effective === created.date
          ? `takes effect on ${created.effective}, its date (pass --effective YYYY-MM-DD for a later day)`
          : `takes effect on ${created.effective}`;
      console.error(
        `Version ${created.label} (updated ${created.date}) ${effective}; started in ${created.ready}: edit the text (until it differs from version ${created.previousLabel}, npm run check reports it), write a summary, then npm run check.`,
      );
      return 0;
    }
    case "verify": {
      const outDir = path.resolve(values.out ?? path.join(root, "_site"));
      const { verifyFailed, verifySite } = await import("../verify/verify-site.ts");
      const verified = await verifySite(root, outDir, { strictParity: values.strict === true });
      if (verified.externalLinks.length > 0) {
        console.error(`External links (listed, not fetched):\n${verified.externalLinks.map((l) => `  ${l}`).join("\n")}`);
      }
      report(verified.problems);
      // Every check, in the order it ran, last: what passed, what failed and what could not run.
      for (const step of verified.steps) console.error(`${VERIFY_MARKS[step.status]} ${step.name}: ${step.detail}`);
      const failed = verified.steps.filter((s) => s.status === "failed").length;
      const skipped = verified.steps.filter((s) => s.status === "skipped").length;
      if (verifyFailed(verified)) console.error(`verify failed: ${failed} of ${verified.steps.length} checks failed${skipped > 0 ? `, ${skipped} skipped` : ""}.`);
      return verifyFailed(verified) ? 1 : 0;
    }
    case "translations": {
      const { loadSite } = await import("../content/load-site.ts");
      const { formatLanguageStatus, formatStatusTable, languageStatus, translationStatus } = await import("./translation-status.ts");
      const { loaded, problems } = await loadSite({ root });
      if (!loaded) {
        report(problems);
        return 1;
      }
      if (values.doc !== undefined && !loaded.site.documents.some((d) => d.slug === values.doc)) {
        console.error(`There is no document "${values.doc}" (documents: ${loaded.site.documents.map((d) => d.slug).join(", ")}).`);
        return 2;
      }
      const rows = translationStatus(loaded.site).filter((r) => values.doc === undefined || r.document === values.doc);
      const languages = languageStatus(loaded.site, loaded.translator);
      if (values.json) console.log(JSON.stringify({ documents: rows, languages }, null, 2));
      else console.log([formatStatusTable(rows), formatLanguageStatus(languages)].filter((part) => part !== "").join("\n\n"));
      // Missing cookie purposes and UI strings fall back and are reported, not failed on: the documents decide.
      return rows.every((r) => r.state === "up-to-date") ? 0 : 1;
    }
    case "new-site": {
      const { startNewSite } = await import("./new-site.ts");
      const { problems, written } = await startNewSite({ root, ...(values.name !== undefined && { name: values.name }), ...(values.url !== undefined && { url: values.url }) });
      report(problems);
      if (!written) return 1;
      for (const file of written) console.error(`wrote ${file}`);
      console.error(`A new site is ready in content/: edit content/site.yaml and the document, then npm run check.`);
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 2;
  },
);
