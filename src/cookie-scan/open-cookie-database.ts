import { error, type Problem } from "../core/problems.ts";
import type { CookieCategory } from "../model/cookies.ts";

/**
 * The Open Cookie Database (https://github.com/jkwakman/Open-Cookie-Database, Apache-2.0) as
 * `--cookie-database FILE.csv` gives it: what a known cookie is for, to fill the stubs for
 * undeclared cookies. Codicil ships no copy; the editor downloads the CSV.
 */
export interface KnownCookie {
  readonly platform: string;
  readonly category?: CookieCategory;
  readonly name: string;
  readonly description: string;
  readonly retention: string;
  readonly controller: string;
  readonly privacyPortal: string;
  /** The name is a prefix: `_ga_` stands for `_ga_<anything>`. */
  readonly wildcard: boolean;
}

export const OCD_COLUMNS = {
  platform: "Platform",
  category: "Category",
  name: "Cookie / Data Key name",
  description: "Description",
  retention: "Retention period",
  controller: "Data Controller",
  privacyPortal: "User Privacy & GDPR Rights Portals",
  wildcard: "Wildcard match",
} as const;

/** The database's categories in the registry's words; "Security" cookies are necessary ones. */
const CATEGORIES: Readonly<Record<string, CookieCategory>> = {
  functional: "functional",
  personalization: "functional",
  analytics: "analytics",
  marketing: "marketing",
  security: "necessary",
};

/**
 * RFC 4180 CSV: fields in double quotes may hold commas, line breaks and doubled quotes. Written
 * here because no CSV library is among Codicil's dependencies and the format is this small.
 * Returns the rows with the line each starts on.
 */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && input[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.some((f) => f !== "")) rows.push({ fields, line: rowLine });
      fields = [];
      field = "";
      line++;
      rowLine = line;
    } else field += char;
  }
  fields.push(field);
  if (fields.some((f) => f !== "")) rows.push({ fields, line: rowLine });
  return rows;
}

export interface CookieDatabase {
  /** The entry for a cookie name: an exact name first, then the longest wildcard prefix. */
  lookup(name: string): KnownCookie | undefined;
  readonly size: number;
}

export function readCookieDatabase(text: string, file: string): { database?: CookieDatabase; problems: Problem[] } {
  const [header, ...rows] = parseCsv(text);
  const columns = header?.fields.map((f) => f.trim()) ?? [];
  const missing = Object.values(OCD_COLUMNS).filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return {
      problems: [
        error(
          file,
          1,
          `is not the Open Cookie Database's CSV: the first line lacks the column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c}"`).join(", ")}; download open-cookie-database.csv from https://github.com/jkwakman/Open-Cookie-Database.`,
        ),
      ],
    };
  }
  const at = (fields: string[], key: keyof typeof OCD_COLUMNS) => (fields[columns.indexOf(OCD_COLUMNS[key])] ?? "").trim();
  const exact = new Map<string, KnownCookie>();
  const prefixes: KnownCookie[] = [];
  for (const { fields } of rows) {
    const name = at(fields, "name");
    if (!name) continue;
    const category = CATEGORIES[at(fields, "category").toLowerCase()];
    const known: KnownCookie = {
      platform: at(fields, "platform"),
      ...(category !== undefined && { category }),
      name,
      description: at(fields, "description"),
      retention: at(fields, "retention"),
      controller: at(fields, "controller"),
      privacyPortal: at(fields, "privacyPortal"),
      wildcard: at(fields, "wildcard") === "1",
    };
    if (known.wildcard) prefixes.push(known);
    else if (!exact.has(name)) exact.set(name, known);
  }
  prefixes.sort((a, b) => b.name.length - a.name.length);
  return {
    problems: [],
    database: {
      size: exact.size + prefixes.length,
      lookup: (name) => exact.get(name) ?? prefixes.find((known) => name.startsWith(known.name)),
    },
  };
}
