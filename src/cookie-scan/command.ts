import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatProblem, sortProblems, summarize, type Problem } from "../core/problems.ts";
import { buildDate } from "../rules/dates.ts";
import { ChromiumMissingError } from "./browser.ts";
import { StartPageError } from "./crawl.ts";
import { readCookieDatabase } from "./open-cookie-database.ts";
import { reportText } from "./report-text.ts";
import { DEFAULT_MAX_PAGES, DEFAULT_PAGE_TIMEOUT_MS, scanCookies } from "./scan.ts";

export const SCAN_USAGE = `Usage: codicil scan-cookies <url> [--pages N] [--json FILE] [--click SELECTOR]
                            [--cookie-database FILE.csv] [--timeout SECONDS] [--root DIR]

Opens <url> in headless Chromium, visits up to N pages of the same site (default ${DEFAULT_MAX_PAGES}),
records every cookie and web storage key, and compares the cookies with content/cookies.yaml.
  --click SELECTOR          click this on the first page (the consent banner's accept button)
  --json FILE               also write the whole report as JSON
  --cookie-database FILE    the Open Cookie Database CSV, to fill the stubs of known cookies
  --timeout SECONDS         per page (default ${DEFAULT_PAGE_TIMEOUT_MS / 1000}); a slower page is recorded as far as it got
Exit codes: 0 the registry matches, 1 it does not (or is invalid), 2 the site could not be scanned.`;

function printProblems(problems: readonly Problem[]): void {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
  if (problems.length > 0) console.error(summarize(problems));
}

const usage = (message: string) => {
  console.error(`${message}\n\n${SCAN_USAGE}`);
  return 2;
};

/** `codicil scan-cookies …`: the exit code. */
export async function runScanCookies(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        pages: { type: "string" },
        json: { type: "string" },
        click: { type: "string" },
        "cookie-database": { type: "string" },
        timeout: { type: "string" },
        root: { type: "string", default: "." },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(SCAN_USAGE);
    return 0;
  }
  const [url, ...extra] = positionals;
  if (url === undefined) return usage("scan-cookies needs the address of the site, e.g. npm run scan-cookies -- https://www.example.com/");
  if (extra.length > 0) return usage(`Unexpected argument${extra.length === 1 ? "" : "s"} ${extra.map((a) => `"${a}"`).join(" ")}.`);
  if (!URL.canParse(url)) return usage(`"${url}" is not an address; give it in full, e.g. https://www.example.com/`);
  const protocol = new URL(url).protocol;
  if (protocol !== "http:" && protocol !== "https:") return usage(`"${url}" is a ${protocol} address; the scan opens only http:// and https:// sites.`);
  const maxPages = values.pages === undefined ? DEFAULT_MAX_PAGES : Number(values.pages);
  if (!Number.isInteger(maxPages) || maxPages < 1) return usage(`--pages takes a whole number of pages, 1 or more (got "${values.pages}").`);
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_PAGE_TIMEOUT_MS / 1000 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return usage(`--timeout takes a number of seconds per page, e.g. 30 (got "${values.timeout}").`);
  const root = path.resolve(values.root);

  let database;
  const databaseFile = values["cookie-database"];
  if (databaseFile !== undefined) {
    const text = await readFile(databaseFile, "utf8").catch(() => undefined);
    if (text === undefined) return usage(`--cookie-database: cannot read ${databaseFile}; download open-cookie-database.csv from https://github.com/jkwakman/Open-Cookie-Database.`);
    const read = readCookieDatabase(text, databaseFile);
    if (!read.database) {
      printProblems(read.problems);
      return 2;
    }
    database = read.database;
  }

  // A progress line per page where someone watches; CI logs get the report only.
  const onPage = process.stderr.isTTY
    ? (page: { url: string; outcome: string }, index: number, planned: number) => console.error(`[${index}/${planned}] ${page.url}: ${page.outcome}`)
    : undefined;
  let result;
  try {
    result = await scanCookies({
      root,
      startUrl: url,
      maxPages,
      pageTimeoutMs: timeoutSeconds * 1000,
      date: buildDate(),
      ...(values.click !== undefined && { clickSelector: values.click }),
      ...(database && { database }),
      ...(onPage && { onPage }),
    });
  } catch (e) {
    if (e instanceof ChromiumMissingError || e instanceof StartPageError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const { report, problems } = result;
  printProblems(problems);
  if (!report) {
    console.error("The registry has errors: fix them (npm run check says the same), then scan again.");
    return 1;
  }
  console.log(reportText(report, maxPages));
  if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}
