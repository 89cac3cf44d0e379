import { z } from "zod";
import { unknownKeyErrors, validateYaml } from "../schema.ts";
import type { SiteSettings } from "../../model/settings.ts";
import type { PositionedYaml } from "../yaml.ts";
import { error, hasErrors, warning, type Problem } from "../../core/problems.ts";
import { parseDuration } from "../../rules/cookie-duration.ts";
import { dateProblem } from "../../rules/dates.ts";
import { closestWord } from "../../rules/edit-distance.ts";
import { COOKIE_CATEGORIES, COOKIE_PARTIES, type Cookie, type CookiePurpose, type CookieRegistry } from "../../model/cookies.ts";
import { pushAll } from "../../core/arrays.ts";

/** The value an editor wrote, quoted for a message (`"analytic" `), or nothing when there is none to show. */
const quoted = (input: unknown) => (typeof input === "string" || typeof input === "number" ? `${JSON.stringify(String(input))} ` : "");

/** `"analytic" is not one of …; did you mean "analytics"?`: the value repeated, and the one meant when it is close. */
function oneOf(input: unknown, allowed: readonly string[]): string {
  const list = allowed.join(", ");
  if (input === undefined) return `is required: one of ${list}`;
  const meant = typeof input === "string" ? closestWord(input, allowed) : undefined;
  return `${quoted(input)}is not one of ${list}${meant !== undefined ? `; did you mean "${meant}"?` : ""}`;
}

/** Text that must be there and not be blank; `what` tells the editor what to write. */
const text = (what: string) =>
  z
    .string({ error: (issue) => `${issue.input === undefined ? "is required" : "must be text"}: ${what}` })
    .trim()
    .min(1, { error: `must not be empty: ${what}` });

const isoDate = (what: string) =>
  z
    .string({ error: `must be a date in YYYY-MM-DD form: ${what}` })
    .superRefine((value, ctx) => {
      const problem = dateProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `${problem}: ${what}` });
    });

const purposeTexts = z.record(z.string(), text("what the cookie is for, in that language"), {
  error: "is required: what the cookie is for, by language, e.g. purpose: { en: Keeps you signed in. }",
});

/** One dated text under `purposes:`: `since` and the texts by language. */
const datedPurpose = z
  .object(
    { since: isoDate("the first day this text applies, e.g. 2026-03-01").optional() },
    { error: "must be the texts by language with the day they apply from, e.g. - { since: 2026-03-01, en: Counts visits. }" },
  )
  .catchall(text("what the cookie is for, in that language"));

const cookieName = text("a cookie name as the browser shows it, e.g. _ga").refine((name) => !/[\s;,=]/.test(name), {
  error: "is not one cookie name (it has a space, comma, semicolon or =); list each name on its own: names: [_ga, _gid]",
});

const cookieSchema = z.object(
  {
    service: text("who sets the cookie, e.g. Google Analytics"),
    names: z
      .array(cookieName, { error: "is required: a list of the cookie names, e.g. names: [_ga, _gid]" })
      .min(1, { error: "must list at least one cookie name, e.g. names: [_ga]" }),
    category: z.enum(COOKIE_CATEGORIES, { error: (issue) => oneOf(issue.input, COOKIE_CATEGORIES) }),
    party: z.enum(COOKIE_PARTIES, {
      error: (issue) => `${quoted(issue.input)}must be first (set by this site's own domain) or third (set by another company's domain)`,
    }),
    duration: z
      .string({ error: 'is required: how long the cookie lives, as an ISO 8601 duration such as P2Y, P13M or PT30M, or "session"' })
      .transform((value, ctx) => {
        const parsed = parseDuration(value);
        if ("duration" in parsed) return parsed.duration;
        ctx.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }),
    // Exactly one of the two (checked with the lines in datingProblems): purpose for a text that never
    // changed, purposes for texts that did, each with the day it applies from.
    purpose: purposeTexts.optional(),
    purposes: z
      .array(datedPurpose, { error: "must be a list of dated texts, e.g. purposes: [{ en: Old text. }, { since: 2026-03-01, en: New text. }]" })
      .min(1, { error: "must hold at least one text; write purpose: { en: … } for a text that never changed" })
      .optional(),
    since: isoDate("the first day the site set this cookie").optional(),
    until: isoDate("the first day the site no longer set this cookie").optional(),
    policy: z
      .string({ error: "must be the https:// address of the provider's privacy policy" })
      .trim()
      .refine((url) => URL.canParse(url) && new URL(url).protocol === "https:" && /^https:\/\/[^/\s]+/i.test(url), {
        error: "must be an https:// address, e.g. https://policies.google.com/privacy (readers follow it from a privacy page; plain http can be altered on the way)",
      })
      .optional(),
  },
  { error: "must be one cookie entry with service, names, category, party, duration and purpose (see docs/cookies.md)" },
);

const registrySchema = z.object(
  {
    cookies: z.array(cookieSchema, {
      error: "is required: a list of cookies (write cookies: [] if the site sets none); see docs/cookies.md",
    }),
  },
  { error: "must hold the list of cookies under cookies: (write cookies: [] if the site sets none); see docs/cookies.md" },
);

const REGISTRY_KEYS = Object.keys(registrySchema.shape);
const COOKIE_KEYS = Object.keys(cookieSchema.shape);

/**
 * Every rule of SPEC sections 5 and 7, each problem at the line of the value it is about. The
 * rules that need the site (languages) or several entries (duplicate names) run on the raw data
 * as well, so one run reports them next to the schema's problems.
 */
export function parseCookieRegistry(
  yaml: PositionedYaml,
  file: string,
  settings: Pick<SiteSettings, "defaultLocale" | "locales">,
): { registry?: CookieRegistry; problems: Problem[] } {
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  const { value, problems } = validateYaml(registrySchema, yaml, file);
  // Errors too, but the registry is still usable, so the documents' tables are checked in the same run.
  const unknownKeys = unknownKeyErrors(yaml.data, REGISTRY_KEYS, yaml, file);
  const entries = rawEntries(yaml.data);
  entries.forEach((entry, i) => pushAll(unknownKeys, unknownKeyErrors(entry, COOKIE_KEYS, yaml, file, ["cookies", i])));
  pushAll(problems, purposeLanguageProblems(entries, yaml, file, settings));
  pushAll(problems, datingProblems(entries, yaml, file));
  pushAll(problems, duplicateNameProblems(entries, yaml, file));
  pushAll(problems, missingPolicyWarnings(entries, yaml, file));
  if (!value || hasErrors(problems)) return { problems: [...problems, ...unknownKeys] };

  const localeOrder = settings.locales.map((l) => l.code);
  const inSiteOrder = (texts: Readonly<Record<string, string | undefined>>) =>
    Object.fromEntries(
      localeOrder.flatMap((code) => {
        const purpose = texts[code];
        return purpose === undefined ? [] : [[code, purpose] as const];
      }),
    );
  const cookies = value.cookies.map((cookie, i): Cookie => {
    const purposes: CookiePurpose[] =
      cookie.purposes?.map(({ since, ...texts }, j) => ({
        ...(since !== undefined && { since }),
        text: inSiteOrder(texts),
        line: yaml.lineOf(["cookies", i, "purposes", j]),
      })) ?? [{ text: inSiteOrder(cookie.purpose ?? {}), line: yaml.keyLineOf(["cookies", i, "purpose"]) }];
    return {
      service: cookie.service,
      names: cookie.names,
      category: cookie.category,
      party: cookie.party,
      duration: cookie.duration,
      ...(cookie.policy !== undefined && { policy: cookie.policy }),
      ...(cookie.since !== undefined && { since: cookie.since }),
      ...(cookie.until !== undefined && { until: cookie.until }),
      purposes,
      line: yaml.lineOf(["cookies", i]),
    };
  });
  return { registry: { file, cookies }, problems: [...problems, ...unknownKeys] };
}

function rawEntries(data: unknown): unknown[] {
  const cookies = (data as { cookies?: unknown } | null | undefined)?.cookies;
  return Array.isArray(cookies) ? cookies : [];
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

/** A purpose in the default language is required; every other key must be a language of the site. */
function purposeLanguageProblems(
  entries: readonly unknown[],
  yaml: PositionedYaml,
  file: string,
  settings: Pick<SiteSettings, "defaultLocale" | "locales">,
): Problem[] {
  const codes = settings.locales.map((l) => l.code);
  const problems: Problem[] = [];
  entries.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const texts: { at: PropertyKey[]; texts: Record<string, unknown> }[] = [];
    if (isObject(entry.purpose)) texts.push({ at: ["cookies", i, "purpose"], texts: entry.purpose });
    if (Array.isArray(entry.purposes)) {
      entry.purposes.forEach((item: unknown, j) => {
        if (isObject(item)) texts.push({ at: ["cookies", i, "purposes", j], texts: item });
      });
    }
    for (const { at, texts: purpose } of texts) {
      const dated = at.includes("purposes");
      for (const key of Object.keys(purpose)) {
        if (codes.includes(key) || (dated && key === "since")) continue;
        const sameButCase = codes.find((code) => code.toLowerCase() === key.toLowerCase());
        const meant = dated ? closestWord(key, ["since"]) : undefined;
        problems.push(
          error(
            file,
            yaml.keyLineOf([...at, key]),
            sameButCase
              ? `purpose: write the language code "${key}" as "${sameButCase}", exactly as in content/site.yaml.`
              : meant
                ? `purposes: unknown key "${key}": did you mean "${meant}"?`
                : `purpose: "${key}" is not a language of this site (${codes.join(", ")}); fix the code or add the language to content/site.yaml.`,
          ),
        );
      }
      if (!(settings.defaultLocale in purpose)) {
        problems.push(
          error(
            file,
            dated ? yaml.lineOf(at) : yaml.keyLineOf(at),
            `purpose: the text in ${settings.defaultLocale}, the default language, is missing; add "${settings.defaultLocale}: …" (other languages fall back to it).`,
          ),
        );
      }
    }
  });
  return problems;
}

/**
 * The dates of each entry in order: `since` before `until`, one of `purpose` and `purposes`, and
 * each later purpose text dated after the one before it and within the entry's own dates.
 */
function datingProblems(entries: readonly unknown[], yaml: PositionedYaml, file: string): Problem[] {
  const problems: Problem[] = [];
  const date = (value: unknown) => (typeof value === "string" && dateProblem(value) === undefined ? value : undefined);
  entries.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const at = (...path: PropertyKey[]) => ["cookies", i, ...path];
    const since = date(entry.since);
    const until = date(entry.until);
    if (since !== undefined && until !== undefined && until <= since) {
      problems.push(
        error(file, yaml.lineOf(at("until")), `until ${until} is not after since ${since}; until is the first day the site no longer set the cookie, so it comes after since.`),
      );
    }
    if (entry.purpose !== undefined && entry.purposes !== undefined) {
      problems.push(
        error(
          file,
          yaml.keyLineOf(at("purposes")),
          "write either purpose: (a text that never changed) or purposes: (dated texts), not both; move the purpose: texts into purposes: as its first item.",
        ),
      );
    }
    if (entry.purpose === undefined && entry.purposes === undefined) {
      problems.push(
        error(
          file,
          yaml.lineOf(at()),
          `${formatIndex(i)}.purpose: is required: what the cookie is for, by language, e.g. purpose: { en: Keeps you signed in. } (or dated texts under purposes:, see docs/cookies.md)`,
        ),
      );
    }
    if (!Array.isArray(entry.purposes)) return;
    let previous: string | undefined;
    entry.purposes.forEach((item: unknown, j) => {
      if (!isObject(item)) return;
      const line = yaml.lineOf(at("purposes", j, "since"));
      const itemSince = date(item.since);
      if (j === 0) {
        if (item.since !== undefined) {
          problems.push(
            error(
              file,
              line,
              `the first purpose text applies from the cookie's own start${since !== undefined ? ` (since ${since})` : ""}; remove since: from it (put since: on the entry if the cookie is new).`,
            ),
          );
        }
        return;
      }
      if (item.since === undefined) {
        problems.push(error(file, yaml.lineOf(at("purposes", j)), "this purpose text needs since: with the first day it applies (every text after the first is dated), e.g. since: 2026-03-01."));
        return;
      }
      if (itemSince === undefined) return;
      if (previous !== undefined && itemSince <= previous) {
        problems.push(error(file, line, `since ${itemSince} is not after the text before it (since ${previous}); list the texts oldest first, each with a later date.`));
      } else if (since !== undefined && itemSince <= since) {
        problems.push(error(file, line, `since ${itemSince} is not after the cookie's since ${since}; the first text covers the cookie's start, so this one must begin later.`));
      } else if (until !== undefined && itemSince >= until) {
        problems.push(error(file, line, `since ${itemSince} is not before the cookie's until ${until}, so no table would ever show this text; correct one of the dates.`));
      }
      previous = itemSince;
    });
  });
  return problems;
}

const formatIndex = (i: number) => `cookies[${i}]`;

/** A name listed twice for one service (also across two entries for it) is a copy-paste slip. */
function duplicateNameProblems(entries: readonly unknown[], yaml: PositionedYaml, file: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.service !== "string" || !Array.isArray(entry.names)) return;
    const service = entry.service.trim();
    entry.names.forEach((name: unknown, j) => {
      if (typeof name !== "string") return;
      // Cookie names are case-sensitive (RFC 6265); service names are how editors wrote them.
      const key = `${service.toLowerCase()}\u0000${name.trim()}`;
      const line = yaml.lineOf(["cookies", i, "names", j]);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, line);
      else problems.push(error(file, line, `names: "${name.trim()}" is already listed for ${service} on line ${first}; list each cookie once.`));
    });
  });
  return problems;
}

/** Readers of a table expect to find out what another company does with its cookie. */
function missingPolicyWarnings(entries: readonly unknown[], yaml: PositionedYaml, file: string): Problem[] {
  return entries.flatMap((entry, i) =>
    isObject(entry) && entry.party === "third" && entry.policy === undefined
      ? [
          warning(
            file,
            yaml.lineOf(["cookies", i, "party"]),
            `${typeof entry.service === "string" ? entry.service : "this cookie"} is set by a third party but has no policy; add policy: with the https:// address of its privacy policy.`,
          ),
        ]
      : [],
  );
}
