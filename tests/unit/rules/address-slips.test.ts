import { describe, expect, it } from "vitest";
import { addressSlip, unparsedLinkSlip } from "../../../src/rules/address-slips.ts";

describe("addressSlip", () => {
  // Addresses as markdown-it hands them over: %-encoded where it encodes.
  it.each([
    ["(https://example.com/privacy)", "error", "is wrapped in extra parentheses: write [text](https://example.com/privacy)"],
    ["https://%3Cexample.com/privacy%3E", "error", "has < > inside it: write [text](https://example.com/privacy)"],
    ["%22https://example.com/%22", "error", "is in quotation marks: write [text](https://example.com/)"],
    ["'https://example.com/'", "error", "is in quotation marks"],
    ["htp://example.com/", "error", 'starts with "htp:", which no browser opens: write http: (http://example.com/)'],
    ["htps://example.com/", "error", "write https: (https://example.com/)"],
    ["hhttps://example.com/", "error", "write https: (https://example.com/)"],
    ["maitlo:dpo@example.com", "error", "write mailto: (mailto:dpo@example.com)"],
    ["https//example.com/", "error", "lacks the colon after https: write https://example.com/"],
    ["www.example.com/privacy", "error", "is a web address without https://: write [text](https://www.example.com/privacy)"],
    ["example.co.uk", "error", "is a web address without https://"],
    ["support.mozilla.org/kb/cookies", "error", "write [text](https://support.mozilla.org/kb/cookies)"],
    ["dpo@example.com", "error", "is an e-mail address: write [text](mailto:dpo@example.com)"],
    ["https:/example.com/", "warning", "needs two slashes after https: write https://example.com/"],
    ["https://example.com/privacy)", "warning", 'ends with a ")" that opens nowhere'],
    ["https://example.com/privacy.", "warning", 'ends with ".", which is most likely the sentence\'s: write [text](https://example.com/privacy).'],
    ["/en/privacy/,", "warning", 'ends with ","'],
  ])("%s: %s", (address, severity, message) => {
    expect(addressSlip(address)).toEqual({ severity, message: expect.stringContaining(message) });
  });

  it.each([
    "https://example.com/privacy",
    "https://en.wikipedia.org/wiki/Cookie_(disambiguation)",
    "mailto:dpo@example.com",
    "tel:+4930123456",
    "/en/privacy/#rights",
    "#rights",
    "itms-apps://apps.apple.com/app/id1",
    "https://example.com/search?q=a.b",
    "",
    // Relative links: refused by their own rule, as the relative links they are.
    "privacy.html",
    "../de/privacy/",
    "docs/terms.pdf",
  ])("%s is no slip", (address) => {
    expect(addressSlip(address)).toBeUndefined();
  });

  it("quotes at most 100 characters of a long address", () => {
    const slip = addressSlip(`(https://example.com/${"a".repeat(500)})`);
    expect(slip?.message.length).toBeLessThan(200);
  });
});

describe("unparsedLinkSlip", () => {
  it.each([
    ["See [our notice](https://example.com/my notice) now.", 4, "has a space in it"],
    ["See [our notice]( ( https://example.com/notice ) ).", 4, "is wrapped in extra parentheses, so this is no link"],
    ["See [our notice] (https://example.com/notice).", 4, 'a space between "]" and "("'],
  ])("%s", (text, offset, message) => {
    expect(unparsedLinkSlip(text)).toEqual({ offset: offset + text.slice(offset).indexOf("]"), message: expect.stringContaining(message) });
  });

  it.each(["Article 6(1)(f) [GDPR] (the Regulation) applies.", "Footnote [1] (see below).", "[a](b) and (c)"])("leaves %s alone", (text) => {
    expect(unparsedLinkSlip(text)).toBeUndefined();
  });
});
