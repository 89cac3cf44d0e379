import { describe, expect, it } from "vitest";
import { MAX_REQUEST_TARGET, refusedRequest, serverOrigin } from "../../../src/dev-server/request-guard.ts";

describe("refusedRequest: what npm start answers before looking for a file", () => {
  it.each([
    ["GET", "/", undefined],
    ["HEAD", "/legal/en/privacy/", undefined],
    ["GET", "/legal/de/datenschutz/%C3%A4/", undefined],
    ["GET", "/legal/en/?q=%E0%A4%A", undefined],
    ["GET", "/legal/en/a..b/", undefined],
    ["POST", "/", 405],
    ["OPTIONS", "*", 405],
    [undefined, "/", 405],
    ["GET", "*", 400],
    ["GET", "http://evil.example/", 400],
    ["GET", "//evil.example/", 400],
    ["GET", "/%", 400],
    ["GET", "/%E0%A4%A", 400],
    ["GET", "/%FF", 400],
    ["GET", "/../x", 400],
    ["GET", "/a/./b", 400],
    ["GET", "/%2e%2E/x", 400],
    ["GET", "/..%2fx", 400],
    ["GET", "/a%5c..%5cb", 400],
    ["GET", "/a%00", 400],
    ["GET", `/${"a".repeat(MAX_REQUEST_TARGET)}`, 414],
  ])("%s %s → %s", (method, target, status) => {
    expect(refusedRequest(method, target)?.status).toBe(status);
  });
});

describe("serverOrigin: the address printed for the socket bound", () => {
  it.each([
    [{ address: "127.0.0.1", family: "IPv4", port: 8080 }, "http://127.0.0.1:8080"],
    [{ address: "::1", family: "IPv6", port: 8081 }, "http://[::1]:8081"],
  ])("%o → %s", (address, origin) => expect(serverOrigin(address)).toBe(origin));
});
