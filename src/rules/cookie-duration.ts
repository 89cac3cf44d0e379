
/**
 * How long a cookie lives: an ISO 8601 duration (`P2Y`, `P13M`, `PT30M`) or `session`, read and
 * worded for readers ("2 years", "2 Jahre", "سنتان") with i18next plurals.
 *
 * Parsed here rather than with a duration library because we accept a strict subset (whole
 * numbers, no sign, nothing zero) and owe the editor a message that says which rule a value broke
 * and how to write it instead; a general parser would accept `P1.5Y` or `-P1D` and say nothing.
 */
export const DURATION_UNITS = ["year", "month", "week", "day", "hour", "minute", "second"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export type DurationParts = Readonly<Record<DurationUnit, number>>;

export type CookieDuration =
  /** Deleted when the browser closes. */
  | { readonly kind: "session" }
  /** `iso` exactly as written in the registry; `parts` as written, not yet normalised. */
  | { readonly kind: "period"; readonly iso: string; readonly parts: DurationParts };

export const SESSION = "session";

const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const HOW_TO_WRITE =
  'write P, then whole numbers with their units in this order: Y years, M months, W weeks, D days, then T and H hours, M minutes, S seconds (P2Y, P13M, P30D, PT30M), or "session" for a cookie deleted when the browser closes';

export function parseDuration(text: string): { readonly duration: CookieDuration } | { readonly problem: string } {
  const written = text.trim();
  if (written === SESSION) return { duration: { kind: "session" } };
  const match = ISO_DURATION.exec(written);
  if (!match || written === "P" || written.endsWith("T")) return { problem: explainBadDuration(written) };
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((amount) => Number(amount ?? 0));
  const parts: DurationParts = {
    year: years ?? 0,
    month: months ?? 0,
    week: weeks ?? 0,
    day: days ?? 0,
    hour: hours ?? 0,
    minute: minutes ?? 0,
    second: seconds ?? 0,
  };
  if (DURATION_UNITS.every((unit) => parts[unit] === 0)) {
    return { problem: `"${written}" is zero; give the cookie's real lifetime, or "session" if it is deleted when the browser closes.` };
  }
  return { duration: { kind: "period", iso: written, parts } };
}

function explainBadDuration(text: string): string {
  if (text.toLowerCase() === SESSION) return `write "${SESSION}" in lower case.`;
  if (text.startsWith("-")) return `"${text}" is negative; a cookie's lifetime is a length of time such as P1D.`;
  if (/\d[.,]\d/.test(text)) return `"${text}" has a fraction; use whole numbers of a smaller unit, e.g. P18M instead of P1.5Y or PT90M instead of PT1.5H.`;
  const upper = text.toUpperCase();
  if (upper !== text && ISO_DURATION.test(upper) && upper !== "P" && !upper.endsWith("T")) return `write the duration in capitals: "${upper}".`;
  if (/^P[^T]*\d[HS]/.test(upper)) {
    const fixed = upper.replace(/^P((?:\d+[YMWD])*)(.*)$/, (_, date: string, time: string) => `P${date}T${time}`);
    return `hours and seconds come after a T: "${fixed}" (and PT30M is 30 minutes, P30M 30 months).`;
  }
  if (text === "P" || text === "PT" || /^P\d*[YMWD]*T$/.test(text)) return `"${text}" has no amount after its last letter; ${HOW_TO_WRITE}.`;
  return `"${text}" is not an ISO 8601 duration; ${HOW_TO_WRITE}.`;
}

/** How many of a smaller unit make one larger one, where that is fixed (not days in a month). */
const CARRIES: readonly (readonly [DurationUnit, DurationUnit, number])[] = [
  ["second", "minute", 60],
  ["minute", "hour", 60],
  ["hour", "day", 24],
  ["month", "year", 12],
];

/**
 * The same length of time as readers count it: `P13M` is 1 year and 1 month, `PT90M` 1 hour and
 * 30 minutes. Days are not turned into weeks or months: "30 days" is what an editor who wrote
 * P30D means, and a month has no fixed number of days.
 */
export function normalizeDuration(parts: DurationParts): DurationParts {
  const result: Record<DurationUnit, number> = { ...parts };
  for (const [small, large, factor] of CARRIES) {
    result[large] += Math.floor(result[small] / factor);
    result[small] %= factor;
  }
  return result;
}

/** The units to name, largest first, with their amounts: P1Y1M → year 1, month 1. */
export function durationUnits(parts: DurationParts): { readonly unit: DurationUnit; readonly count: number }[] {
  const normalized = normalizeDuration(parts);
  return DURATION_UNITS.filter((unit) => normalized[unit] > 0).map((unit) => ({ unit, count: normalized[unit] }));
}

/** The part of the UI strings a duration needs (i18n/translations.ts' `Translator` has this shape). */
export interface UiStrings {
  t(locale: string, key: string, values?: Record<string, unknown>): string;
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * A duration in words for readers of `locale`. Every unit is named, joined the way the language
 * joins a list ("1 year and 1 month", "1 Jahr und 1 Monat", "سنة واحدة وشهر واحد"): a cookie's
 * lifetime is something a reader may hold us to, so it is never rounded.
 */
export function durationText(duration: CookieDuration, locale: string, translator: UiStrings): string {
  if (duration.kind === "session") return translator.t(locale, "cookies.duration.session");
  const words = durationUnits(duration.parts).map(({ unit, count }) => translator.t(locale, `cookies.duration.${unit}`, { count }));
  let list = listFormats.get(locale);
  if (!list) {
    list = new Intl.ListFormat(locale, { type: "conjunction", style: "long" });
    listFormats.set(locale, list);
  }
  return list.format(words);
}
