import { describe, expect, it } from "vitest";
import { isSameSiteUrl, partyOf, siteOf } from "../../../src/cookie-scan/site.ts";
import { nameMatches } from "../../../src/cookie-scan/name-patterns.ts";

describe("partyOf: first party is the start site's registrable domain or a subdomain of it", () => {
  const shop = siteOf("www.shop.co.uk", "shop.co.uk");
  const loopback = siteOf("127.0.0.1", "");
  const cases: [string, ReturnType<typeof siteOf>, string, "first" | "third"][] = [
    ["the host itself", shop, "www.shop.co.uk", "first"],
    ["the registrable domain (Domain=.shop.co.uk)", shop, ".shop.co.uk", "first"],
    ["another subdomain", shop, "cdn.shop.co.uk", "first"],
    ["a look-alike suffix", shop, "myshop.co.uk", "third"],
    ["another site", shop, "tracker.example", "third"],
    ["an IP address is its own site", loopback, "127.0.0.1", "first"],
    ["localhost is not 127.0.0.1", loopback, "localhost", "third"],
    ["upper case and a trailing dot", shop, "WWW.Shop.co.uk.", "first"],
  ];
  it.each(cases)("%s", (_, site, domain, party) => {
    expect(partyOf(domain, site)).toBe(party);
  });
});

describe("isSameSiteUrl: pages the crawl may visit", () => {
  const site = siteOf("www.shop.example", "shop.example");
  const cases: [string, boolean][] = [
    ["https://www.shop.example/privacy", true],
    ["http://shop.example:8080/", true],
    ["https://help.shop.example/", true],
    ["https://tracker.example/", false],
    ["mailto:legal@shop.example", false],
    ["javascript:void(0)", false],
    ["ftp://shop.example/file", false],
    ["not a url", false],
  ];
  it.each(cases)("%s: %s", (url, same) => {
    expect(isSameSiteUrl(url, site)).toBe(same);
  });
});

describe("nameMatches: registry names with * for a variable part", () => {
  const cases: [string, string, boolean][] = [
    ["_ga", "_ga", true],
    ["_ga", "_gat", false],
    ["_ga_*", "_ga_K2X9", true],
    ["_ga_*", "_ga_", false],
    ["_ga_*", "x_ga_K2X9", false],
    ["_hjSession_*", "_hjSession_123.45", true],
    ["*_consent", "cookie_consent", true],
    ["a.b*", "aXbc", false],
    ["_GA_*", "_ga_K2X9", false],
  ];
  it.each(cases)("%s against %s: %s", (declared, name, matches) => {
    expect(nameMatches(declared, name)).toBe(matches);
  });
});
