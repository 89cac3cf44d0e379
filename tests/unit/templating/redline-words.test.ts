import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { escapeAsNunjucks, redlineWords, type MarkedWords } from "../../../src/templating/redline-words.ts";

const strings: Record<string, string> = {
  "changes.insertedStart": "[added: ",
  "changes.insertedEnd": "]",
  "changes.deletedStart": "[removed: ",
  "changes.deletedEnd": "]",
};
const t = (key: string) => strings[key] ?? key;

describe("redlineWords", () => {
  it("escapes text exactly as Nunjucks' autoescape does", () => {
    const every = Array.from({ length: 0x250 }, (_, code) => String.fromCharCode(code)).join("") + "😀 \u202e";
    const environment = new nunjucks.Environment(null, { autoescape: true });
    expect(escapeAsNunjucks(every)).toBe(environment.renderString("{{ text }}", { text: every }));
  });

  it.each<[string, MarkedWords[], string]>([
    ["kept words are text", [{ kind: "same", text: "We keep <b> & \"that\"" }], "We keep &lt;b&gt; &amp; &quot;that&quot;"],
    [
      "an insertion and a deletion carry words for screen readers",
      [
        { kind: "same", text: "It sets " },
        { kind: "deleted", text: "one cookie" },
        { kind: "inserted", text: "only the few cookies" },
        { kind: "same", text: "." },
      ],
      'It sets <del><span class="visually-hidden">[removed: </span>one cookie<span class="visually-hidden">]</span></del><ins><span class="visually-hidden">[added: </span>only the few cookies<span class="visually-hidden">]</span></ins>.',
    ],
    ["nothing", [], ""],
  ])("%s", (_what, segments, html) => {
    expect(redlineWords(segments, "en", t).toString()).toBe(html);
  });

  it("prints a UI string in another language as the markup `t` gives it", () => {
    const foreign = (key: string) => new nunjucks.runtime.SafeString(`<span lang="en">${t(key)}</span>`);
    expect(redlineWords([{ kind: "inserted", text: "x" }], "km", foreign).toString()).toBe(
      '<ins><span class="visually-hidden"><span lang="en">[added: </span></span>x<span class="visually-hidden"><span lang="en">]</span></span></ins>',
    );
  });
});
