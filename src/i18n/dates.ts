import type { IsoDate } from "../rules/dates.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatted = new Map<string, string>();

/**
 * A calendar date as readers of `locale` write it ("1 March 2024", "1. März 2024", Arabic
 * numerals for ar). Always in UTC: a `YYYY-MM-DD` date must not become the day before anywhere.
 * Always Gregorian: a legal date is the same day in every language, so Persian pages do not show
 * the Solar Hijri year nor Thai pages the Buddhist era; month names and digits stay the language's.
 */
export function formatDate(date: IsoDate, locale: string): string {
  // A site has few dates, each printed on many pages in every language: each is formatted once.
  const key = `${locale} ${date}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(gregorian(locale), { dateStyle: "long", timeZone: "UTC" });
    formatters.set(locale, formatter);
  }
  const text = formatter.format(new Date(`${date}T00:00:00Z`));
  formatted.set(key, text);
  return text;
}

/** A date as templates need it: machine-readable for `<time datetime>`, and as text. */
export interface DisplayDate {
  readonly iso: IsoDate;
  readonly text: string;
}

export function displayDate(date: IsoDate, locale: string): DisplayDate {
  return { iso: date, text: formatDate(date, locale) };
}

/** `locale` with the Gregorian calendar, whatever calendar it names or its region uses by default. */
function gregorian(locale: string): string {
  try {
    return new Intl.Locale(locale, { calendar: "gregory" }).toString();
  } catch {
    return locale;
  }
}
