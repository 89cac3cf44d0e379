import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext } from "playwright-core";

/** Debian's Chromium by default: Playwright's own browser download is not used. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

export class ChromiumMissingError extends Error {
  override name = "ChromiumMissingError";
  constructor(readonly executable: string) {
    super(
      `The cookie scan needs Chromium at ${executable}: install it (Debian and Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
    );
  }
}

/**
 * A fresh Chromium profile that accepts third-party cookies, as most visitors' browsers still do:
 * Chromium's own default (and every incognito context, which Playwright's contexts are) refuses
 * them, and the scan would then miss what a third party's frame sets from its scripts. Deleted on
 * close, so no scan sees another's cookies.
 */
export async function openScanBrowser(executable = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(executable)) throw new ChromiumMissingError(executable);
  // playwright-core: launches Chromium and opens DevTools protocol sessions on its pages; imported
  // here so that the other commands never load it.
  const { chromium } = await import("playwright-core");
  const profile = await mkdtemp(path.join(tmpdir(), "codicil-cookie-scan-"));
  await mkdir(path.join(profile, "Default"));
  // cookie_controls_mode 0: "allow third-party cookies" in Chromium's settings.
  await writeFile(path.join(profile, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: executable,
      // Without the networking flags Chromium contacts Google at start: the scan sends nothing
      // anywhere but the site.
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
}
