import { describe, expect, it } from "vitest";
import { parseCsv, readCookieDatabase } from "../../../src/cookie-scan/open-cookie-database.ts";

const HEADER = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and CRLF rows", () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\nx,,z\r\n')).toEqual([
      { fields: ["a", "b, c", 'say "hi"', "two\nlines"], line: 1 },
      { fields: ["x", "", "z"], line: 3 },
    ]);
  });
});

describe("readCookieDatabase", () => {
  const csv = [
    HEADER,
    'id1,Google Analytics,Analytics,_ga,google-analytics.com,"Counts visits, sessions",2 years,Google,https://policies.google.com/privacy,0',
    "id2,Google Analytics,Analytics,_ga_,google-analytics.com,Keeps the session state.,2 years,Google,https://policies.google.com/privacy,1",
    "id3,Cloudflare,Security,__cf_bm,cloudflare.com,Tells bots from people.,30 minutes,Cloudflare,https://www.cloudflare.com/privacypolicy/,0",
  ].join("\n");
  const { database } = readCookieDatabase(csv, "ocd.csv");

  it("finds exact names first, then the longest wildcard prefix", () => {
    expect(database?.lookup("_ga")).toMatchObject({ platform: "Google Analytics", category: "analytics", description: "Counts visits, sessions", wildcard: false });
    expect(database?.lookup("_ga_K2X9")).toMatchObject({ name: "_ga_", wildcard: true });
    expect(database?.lookup("_gid")).toBeUndefined();
  });

  it("maps Security to necessary", () => {
    expect(database?.lookup("__cf_bm")?.category).toBe("necessary");
  });

  it("refuses a file without the database's columns, naming them", () => {
    const { database: none, problems } = readCookieDatabase("name,description\n_ga,x\n", "other.csv");
    expect(none).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "other.csv", line: 1, severity: "error" });
    expect(problems[0]?.message).toContain('"Cookie / Data Key name"');
  });
});
