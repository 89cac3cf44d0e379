import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small website on the loopback that sets known cookies in every way the scanner must see:
 * first-party headers (session and persistent), a wildcard name, a script after load, a click on
 * a consent button, an image from a second site, localStorage. `http://127.0.0.1:<port>` is the
 * site; `http://localhost:<other port>` is another site (a different host, so a different site,
 * whatever the ports).
 */
export interface CookieWebsite {
  readonly origin: string;
  readonly otherOrigin: string;
  /** Every request either server answered, as "METHOD host path". */
  readonly requests: string[];
  close(): Promise<void>;
}

/** What the fixture sets, as the scanner must report it (lifetimes as the scanner rounds them). */
export const FIXTURE_COOKIES = [
  { name: "fx_session", party: "first", lifetime: "session" },
  { name: "fx_lang", party: "first", lifetime: "P1Y" },
  { name: "_fx_ga_K2X9", party: "first", lifetime: "P90D" },
  { name: "fx_script", party: "first", lifetime: "PT1H" },
  { name: "fx_consent", party: "first", lifetime: "P180D" },
  { name: "fx_pixel", party: "third", lifetime: "P30D" },
] as const;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

export async function startCookieWebsite(): Promise<CookieWebsite> {
  const requests: string[] = [];
  const other = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.headers.host} ${req.url}`);
    if (req.url === "/pixel.gif") {
      // Cross-site: only SameSite=None cookies may be set from an image, and those must be Secure
      // (which Chromium allows on http://localhost).
      res.setHeader("Set-Cookie", "fx_pixel=1; Path=/; Max-Age=2592000; SameSite=None; Secure");
      res.setHeader("Content-Type", "image/gif");
      res.end(Buffer.from("R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==", "base64"));
      return;
    }
    res.setHeader("Set-Cookie", "fx_offsite=1; Path=/; Max-Age=600");
    res.setHeader("Content-Type", "text/html");
    res.end(page("Elsewhere", "<p>Another site.</p>"));
  });
  const otherPort = await listen(other);
  const otherOrigin = `http://localhost:${otherPort}`;

  const site = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.headers.host} ${req.url}`);
    const url = new URL(req.url ?? "/", "http://fixture");
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    switch (url.pathname) {
      case "/":
        res.setHeader("Set-Cookie", ["fx_session=abc; Path=/; HttpOnly", "fx_lang=en; Path=/; Max-Age=31536000", "_fx_ga_K2X9=GS1.1; Path=/; Max-Age=7776000"]);
        res.end(
          page(
            "Home",
            `<h1>Home</h1>
            <img src="${otherOrigin}/pixel.gif" alt="">
            <nav><a href="/about">About</a> <a href="/about#team">Team</a> <a href="/redirect-away">Partner</a>
            <a href="${otherOrigin}/elsewhere">Elsewhere</a> <a href="mailto:legal@example.com">Mail</a></nav>
            <form action="/submit" method="post"><input name="email"><button type="submit">Subscribe</button></form>
            <div id="banner"><button id="accept" type="button">Accept all</button></div>
            <script>
              addEventListener("load", () => {
                document.cookie = "fx_script=1; path=/; max-age=3600";
                localStorage.setItem("fx_basket", "[]");
              });
              document.getElementById("accept").addEventListener("click", () => {
                document.cookie = "fx_consent=all; path=/; max-age=15552000";
              });
            </script>`,
          ),
        );
        return;
      case "/about":
        res.end(page("About", `<h1>About</h1><a href="/">Home</a> <a href="/contact">Contact</a>`));
        return;
      case "/contact":
        res.end(page("Contact", `<h1>Contact</h1><a href="/">Home</a>`));
        return;
      case "/redirect-away":
        res.writeHead(302, { Location: `${otherOrigin}/landing` });
        res.end();
        return;
      case "/slow":
        // Answers the headers, never the end of the page: the scan must time out and go on.
        res.write("<!doctype html><title>Slow</title><p>Loading");
        return;
      case "/busy":
        // A script that never ends: the page never loads, nor answers the scan's questions.
        res.end(page("Busy", "<p>Busy</p><script>for (;;) {}</script>"));
        return;
      default:
        res.statusCode = 404;
        res.end(page("Not found", "<p>Not found.</p>"));
    }
  });
  const port = await listen(site);
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin,
    requests,
    close: async () => {
      site.closeAllConnections();
      other.closeAllConnections();
      await Promise.all([new Promise((resolve) => site.close(resolve)), new Promise((resolve) => other.close(resolve))]);
    },
  };
}
