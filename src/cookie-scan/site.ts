/**
 * Which site a host belongs to, and so whether a cookie is first or third party. A site is a
 * registrable domain ("example.co.uk" for www.example.co.uk), as Chromium computes it from the
 * public suffix list; a host without one (an IP address, `localhost`) is a site of its own. Ports
 * and schemes do not separate sites, as they do not separate cookies (RFC 6265 section 8.5).
 */
export interface ScanSite {
  /** The registrable domain, or the whole host when it has none. Lower case, no trailing dot. */
  readonly domain: string;
}

/** `registrableDomain` is Chromium's `domainAndRegistry` of the start page: empty for IP addresses. */
export function siteOf(host: string, registrableDomain: string): ScanSite {
  const domain = (registrableDomain || host).toLowerCase().replace(/\.$/, "");
  return { domain: domain.replace(/^\[|\]$/g, "") };
}

/** A cookie's domain or a URL's host is on the site when it is the site's domain or a subdomain of it. */
export function isOnSite(hostOrCookieDomain: string, site: ScanSite): boolean {
  const host = hostOrCookieDomain.toLowerCase().replace(/^\./, "").replace(/\.$/, "").replace(/^\[|\]$/g, "");
  return host === site.domain || host.endsWith(`.${site.domain}`);
}

export function partyOf(cookieDomain: string, site: ScanSite): "first" | "third" {
  return isOnSite(cookieDomain, site) ? "first" : "third";
}

/** Pages the crawl may visit: http(s) on the start site. */
export function isSameSiteUrl(url: string, site: ScanSite): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (parsed.protocol === "http:" || parsed.protocol === "https:") && isOnSite(parsed.hostname, site);
}
