import { describe, expect, it } from "vitest";
import { isMostlyUntranslated, untranslatedText, untranslatedWarning } from "../../../src/content/untranslated.ts";

const body = (...blocks: string[]) => ({ body: blocks.join("\n\n"), bodyLine: 8 });

const REFERENCE = body(
  "## Scope of this policy",
  "We keep the routes you plot on your own device and never upload them.",
  "Tidepool Labs GmbH  \nHafenstraße 12  \n20457 Hamburg",
  "Write to privacy@tidepool.example with any question about this policy.",
  "```\ncurl https://api.tidepool.example/export --header 'Accept: application/json' --fail --silent\n```",
  "| Data | Kept for |\n|---|---|\n| Routes you plotted on the map | Until you delete them |",
  "{% cookieTable %}",
  "Version 3 · 2024-05-01",
);

describe("untranslatedText", () => {
  it.each([
    [
      "a full translation",
      body("## Geltungsbereich", "Wir speichern Ihre Routen nur auf Ihrem Gerät und laden sie nie hoch.", "Tidepool Labs GmbH  \nHafenstraße 12  \n20457 Hamburg", "Schreiben Sie an privacy@tidepool.example, wenn Sie Fragen haben.", "| Daten | Aufbewahrt |\n|---|---|\n| Ihre geplanten Routen auf der Karte | Bis Sie sie löschen |"),
      { paragraphs: 3, identical: 0 },
    ],
    [
      // The address, the code, the tag and the figures are the same in every language; not counted.
      "a copy of the reference",
      REFERENCE,
      { paragraphs: 4, identical: 4, firstLine: 8 },
    ],
    [
      "one paragraph left in the reference's words",
      body("## Geltungsbereich", "Wir speichern Ihre Routen nur auf Ihrem Gerät und laden sie nie hoch.", "Write to privacy@tidepool.example with any question about this policy.", "| Daten | Aufbewahrt |\n|---|---|\n| Ihre geplanten Routen auf der Karte | Bis Sie sie löschen |"),
      { paragraphs: 3, identical: 1, firstLine: 12 },
    ],
    [
      "text in a script written without spaces",
      body("我们只在您自己的设备上保存您绘制的路线，从不上传这些路线或与任何人分享。", "We keep the routes you plot on your own device and never upload them."),
      { paragraphs: 2, identical: 1, firstLine: 10 },
    ],
    ["nothing to translate", body("Tidepool Labs GmbH", "`--fail`"), { paragraphs: 0, identical: 0 }],
  ])("%s", (_, translation, expected) => {
    expect(untranslatedText(REFERENCE, translation)).toEqual(expected);
  });

  it.each([
    [{ paragraphs: 10, identical: 5 }, true],
    [{ paragraphs: 10, identical: 4 }, false],
    [{ paragraphs: 1, identical: 1 }, true],
    [{ paragraphs: 0, identical: 0 }, false],
  ])("%j mostly untranslated: %s", (text, expected) => expect(isMostlyUntranslated(text)).toBe(expected));

  it("warns at the first untranslated paragraph, saying how much and what to do", () => {
    expect(untranslatedWarning("content/privacy/fr.md", "content/privacy/en.md", "en", { paragraphs: 10, identical: 9, firstLine: 12 })).toEqual({
      file: "content/privacy/fr.md",
      line: 12,
      severity: "warning",
      message:
        "9 of 10 paragraphs (90 %) are word for word as in content/privacy/en.md, the en text of this version: translate them, starting with this one (paragraphs of only code, addresses, names or numbers are not counted).",
    });
    expect(untranslatedWarning("content/privacy/fr.md", "content/privacy/en.md", "en", { paragraphs: 10, identical: 4, firstLine: 12 })).toBeUndefined();
  });
});
