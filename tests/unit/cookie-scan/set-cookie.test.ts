import { describe, expect, it } from "vitest";
import { parseSetCookie, setCookieLines } from "../../../src/cookie-scan/set-cookie.ts";

const NOW = Date.UTC(2026, 0, 1);

describe("parseSetCookie", () => {
  const cases: [string, ReturnType<typeof parseSetCookie>][] = [
    ["sid=1; Path=/; HttpOnly", { name: "sid" }],
    ["lang=en; Max-Age=3600", { name: "lang", maxAgeSeconds: 3600 }],
    ["a=1; Domain=.Shop.example; max-age=60", { name: "a", domain: "shop.example", maxAgeSeconds: 60 }],
    ["b=1; Expires=Fri, 02 Jan 2026 00:00:00 GMT", { name: "b", maxAgeSeconds: 86_400 }],
    ["c=1; Expires=Fri, 02 Jan 2026 00:00:00 GMT; Max-Age=10", { name: "c", maxAgeSeconds: 10 }],
    ["gone=; Max-Age=0", { name: "gone", maxAgeSeconds: 0 }],
    ["d=1; Max-Age=soon", { name: "d" }],
    ["novalue", undefined],
    ["=x", undefined],
  ];
  it.each(cases)("%s", (line, parsed) => {
    expect(parseSetCookie(line, NOW)).toEqual(parsed);
  });

  it("splits the Set-Cookie lines Chromium joins with newlines, whatever the header's case", () => {
    expect(setCookieLines({ "Set-Cookie": "a=1\nb=2", "content-type": "text/html" })).toEqual(["a=1", "b=2"]);
  });
});
