/**
 * An address in a document as a reader's browser reads it. Browsers resolve every `href` and
 * `src` with the WHATWG URL parser against the page's address: `/\evil.example/p.gif` and
 * `http:tracker.example/p.gif` both leave the site although neither starts with `//`, and tabs,
 * newlines and leading control characters vanish from an address. Node's `URL` is that parser, so
 * what it makes of an address is what the reader's browser makes of it.
 */
export type AddressReading =
  /** No browser can follow it (`https://[x`): a link that leads nowhere, an image never shown. */
  | { readonly kind: "invalid" }
  /** `javascript:`, `vbscript:` or `data:`: runs code or carries a page of its own. */
  | { readonly kind: "script" }
  | { readonly kind: "same-origin"; readonly url: URL }
  | { readonly kind: "other-origin"; readonly url: URL };

const SCRIPT_SCHEMES = new Set(["javascript:", "vbscript:", "data:"]);

/**
 * The address every page of a site is published under, for `readAddress`: all pages share its
 * origin, and relative addresses are refused before their path would matter.
 */
export function siteAddress(siteUrl: string | undefined, pathPrefix: string): URL {
  // A site without a valid `url` (a test's, or one site.yaml's check has already refused) still
  // needs an origin of its own that no other address can have.
  const base = siteUrl !== undefined && URL.canParse(siteUrl) ? siteUrl : "https://codicil.invalid";
  return new URL(pathPrefix, base);
}

export function readAddress(address: string, page: URL): AddressReading {
  // A scheme spelled with control characters or white space inside (`java\u0000script:`) is no
  // scheme to the URL standard, but it is never a real address either: refused all the same.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  if (/^(javascript|vbscript|data):/i.test(address.replace(/[\u0000-\u0020\u007f-\u009f]+/g, ""))) return { kind: "script" };
  let url: URL;
  try {
    url = new URL(address, page);
  } catch {
    return { kind: "invalid" };
  }
  if (SCRIPT_SCHEMES.has(url.protocol)) return { kind: "script" };
  // Opaque origins ("null": mailto:, file:, about:) are never the page's own.
  return url.origin !== "null" && url.origin === page.origin ? { kind: "same-origin", url } : { kind: "other-origin", url };
}
