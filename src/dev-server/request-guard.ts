import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/**
 * The requests `npm start` answers itself, before Eleventy's dev server sees them: the dev server
 * decodes paths with `decodeURIComponent` and throws on a malformed escape or a path that leaves
 * `_site/`, and a throw in its request handler ends the process.
 */

/** Longer request targets are answered 414: no page Codicil writes has an address near this. */
export const MAX_REQUEST_TARGET = 4096;

export interface RefusedRequest {
  readonly status: 400 | 405 | 414;
  readonly reason: string;
}

/**
 * Why a request is refused, or undefined when it may go on to the files of `_site/`. Only GET and
 * HEAD of an origin-form target (`/path?query`) whose path decodes to UTF-8 with no `.`/`..`
 * segment, backslash or NUL pass: what is left can only name a file inside `_site/`.
 */
export function refusedRequest(method: string | undefined, target: string | undefined): RefusedRequest | undefined {
  if (method !== "GET" && method !== "HEAD") return { status: 405, reason: "only GET and HEAD are served" };
  if (target === undefined || !target.startsWith("/") || target.startsWith("//")) {
    return { status: 400, reason: "the request target is not a path on this server" };
  }
  if (target.length > MAX_REQUEST_TARGET) return { status: 414, reason: `the request target is longer than ${MAX_REQUEST_TARGET} characters` };
  const rawPath = target.split(/[?#]/, 1)[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: "the path has a malformed percent-escape" };
  }
  if (/[\\\0]/.test(decoded) || decoded.split("/").some((segment) => segment === "." || segment === "..")) {
    return { status: 400, reason: "the path leaves the site's folder" };
  }
  return undefined;
}

type Next = () => unknown;

/**
 * A dev-server middleware (it runs before the dev server maps the path to a file) that answers a
 * refused request with its status, and a request whose handling throws with 500, so that no
 * request, however malformed, stops the server.
 */
export function guardRequests(logError: (message: string) => void) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const refused = refusedRequest(req.method, req.url);
    if (refused) {
      res.statusCode = refused.status;
      if (refused.status === 405) res.setHeader("Allow", "GET, HEAD");
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(`${refused.status}: ${refused.reason}\n`);
      return;
    }
    const failed = (e: unknown) => {
      logError(`answering ${req.method} ${(req.url ?? "").slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.statusCode = 500;
      res.end();
    };
    // The dev server's own handler is synchronous today; a promise is awaited all the same.
    Promise.resolve()
      .then(next)
      .catch(failed);
  };
}

/** How many next ports are tried when the one asked for is taken (as Eleventy's dev server does). */
const PORT_ATTEMPTS = 10;

/**
 * Listens on `host`, on `port` or, when that is taken, one of the next ports. The dev server's own
 * listener would retry without the host, that is on every interface, so it is replaced.
 */
export function listenOn(server: Server, port: number, host: string): Promise<AddressInfo> {
  server.removeAllListeners("error");
  // Node drops a CONNECT request's connection without an answer unless someone listens for it.
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  return new Promise((resolve, reject) => {
    let attempt = 0;
    server.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE" && attempt < PORT_ATTEMPTS && !server.listening) {
        attempt += 1;
        server.listen({ port: port + attempt, host });
        return;
      }
      if (!server.listening) reject(new Error(listenFailure(e, port + attempt, host)));
      else console.error(`dev server: ${e.message}`);
    });
    server.once("listening", () => resolve(server.address() as AddressInfo));
    server.listen({ port, host });
  });
}

function listenFailure(e: NodeJS.ErrnoException, port: number, host: string): string {
  if (e.code === "EADDRINUSE") return `ports ${port - PORT_ATTEMPTS} to ${port} on ${host} are all in use: choose another with --port.`;
  if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND") return `--host ${host} is not an address of this computer: use 127.0.0.1 (the default), localhost or one of its own addresses.`;
  return `cannot listen on ${host} port ${port}: ${e.message}`;
}

/** The address a browser opens for a bound socket: IPv6 in brackets, the wildcard addresses as they are. */
export function serverOrigin(address: AddressInfo): string {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
