import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, cliEnv, copyFixture, REPO, removeDir } from "../support/sites.ts";

/**
 * `npm start` for real, sent what no browser sends: raw requests over a socket, each of which once
 * ended the process or reached a file outside `_site/`. After every one the server must still
 * answer a good request.
 */
let root: string;
let server: ChildProcess;
let said = "";
let host: string;
let port: number;

/** Sends `request` as it is and resolves to everything the server wrote before closing the connection. */
function rawRequest(request: string, to: { host: string; port: number } = { host, port }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(to.port, to.host);
    let response = "";
    socket.setEncoding("latin1");
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(request.slice(0, 80))}`)));
    socket.on("data", (chunk: string) => (response += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(response));
    socket.write(request);
  });
}
const get = (target: string, method = "GET") => rawRequest(`${method} ${target} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`);
const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

beforeAll(async () => {
  root = copyFixture("multilingual");
  const asked = String(20_000 + Math.floor(Math.random() * 20_000));
  server = spawn(process.execPath, [CLI, "serve", "--root", root, "--port", asked], { cwd: REPO, env: cliEnv({ SOURCE_DATE_EPOCH: "1751328000" }) });
  server.stdout?.on("data", (chunk: Buffer) => (said += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (said += chunk.toString()));
  const until = Date.now() + 60_000;
  let match: RegExpExecArray | null = null;
  while (!match && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    match = /Server at http:\/\/([\d.]+):(\d+)\/legal\//.exec(said);
  }
  if (!match) throw new Error(`the server did not start:\n${said}`);
  host = match[1]!;
  port = Number(match[2]);
  // A folder beside the served one whose name starts like it (the dev server's own check compares prefixes).
  mkdirSync(path.join(root, ".codicil/preview-old"), { recursive: true });
  writeFileSync(path.join(root, ".codicil/preview-old/secret.txt"), "unpublished draft");
}, 90_000);
afterAll(() => {
  server.kill();
  removeDir(root);
});

describe("npm start answers any request with a status and keeps serving", () => {
  it("listens on the loopback only, and says so", async () => {
    expect(host).toBe("127.0.0.1");
    expect(said).toContain("this computer only");
    expect(statusOf(await get("/legal/en/privacy/"))).toBe(200);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a !== undefined && a.family === "IPv4" && !a.internal);
    // On a machine with another address, the server must not be reachable there.
    if (external) await expect(rawRequest("GET / HTTP/1.1\r\n\r\n", { host: external.address, port })).rejects.toThrow(/ECONNREFUSED/);
  });

  it.each([
    ["a lone percent sign", "GET /% HTTP/1.1", 400],
    ["a truncated UTF-8 escape", "GET /%E0%A4%A HTTP/1.1", 400],
    ["a truncated escape under the path prefix", "GET /legal/en/%E0%A4%A/ HTTP/1.1", 400],
    ["an escape that is not UTF-8", "GET /legal/%FF/ HTTP/1.1", 400],
    ["dot segments", "GET /legal/../../package.json HTTP/1.1", 400],
    ["escaped dot segments", "GET /legal/%2e%2e/%2e%2e/package.json HTTP/1.1", 400],
    ["an escaped slash out of _site/", "GET /..%2f..%2fpackage.json HTTP/1.1", 400],
    ["an escaped slash into a folder beside the served one", "GET /..%2fpreview-old/secret.txt HTTP/1.1", 400],
    ["an escaped backslash", "GET /legal/..%5c..%5cpackage.json HTTP/1.1", 400],
    ["an escaped NUL", "GET /legal/en/%00 HTTP/1.1", 400],
    ["an absolute-form target", "GET http://evil.example/legal/en/ HTTP/1.1", 400],
    ["a scheme-relative target", "GET //evil.example/legal/en/ HTTP/1.1", 400],
    ["an overlong target", `GET /legal/${"a".repeat(5000)} HTTP/1.1`, 414],
    ["a target larger than Node reads", `GET /legal/${"a".repeat(20_000)} HTTP/1.1`, 431],
    ["POST", "POST /legal/en/ HTTP/1.1", 405],
    ["DELETE", "DELETE /legal/en/privacy/ HTTP/1.1", 405],
    ["OPTIONS *", "OPTIONS * HTTP/1.1", 405],
    ["CONNECT", "CONNECT evil.example:443 HTTP/1.1", 405],
    ["an unknown method", "BREW /legal/ HTTP/1.1", 400],
    ["garbage", "\x00\x01not http at all", 400],
  ])("%s: answered %i", async (_, requestLine, expected) => {
    const response = await rawRequest(`${requestLine}\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(response), response.slice(0, 300)).toBe(expected);
    expect(response).not.toContain("unpublished draft");
    expect(response).not.toContain('"name"');
    const after = await get("/legal/en/privacy/");
    expect(statusOf(after), `the server after ${requestLine.slice(0, 60)}:\n${said}`).toBe(200);
  });

  it("still serves HEAD, redirects and 404s as before", async () => {
    expect(statusOf(await get("/legal/en/privacy/", "HEAD"))).toBe(200);
    expect(statusOf(await get("/legal/en/privacy"))).toBe(301);
    expect(statusOf(await get("/legal/en/no-such-page/"))).toBe(404);
    expect(statusOf(await get("/legal/en/privacy/?q=%E0%A4%A"))).toBe(200);
    expect(server.exitCode).toBeNull();
  });
});
