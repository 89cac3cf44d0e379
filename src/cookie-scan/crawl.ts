import type { BrowserContext, CDPSession, Frame, Page } from "playwright-core";
import type { SeenCookie } from "./compare.ts";
import { observedLifetime } from "./lifetime.ts";
import { parseSetCookie, setCookieLines } from "./set-cookie.ts";
import { isSameSiteUrl, partyOf, siteOf, type ScanSite } from "./site.ts";

export interface CrawlOptions {
  /** An http(s) address, already checked. */
  readonly startUrl: string;
  /** Pages to visit at most, the start page included. */
  readonly maxPages: number;
  /** What to click on the first page, once it has loaded: the consent banner's accept button. */
  readonly clickSelector?: string;
  /** How long one page may take to load before the scan records what it has and moves on. */
  readonly pageTimeoutMs: number;
  /** How long to wait, after a page has loaded, for its scripts' requests to settle. */
  readonly settleMs: number;
  /** Called once a page is done (a progress line on a terminal). */
  readonly onPage?: (visited: VisitedPage, index: number, planned: number) => void;
}

export type PageOutcome = "visited" | "timed-out" | "failed" | "left-site";

export interface VisitedPage {
  readonly url: string;
  readonly outcome: PageOutcome;
  /** Why a page did not load, or where it tried to go. */
  readonly note?: string;
}

export interface StorageKey {
  readonly area: "localStorage" | "sessionStorage";
  readonly origin: string;
  readonly key: string;
  readonly firstPage: string;
}

export interface CrawlResult {
  readonly site: ScanSite;
  readonly pages: readonly VisitedPage[];
  /** Same-site pages found but not visited: more than maxPages. */
  readonly notVisited: readonly string[];
  readonly cookies: readonly SeenCookie[];
  readonly storage: readonly StorageKey[];
  readonly click?: { readonly selector: string; readonly clicked: boolean; readonly note?: string };
}

/** The start address could not be scanned at all: the command says why and exits 2. */
export class StartPageError extends Error {
  override name = "StartPageError";
}

/** A page address without its fragment: `/a#x` and `/a#y` are one page. */
function pageKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.href;
}

/**
 * Everything the crawl watches on one tab: cookies from Set-Cookie headers (through the DevTools
 * protocol, on the tab and on each frame that runs in a process of its own) and which top-level
 * navigations it allows. Only addresses the crawl chose, and same-site redirects while it loads
 * them, may replace the page: a link or a form a script or a click follows is refused.
 */
class TabWatch {
  private readonly urls = new Map<string, string>();
  private readonly headerCookies: { line: string; requestId: string; host?: string; receivedAtMs: number; refused?: string }[] = [];
  private mainFrameId = "";
  /**
   * The page the tab may load (again): while the crawl loads it, with its redirects on the site;
   * after a consent click, only itself (banners often reload the page once consent is given).
   */
  private target: { url: string; redirectsWithin?: ScanSite } | undefined;
  /** Set while finding out the start site: the page is answered empty, nothing reaches the site. */
  private probing = false;
  /** Top-level navigations refused since the last `take`. */
  refused: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
  ) {}

  async start(): Promise<void> {
    this.listen(this.session);
    await this.session.send("Network.enable");
    const { frameTree } = await this.session.send("Page.getFrameTree");
    this.mainFrameId = frameTree.frame.id;
    this.session.on("Fetch.requestPaused", (event) => void this.decide(event));
    await this.session.send("Fetch.enable", { patterns: [{ urlPattern: "*", resourceType: "Document", requestStage: "Request" }] });
    // Frames from other sites run in processes of their own, with their own protocol sessions.
    this.page.on("frameattached", (frame) => void this.watchFrame(frame));
  }

  private listen(session: CDPSession): void {
    session.on("Network.requestWillBeSent", (event) => this.urls.set(event.requestId, event.request.url));
    session.on("Network.responseReceived", (event) => this.urls.set(event.requestId, event.response.url));
    session.on("Network.responseReceivedExtraInfo", (event) => this.recordHeaders(event.requestId, event.headers, event.blockedCookies));
  }

  private async watchFrame(frame: Frame): Promise<void> {
    try {
      const session = await this.page.context().newCDPSession(frame);
      this.listen(session);
      await session.send("Network.enable");
    } catch {
      // A frame in the page's own process: the tab's session already sees its requests.
    }
  }

  private recordHeaders(
    requestId: string,
    headers: Record<string, string>,
    refusedCookies: readonly { readonly cookieLine: string; readonly blockedReasons: readonly string[] }[],
  ): void {
    const receivedAtMs = Date.now();
    const refusedLines = new Map(refusedCookies.map((refused) => [refused.cookieLine, refused.blockedReasons.join(", ")]));
    for (const line of setCookieLines(headers)) {
      const refused = refusedLines.get(line);
      this.headerCookies.push({ line, requestId, receivedAtMs, ...(refused !== undefined && { refused }) });
    }
  }

  private async decide(event: { requestId: string; request: { url: string; method: string }; frameId: string }): Promise<void> {
    const { requestId, request, frameId } = event;
    try {
      if (frameId !== this.mainFrameId) {
        await this.session.send("Fetch.continueRequest", { requestId });
      } else if (this.probing) {
        await this.session.send("Fetch.fulfillRequest", { requestId, responseCode: 200, responseHeaders: [{ name: "Content-Type", value: "text/html" }], body: "" });
      } else if (this.allows(request.url, request.method)) {
        await this.session.send("Fetch.continueRequest", { requestId });
      } else {
        this.refused.push(request.url);
        await this.session.send("Fetch.failRequest", { requestId, errorReason: "BlockedByClient" });
      }
    } catch {
      // The tab closed meanwhile.
    }
  }

  private allows(url: string, method: string): boolean {
    if (!this.target || method !== "GET") return false;
    if (pageKey(url) === pageKey(this.target.url)) return true;
    return this.target.redirectsWithin !== undefined && isSameSiteUrl(url, this.target.redirectsWithin);
  }

  /** The start page's registrable domain, as Chromium computes it, without a request to the site. */
  async siteOf(url: string): Promise<ScanSite> {
    this.probing = true;
    try {
      await this.page.goto(url, { waitUntil: "commit" });
      const { frameTree } = await this.session.send("Page.getFrameTree");
      return siteOf(new URL(url).hostname, frameTree.frame.domainAndRegistry ?? "");
    } finally {
      this.probing = false;
      await this.page.goto("about:blank").catch(() => undefined);
    }
  }

  expect(target: { url: string; redirectsWithin?: ScanSite } | undefined): void {
    this.target = target;
  }

  /** The Set-Cookie lines received since the last call, with the host that sent each. */
  takeHeaderCookies(): { line: string; host: string; receivedAtMs: number; refused?: string }[] {
    const taken = this.headerCookies.splice(0);
    return taken.flatMap((cookie) => {
      const url = this.urls.get(cookie.requestId);
      if (!url || !URL.canParse(url)) return [];
      return [{ line: cookie.line, host: new URL(url).hostname, receivedAtMs: cookie.receivedAtMs, ...(cookie.refused !== undefined && { refused: cookie.refused }) }];
    });
  }
}

const lifetimeSeconds = (cookie: SeenCookie) => (cookie.lifetime.kind === "session" ? 0 : cookie.lifetime.seconds);

/** Cookies once each (by name and domain), where they first appeared. */
class CookieLog {
  private readonly byKey = new Map<string, SeenCookie>();
  private readonly fromHeaders = new Set<string>();

  constructor(private readonly site: ScanSite) {}

  /**
   * A header's lifetime is the one the site asked for (the cookie store's may be capped), and of
   * several headers for one cookie the longest counts; where it first appeared stays.
   */
  add(cookie: Omit<SeenCookie, "party">, fromHeader: boolean): void {
    const key = `${cookie.name}\u0000${cookie.domain}`;
    const known = this.byKey.get(key);
    const seen: SeenCookie = { ...cookie, party: partyOf(cookie.domain, this.site) };
    if (!known) this.byKey.set(key, seen);
    else if (fromHeader && (!this.fromHeaders.has(key) || lifetimeSeconds(seen) > lifetimeSeconds(known))) {
      this.byKey.set(key, { ...seen, firstPage: known.firstPage });
    }
    if (fromHeader) this.fromHeaders.add(key);
  }

  has(name: string, domain: string): boolean {
    return this.byKey.has(`${name}\u0000${domain}`);
  }

  all(): SeenCookie[] {
    return [...this.byKey.values()];
  }
}

export async function crawlSite(context: BrowserContext, options: CrawlOptions): Promise<CrawlResult> {
  const page = await context.newPage();
  // A page that opens a window gets it closed: the crawl visits one tab.
  context.on("page", (other) => {
    if (other !== page) void other.close();
  });
  page.setDefaultTimeout(options.pageTimeoutMs);
  const session = await context.newCDPSession(page);
  const watch = new TabWatch(page, session);
  await watch.start();

  const site = await watch.siteOf(options.startUrl);
  const cookies = new CookieLog(site);
  const storage = new Map<string, StorageKey>();
  const pages: VisitedPage[] = [];
  const queue: string[] = [pageKey(options.startUrl)];
  const known = new Set(queue);
  let click: CrawlResult["click"];

  const collect = async (pageUrl: string) => {
    for (const header of watch.takeHeaderCookies()) {
      const parsed = parseSetCookie(header.line, header.receivedAtMs);
      // A lifetime of zero or less deletes a cookie; it sets none.
      if (!parsed || (parsed.maxAgeSeconds !== undefined && parsed.maxAgeSeconds <= 0)) continue;
      const expires = parsed.maxAgeSeconds === undefined ? undefined : header.receivedAtMs / 1000 + parsed.maxAgeSeconds;
      cookies.add(
        {
          name: parsed.name,
          domain: parsed.domain ?? header.host,
          lifetime: observedLifetime(expires, header.receivedAtMs),
          seenAtMs: header.receivedAtMs,
          firstPage: pageUrl,
          ...(header.refused !== undefined && { refused: header.refused }),
        },
        true,
      );
    }
    const seenAtMs = Date.now();
    const { cookies: jar } = await session.send("Network.getAllCookies");
    for (const cookie of jar) {
      const domain = cookie.domain.replace(/^\./, "");
      if (cookies.has(cookie.name, domain)) continue;
      cookies.add({ name: cookie.name, domain, lifetime: observedLifetime(cookie.session ? undefined : cookie.expires, seenAtMs), seenAtMs, firstPage: pageUrl }, false);
    }
    for (const key of await storageKeys(page, options.pageTimeoutMs)) {
      const id = `${key.area}\u0000${key.origin}\u0000${key.key}`;
      if (!storage.has(id)) storage.set(id, { ...key, firstPage: pageUrl });
    }
  };

  while (queue.length > 0 && pages.length < options.maxPages) {
    const url = queue.shift() ?? "";
    watch.refused = [];
    watch.expect({ url, redirectsWithin: site });
    let outcome: PageOutcome = "visited";
    let note: string | undefined;
    try {
      await gotoPage(page, url, options.pageTimeoutMs);
    } catch (e) {
      const message = e instanceof Error ? e.message.split("\n")[0] ?? "" : String(e);
      const [leaving] = watch.refused;
      if (leaving) {
        outcome = "left-site";
        note = `redirects to ${leaving}, which is not on ${site.domain}: not followed`;
      } else if (/Timeout/i.test(message)) {
        outcome = "timed-out";
        note = `did not finish loading within ${options.pageTimeoutMs / 1000} s; what it set until then is recorded`;
      } else {
        outcome = "failed";
        note = message.replace(/^page\.goto:\s*/, "");
      }
    }
    if (pages.length === 0 && outcome === "failed") {
      throw new StartPageError(`${options.startUrl} could not be opened: ${note ?? "unknown error"}. Check the address and that the site is running.`);
    }
    if (outcome === "visited") await settle(page, options.settleMs);
    // From here on no navigation is the crawl's: a script or a click that leaves the page is refused.
    watch.expect(undefined);
    const landed = outcome === "visited" ? pageKey(page.url()) : url;
    await collect(landed);

    if (pages.length === 0 && options.clickSelector !== undefined && outcome === "visited") {
      watch.expect({ url: landed });
      click = await clickConsent(page, options.clickSelector, options.pageTimeoutMs);
      if (click.clicked) {
        await settle(page, options.settleMs);
        await collect(`${landed} (after clicking ${options.clickSelector})`);
      }
      watch.expect(undefined);
    }

    const visited: VisitedPage = { url, outcome, ...(note !== undefined && { note }) };
    pages.push(visited);
    if (outcome === "visited" || outcome === "timed-out") {
      for (const link of await sameSiteLinks(page, site, options.pageTimeoutMs)) {
        if (known.has(link)) continue;
        known.add(link);
        queue.push(link);
      }
    }
    options.onPage?.(visited, pages.length, Math.min(options.maxPages, pages.length + queue.length));
  }
  await page.close();
  return { site, pages, notVisited: queue, cookies: cookies.all(), storage: [...storage.values()], ...(click && { click }) };
}

/**
 * A page's own thread answers evaluations; a page stuck in a script never would, and the scan
 * must not hang on it: `fallback` after `ms`.
 */
async function within<T>(ms: number, work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A refused navigation ends in Chromium's error page, which commits a moment later (later still
 * on a busy machine) and can cut off the next page's navigation: once whatever cut it off has
 * loaded, that one is tried again.
 */
async function gotoPage(page: Page, url: string, timeoutMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
      return;
    } catch (e) {
      if (attempt >= 5 || !(e instanceof Error && e.message.includes("interrupted by another navigation"))) throw e;
      await page.waitForLoadState("load", { timeout: timeoutMs }).catch(() => undefined);
    }
  }
}

/** Lets a loaded page's scripts run and their requests finish, within a bound. */
async function settle(page: Page, settleMs: number): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: settleMs }).catch(() => undefined);
}

async function clickConsent(page: Page, selector: string, timeoutMs: number): Promise<NonNullable<CrawlResult["click"]>> {
  const target = page.locator(selector).first();
  try {
    if ((await page.locator(selector).count()) === 0) return { selector, clicked: false, note: `nothing on the first page matches ${selector}` };
    await target.click({ timeout: timeoutMs });
    return { selector, clicked: true };
  } catch (e) {
    return { selector, clicked: false, note: e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e) };
  }
}

/** Links of every frame of the page that stay on the site, in document order, without fragments. */
async function sameSiteLinks(page: Page, site: ScanSite, timeoutMs: number): Promise<string[]> {
  const hrefs = await within(
    timeoutMs,
    page.locator("a[href], area[href]").evaluateAll((links) => links.map((link) => (link as unknown as { href: string }).href)),
    [] as string[],
  );
  return [...new Set(hrefs.filter((href) => isSameSiteUrl(href, site)).map(pageKey))];
}

/** The keys in each frame's localStorage and sessionStorage, with the frame's origin. */
async function storageKeys(page: Page, timeoutMs: number): Promise<Omit<StorageKey, "firstPage">[]> {
  const keys: Omit<StorageKey, "firstPage">[] = [];
  for (const frame of page.frames()) {
    const found = await within(
      timeoutMs,
      // An expression, not a function: its text runs in the page as written, without a compiler's helpers.
      frame.evaluate<{ origin: string; local: string[]; session: string[] }>("({ origin: location.origin, local: Object.keys(localStorage), session: Object.keys(sessionStorage) })"),
      undefined,
    );
    if (!found || found.origin === "null") continue;
    for (const key of found.local) keys.push({ area: "localStorage", origin: found.origin, key });
    for (const key of found.session) keys.push({ area: "sessionStorage", origin: found.origin, key });
  }
  return keys;
}
