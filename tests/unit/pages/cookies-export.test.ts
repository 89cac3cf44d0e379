import { describe, expect, it } from "vitest";
import type { Site } from "../../../src/model/site.ts";
import { parseDuration } from "../../../src/rules/cookie-duration.ts";
import { cookieRegistryExport } from "../../../src/pages/cookies-export.ts";
import { SHIPPED_LOCALES } from "../content/cookies/support.ts";

const duration = (text: string) => {
  const parsed = parseDuration(text);
  if (!("duration" in parsed)) throw new Error(parsed.problem);
  return parsed.duration;
};

const site: Site = {
  root: "/site",
  buildDate: "2025-07-01",
  documents: [],
  settings: {
    name: "Tidepool Labs",
    url: "https://legal.tidepool.example",
    pathPrefix: "/",
    defaultLocale: "en",
    locales: SHIPPED_LOCALES.slice(0, 2),
  },
  cookies: {
    file: "content/cookies.yaml",
    cookies: [
      {
        service: "Tidepool",
        names: ["tp_session"],
        category: "necessary",
        party: "first",
        duration: duration("session"),
        purposes: [{ text: { en: "Keeps you signed in.", de: "Hält Sie angemeldet." }, line: 7 }],
        line: 2,
      },
      {
        service: "Matomo",
        names: ["_pk_id"],
        category: "analytics",
        party: "third",
        duration: duration("P13M"),
        purposes: [{ text: { en: "Counts visits." }, line: 15 }],
        policy: "https://matomo.example/privacy",
        line: 10,
      },
    ],
  },
};

describe("cookieRegistryExport", () => {
  it("exports the registry as written, in a fixed key order, without fallbacks or source lines", () => {
    const exported = cookieRegistryExport(site);
    expect(JSON.stringify(exported, null, 2)).toBe(
      JSON.stringify(
        {
          formatVersion: 1,
          site: { name: "Tidepool Labs", url: "https://legal.tidepool.example" },
          defaultLocale: "en",
          locales: ["en", "de"],
          categories: ["necessary", "functional", "analytics", "marketing"],
          cookies: [
            { service: "Tidepool", names: ["tp_session"], category: "necessary", party: "first", duration: "session", purpose: { en: "Keeps you signed in.", de: "Hält Sie angemeldet." } },
            { service: "Matomo", names: ["_pk_id"], category: "analytics", party: "third", duration: "P13M", purpose: { en: "Counts visits." }, policy: "https://matomo.example/privacy" },
          ],
        },
        null,
        2,
      ),
    );
  });

  it("is undefined for a site without content/cookies.yaml, so there is no /cookies.json", () => {
    const { cookies: _, ...withoutCookies } = site;
    expect(cookieRegistryExport(withoutCookies)).toBeUndefined();
  });
});
