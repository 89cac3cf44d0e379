import { z } from "zod";
import { unknownKeyWarnings, validateYaml } from "../schema.ts";
import type { SiteSettings } from "../../model/settings.ts";
import type { PositionedYaml } from "../yaml.ts";
import { error, hasErrors, warning, type Problem } from "../../core/problems.ts";
import { parseDuration } from "../../rules/cookie-duration.ts";
import { COOKIE_CATEGORIES, COOKIE_PARTIES, type Cookie, type CookieRegistry } from "../../model/cookies.ts";

/** Text that must be there and not be blank; `what` tells the editor what to write. */
const text = (what: string) =>
  z
    .string({ error: (issue) => `${issue.input === undefined ? "is required" : "must be text"}: ${what}` })
    .trim()
    .min(1, { error: `must not be empty: ${what}` });

const cookieName = text("a cookie name as the browser shows it, e.g. _ga").refine((name) => !/[\s;,=]/.test(name), {
  error: "is not one cookie name (it has a space, comma, semicolon or =); list each name on its own: names: [_ga, _gid]",
});

const cookieSchema = z.object(
  {
    service: text("who sets the cookie, e.g. Google Analytics"),
    names: z
      .array(cookieName, { error: "is required: a list of the cookie names, e.g. names: [_ga, _gid]" })
      .min(1, { error: "must list at least one cookie name, e.g. names: [_ga]" }),
    category: z.enum(COOKIE_CATEGORIES, { error: `must be one of ${COOKIE_CATEGORIES.join(", ")}` }),
    party: z.enum(COOKIE_PARTIES, { error: "must be first (set by this site's own domain) or third (set by another company's domain)" }),
    duration: z
      .string({ error: 'is required: how long the cookie lives, as an ISO 8601 duration such as P2Y, P13M or PT30M, or "session"' })
      .transform((value, ctx) => {
        const parsed = parseDuration(value);
        if ("duration" in parsed) return parsed.duration;
        ctx.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }),
    purpose: z.record(z.string(), text("what the cookie is for, in that language"), {
      error: "is required: what the cookie is for, by language, e.g. purpose: { en: Keeps you signed in. }",
    }),
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
  problems.push(...unknownKeyWarnings(yaml.data, REGISTRY_KEYS, yaml, file));
  const entries = rawEntries(yaml.data);
  entries.forEach((entry, i) => problems.push(...unknownKeyWarnings(entry, COOKIE_KEYS, yaml, file, ["cookies", i])));
  problems.push(...purposeLanguageProblems(entries, yaml, file, settings));
  problems.push(...duplicateNameProblems(entries, yaml, file));
  problems.push(...missingPolicyWarnings(entries, yaml, file));
  if (!value || hasErrors(problems)) return { problems };

  const localeOrder = settings.locales.map((l) => l.code);
  const cookies = value.cookies.map(
    (cookie, i): Cookie => ({
      service: cookie.service,
      names: cookie.names,
      category: cookie.category,
      party: cookie.party,
      duration: cookie.duration,
      purpose: Object.fromEntries(
        localeOrder.flatMap((code) => {
          const purpose = cookie.purpose[code];
          return purpose === undefined ? [] : [[code, purpose] as const];
        }),
      ),
      ...(cookie.policy !== undefined && { policy: cookie.policy }),
      purposeLine: yaml.keyLineOf(["cookies", i, "purpose"]),
    }),
  );
  return { registry: { file, cookies }, problems };
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
    const purpose = isObject(entry) ? entry.purpose : undefined;
    if (!isObject(purpose)) return;
    const at = ["cookies", i, "purpose"];
    for (const key of Object.keys(purpose)) {
      if (codes.includes(key)) continue;
      const sameButCase = codes.find((code) => code.toLowerCase() === key.toLowerCase());
      problems.push(
        error(
          file,
          yaml.keyLineOf([...at, key]),
          sameButCase
            ? `purpose: write the language code "${key}" as "${sameButCase}", exactly as in content/site.yaml.`
            : `purpose: "${key}" is not a language of this site (${codes.join(", ")}); fix the code or add the language to content/site.yaml.`,
        ),
      );
    }
    if (!(settings.defaultLocale in purpose)) {
      problems.push(
        error(
          file,
          yaml.keyLineOf(at),
          `purpose: the text in ${settings.defaultLocale}, the default language, is missing; add "${settings.defaultLocale}: …" (other languages fall back to it).`,
        ),
      );
    }
  });
  return problems;
}

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
