import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { LinkChecker, LinkState } from "linkinator";
import sirv from "sirv";
import { error, type Problem } from "../core/problems.ts";

/**
 * Every internal link and anchor of the built site, checked by linkinator (a maintained crawler
 * that also checks `#fragments`) against the output served on localhost under the pathPrefix,
 * as a web server would serve it. External links are listed, never fetched: CI must not depend on
 * other sites, and a privacy tool should not call them.
 */
export async function checkLinks(
  outDir: string,
  pathPrefix: string,
  /** The published address of the site: its canonical and hreflang links are checked as files elsewhere. */
  siteBase: string,
): Promise<{ problems: Problem[]; externalLinks: string[]; checked: number }> {
  const serve = sirv(path.resolve(outDir), { dev: true });
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (!url.startsWith(pathPrefix)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    req.url = `/${url.slice(pathPrefix.length)}`;
    serve(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const externalLinks = new Set<string>();
    const result = await new LinkChecker().check({
      path: `${origin}${pathPrefix}`,
      recurse: true,
      checkFragments: true,
      concurrency: 20,
      linksToSkip: (link) => {
        const local = link.startsWith(`${origin}/`) || link === origin;
        if (!local && /^https?:/.test(link) && !link.startsWith(siteBase)) externalLinks.add(link);
        return Promise.resolve(!local);
      },
    });
    const problems = result.links
      .filter((link) => link.state === LinkState.BROKEN)
      .map((link) => {
        const page = link.parent ? new URL(link.parent).pathname.slice(pathPrefix.length - 1) : "/";
        const target = link.url.startsWith(origin) ? link.url.slice(origin.length) : link.url;
        return error(`_site${page}${page.endsWith("/") ? "index.html" : ""}`, 1, `broken link to ${target}: no such page or anchor in the built site.`);
      });
    return { problems, externalLinks: [...externalLinks].sort(), checked: result.links.filter((l) => l.state !== LinkState.SKIPPED).length };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
