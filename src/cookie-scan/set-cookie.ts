/**
 * The parts of a `Set-Cookie` header line the scan needs (RFC 6265 section 5.2): the name, the
 * Domain attribute and the lifetime. Read from the header rather than the browser's cookie store
 * because Chromium caps lifetimes at 400 days and drops cookies it refuses: the header says what
 * the site asked for, which is what the registry must declare.
 */
export interface SetCookieLine {
  readonly name: string;
  /** Without a leading dot; undefined for a host-only cookie (the responding host's). */
  readonly domain?: string;
  /** Seconds from receipt; undefined for a session cookie; 0 or less deletes the cookie. */
  readonly maxAgeSeconds?: number;
}

export function parseSetCookie(line: string, receivedAtMs: number): SetCookieLine | undefined {
  const [pair = "", ...attributes] = line.split(";");
  const equals = pair.indexOf("=");
  // A line without "=" sets a cookie with an empty name and that value (RFC 6265bis); nothing to declare.
  if (equals <= 0) return undefined;
  const name = pair.slice(0, equals).trim();
  if (!name) return undefined;
  let domain: string | undefined;
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf("=");
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? "" : attribute.slice(at + 1).trim();
    if (key === "domain" && value) domain = value.replace(/^\./, "").toLowerCase();
    else if (key === "max-age" && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === "expires") {
      const time = Date.parse(value);
      if (!Number.isNaN(time)) expires = Math.round((time - receivedAtMs) / 1000);
    }
  }
  // Max-Age wins over Expires (RFC 6265 section 5.3, step 3).
  const lifetime = maxAge ?? expires;
  return { name, ...(domain !== undefined && { domain }), ...(lifetime !== undefined && { maxAgeSeconds: lifetime }) };
}

/** Chromium joins the Set-Cookie headers of one response with newlines. */
export function setCookieLines(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers)
    .filter(([name]) => name.toLowerCase() === "set-cookie")
    .flatMap(([, value]) => value.split("\n"))
    .filter((line) => line.trim() !== "");
}
