import { beforeAll, describe, expect, it } from "vitest";
import { durationText, durationUnits, normalizeDuration, parseDuration, type CookieDuration, type DurationParts } from "../../../src/rules/cookie-duration.ts";
import type { Translator } from "../../../src/i18n/translations.ts";
import { SHIPPED_LOCALE_CODES, shippedTranslator } from "../content/cookies/support.ts";

const parts = (values: Partial<DurationParts>): DurationParts => ({ year: 0, month: 0, week: 0, day: 0, hour: 0, minute: 0, second: 0, ...values });
const parsed = (text: string): CookieDuration => {
  const result = parseDuration(text);
  if (!("duration" in result)) throw new Error(`${text}: ${result.problem}`);
  return result.duration;
};

describe("parseDuration accepts ISO 8601 durations and session", () => {
  it.each([
    ["P2Y", parts({ year: 2 })],
    ["P13M", parts({ month: 13 })],
    ["P1Y2M", parts({ year: 1, month: 2 })],
    ["P1D", parts({ day: 1 })],
    ["P2W", parts({ week: 2 })],
    ["PT30M", parts({ minute: 30 })],
    ["PT1H30M", parts({ hour: 1, minute: 30 })],
    ["P1DT12H", parts({ day: 1, hour: 12 })],
    ["P1Y2M3DT4H5M6S", parts({ year: 1, month: 2, day: 3, hour: 4, minute: 5, second: 6 })],
    ["P0Y6M", parts({ month: 6 })],
  ])("%s", (text, expected) => {
    expect(parseDuration(text)).toEqual({ duration: { kind: "period", iso: text, parts: expected } });
  });

  it("reads session as a session cookie", () => {
    expect(parseDuration("session")).toEqual({ duration: { kind: "session" } });
  });
});

describe("parseDuration says what is wrong and how to write it", () => {
  it.each([
    ["Session", 'write "session" in lower case'],
    ["p2y", 'write the duration in capitals: "P2Y"'],
    ["-P1D", "is negative"],
    ["P1.5Y", "has a fraction; use whole numbers of a smaller unit, e.g. P18M"],
    ["PT0,5H", "has a fraction"],
    ["P12H", 'hours and seconds come after a T: "PT12H"'],
    ["P1D12H", '"P1DT12H"'],
    ["P", "has no amount"],
    ["PT", "has no amount"],
    ["P1YT", "has no amount"],
    ["P0D", 'is zero; give the cookie\'s real lifetime, or "session"'],
    ["PT0S", "is zero"],
    ["2 years", '"2 years" is not an ISO 8601 duration; write P, then whole numbers'],
    ["P1M1Y", "is not an ISO 8601 duration"],
    ["", "is not an ISO 8601 duration"],
  ])("%j", (text, message) => {
    const result = parseDuration(text);
    expect("problem" in result && result.problem).toContain(message);
  });
});

describe("normalizeDuration counts the way readers do", () => {
  it.each([
    [parts({ month: 13 }), parts({ year: 1, month: 1 })],
    [parts({ month: 24 }), parts({ year: 2 })],
    [parts({ year: 1, month: 30 }), parts({ year: 3, month: 6 })],
    [parts({ minute: 90 }), parts({ hour: 1, minute: 30 })],
    [parts({ second: 3600 }), parts({ hour: 1 })],
    [parts({ hour: 36 }), parts({ day: 1, hour: 12 })],
    // A month has no fixed number of days, and P30D means 30 days to whoever wrote it.
    [parts({ day: 30 }), parts({ day: 30 })],
    [parts({ day: 400 }), parts({ day: 400 })],
    [parts({ week: 2, day: 9 }), parts({ week: 2, day: 9 })],
  ])("%j → %j", (input, expected) => {
    expect(normalizeDuration(input)).toEqual(expected);
  });

  it("names the units that are not zero, largest first", () => {
    expect(durationUnits(parts({ month: 13, minute: 5 }))).toEqual([
      { unit: "year", count: 1 },
      { unit: "month", count: 1 },
      { unit: "minute", count: 5 },
    ]);
  });
});

describe("durationText in every shipped language", () => {
  let translator: Translator;
  beforeAll(async () => {
    translator = await shippedTranslator();
  });

  // Arabic has six plural forms: 1 and 2 have their own words, 3–10 take the plural, 11–99 the
  // accusative singular, 100 and up the genitive singular.
  it.each([
    ["session", "Session", "Sitzung", "Sessão", "جلسة"],
    ["P1Y", "1 year", "1 Jahr", "1 ano", "سنة واحدة"],
    ["P2Y", "2 years", "2 Jahre", "2 anos", "سنتان"],
    ["P3M", "3 months", "3 Monate", "3 meses", "3 أشهر"],
    ["P11M", "11 months", "11 Monate", "11 meses", "11 شهرًا"],
    ["P13M", "1 year and 1 month", "1 Jahr und 1 Monat", "1 ano e 1 mês", "سنة واحدة وشهر واحد"],
    ["P25M", "2 years and 1 month", "2 Jahre und 1 Monat", "2 anos e 1 mês", "سنتان وشهر واحد"],
    ["P100Y", "100 years", "100 Jahre", "100 anos", "100 سنة"],
    ["P1D", "1 day", "1 Tag", "1 dia", "يوم واحد"],
    ["P2D", "2 days", "2 Tage", "2 dias", "يومان"],
    ["P30D", "30 days", "30 Tage", "30 dias", "30 يومًا"],
    ["P1W", "1 week", "1 Woche", "1 semana", "أسبوع واحد"],
    ["P2W", "2 weeks", "2 Wochen", "2 semanas", "أسبوعان"],
    ["PT1H", "1 hour", "1 Stunde", "1 hora", "ساعة واحدة"],
    ["PT12H", "12 hours", "12 Stunden", "12 horas", "12 ساعة"],
    ["PT30M", "30 minutes", "30 Minuten", "30 minutos", "30 دقيقة"],
    ["PT90M", "1 hour and 30 minutes", "1 Stunde und 30 Minuten", "1 hora e 30 minutos", "ساعة واحدة و30 دقيقة"],
    ["PT1M", "1 minute", "1 Minute", "1 minuto", "دقيقة واحدة"],
    ["PT5S", "5 seconds", "5 Sekunden", "5 segundos", "5 ثوانٍ"],
    ["P1Y2M3D", "1 year, 2 months, and 3 days", "1 Jahr, 2 Monate und 3 Tage", "1 ano, 2 meses e 3 dias", "سنة واحدة وشهران و3 أيام"],
    ["P1000D", "1,000 days", "1.000 Tage", "1.000 dias", "1,000 يوم"],
  ])("%s", (iso, en, de, ptBR, ar) => {
    const duration = parsed(iso);
    expect({
      en: durationText(duration, "en", translator),
      de: durationText(duration, "de", translator),
      "pt-BR": durationText(duration, "pt-BR", translator),
      ar: durationText(duration, "ar", translator),
    }).toEqual({ en, de, "pt-BR": ptBR, ar });
  });

  it("has a word for every plural form each shipped language uses", () => {
    // i18next prints the key itself when a form is missing; every count below hits another form.
    for (const locale of SHIPPED_LOCALE_CODES) {
      for (const count of [0, 1, 2, 3, 11, 100, 1_000_000]) {
        const text = durationText({ kind: "period", iso: `P${count}D`, parts: parts({ day: count }) }, locale, translator);
        expect(text, `${locale} ${count}`).not.toMatch(/cookies\.|day_/);
      }
    }
  });
});
