import { hasErrors, type Problem } from "../core/problems.ts";
import { COOKIE_REGISTRY_FILE } from "../model/cookies.ts";
import type { IsoDate } from "../rules/dates.ts";
import { openScanBrowser } from "./browser.ts";
import { compareWithRegistry, findingMessage, isError, type Finding, type SeenCookie } from "./compare.ts";
import { crawlSite, type CrawlResult, type VisitedPage } from "./crawl.ts";
import { lifetimeText } from "./lifetime.ts";
import type { CookieDatabase } from "./open-cookie-database.ts";
import { loadScanRegistry } from "./registry.ts";
import { cookieStubs, stubsYaml, type CookieStub } from "./stubs.ts";

/** Per page, unless --timeout says otherwise: long enough for a slow page, short enough for CI. */
export const DEFAULT_PAGE_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_PAGES = 20;
/** After a page has loaded, how long its scripts may keep the network busy before the scan looks. */
const SETTLE_MS = 2_000;

export interface ScanOptions {
  readonly root: string;
  readonly startUrl: string;
  readonly maxPages?: number;
  readonly clickSelector?: string;
  readonly pageTimeoutMs?: number;
  readonly database?: CookieDatabase;
  /** The registry's entries in force on this date are the ones compared. */
  readonly date: IsoDate;
  readonly onPage?: (visited: VisitedPage, index: number, planned: number) => void;
}

/** The whole report, as `--json` writes it. */
export interface ScanReport {
  readonly startUrl: string;
  /** The registrable domain (or host) that counts as first party. */
  readonly site: string;
  readonly registryDate: IsoDate;
  readonly pages: CrawlResult["pages"];
  readonly notVisited: CrawlResult["notVisited"];
  readonly click?: CrawlResult["click"];
  readonly cookies: readonly (Omit<SeenCookie, "lifetime" | "seenAtMs"> & { readonly lifetime: string; readonly lifetimeSeconds?: number; readonly seenAt: string })[];
  readonly storage: CrawlResult["storage"];
  readonly findings: readonly { readonly kind: Finding["kind"]; readonly severity: "error" | "note"; readonly file: string; readonly line: number; readonly message: string }[];
  readonly stubs: readonly Omit<CookieStub, "note">[];
  /** The stubs as YAML to paste under `cookies:`. */
  readonly stubsYaml: string;
  /** True when the registry declares exactly what was seen (notes allowed). */
  readonly ok: boolean;
}

/** Reads the registry, crawls the site, compares. Problems: an invalid registry, nothing scanned. */
export async function scanCookies(options: ScanOptions): Promise<{ report?: ScanReport; problems: Problem[] }> {
  const { registry, problems } = await loadScanRegistry(options.root, options.date);
  if (!registry || hasErrors(problems)) return { problems };
  const browser = await openScanBrowser();
  let crawl: CrawlResult;
  try {
    crawl = await crawlSite(browser.context, {
      startUrl: options.startUrl,
      maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
      pageTimeoutMs: options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
      settleMs: Math.min(SETTLE_MS, options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS),
      ...(options.clickSelector !== undefined && { clickSelector: options.clickSelector }),
      ...(options.onPage && { onPage: options.onPage }),
    });
  } finally {
    await browser.close();
  }
  const findings = compareWithRegistry(crawl.cookies, registry.entries);
  const undeclared = findings.flatMap((f) => (f.kind === "undeclared" ? [f.cookie] : []));
  const stubs = cookieStubs(undeclared, {
    siteName: registry.siteName,
    defaultLocale: registry.defaultLocale,
    ...(options.database && { database: options.database }),
  });
  const registryLine = (finding: Finding) => ("entry" in finding ? (finding.entry.line ?? 1) : 1);
  const report: ScanReport = {
    startUrl: options.startUrl,
    site: crawl.site.domain,
    registryDate: registry.date,
    pages: crawl.pages,
    notVisited: crawl.notVisited,
    ...(crawl.click && { click: crawl.click }),
    cookies: crawl.cookies.map(({ lifetime, seenAtMs, ...cookie }) => ({
      ...cookie,
      lifetime: lifetimeText(lifetime),
      ...(lifetime.kind === "period" && { lifetimeSeconds: lifetime.seconds }),
      seenAt: new Date(seenAtMs).toISOString(),
    })),
    storage: crawl.storage,
    findings: findings.map((finding) => ({
      kind: finding.kind,
      severity: isError(finding) ? "error" : "note",
      file: COOKIE_REGISTRY_FILE,
      line: registryLine(finding),
      message: findingMessage(finding),
    })),
    stubs: stubs.map(({ note: _note, ...stub }) => stub),
    stubsYaml: stubsYaml(stubs),
    ok: !findings.some(isError),
  };
  return { report, problems };
}
