import { describe, expect, it } from "vitest";
import { cssString } from "../../../src/templating/environment.ts";

/** What a generated stylesheet prints: a CSS string that holds the text exactly, whatever it holds. */
describe("cssString", () => {
  it.each([
    ["Cookie names", String.raw`"Cookie names"`],
    ["Zweck & Nutzen <b>", String.raw`"Zweck & Nutzen <b>"`],
    ['say "hi"', String.raw`"say \"hi\""`],
    ["back\\slash", String.raw`"back\\slash"`],
    ["two\nlines", String.raw`"two\a lines"`],
    ["tab\there", String.raw`"tab\9 here"`],
    ["أسماء ملفات تعريف الارتباط", String.raw`"أسماء ملفات تعريف الارتباط"`],
  ])("quotes %j as %s", (text, css) => {
    expect(cssString(text)).toBe(css);
  });
});
