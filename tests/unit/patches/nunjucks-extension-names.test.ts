import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { extensionNames } from "../../../src/patches/nunjucks-extension-names.ts";

/** A tag `{% <name> %}` that prints its name, as Eleventy's shortcodes are made. */
function tag(name: string): nunjucks.Extension {
  return {
    tags: [name],
    parse(parser: { nextToken(): { value: string }; parseSignature(a: null, b: boolean): unknown; advanceAfterBlockEnd(v: string): void }, nodes: { CallExtension: new (...args: unknown[]) => unknown }) {
      const token = parser.nextToken();
      const args = parser.parseSignature(null, true);
      parser.advanceAfterBlockEnd(token.value);
      return new nodes.CallExtension(this, "run", args);
    },
    run: () => name,
  } as unknown as nunjucks.Extension;
}

/**
 * Nunjucks lists its extensions nowhere public; src/patches/nunjucks-extension-names.ts reads its
 * own record. If Nunjucks keeps them elsewhere, these fail.
 */
describe("extensionNames", () => {
  it("lists the extensions added, and removing them by those names removes their tags", () => {
    const environment = new nunjucks.Environment(null, { autoescape: true });
    expect(extensionNames(environment)).toEqual([]);
    environment.addExtension("first", tag("first"));
    environment.addExtension("second", tag("second"));
    expect(extensionNames(environment)).toEqual(["first", "second"]);
    expect(environment.renderString("{% first %} {% second %}", {})).toBe("first second");

    for (const name of extensionNames(environment)) environment.removeExtension(name);
    expect(extensionNames(environment)).toEqual([]);
    expect(environment.hasExtension("first")).toBe(false);
    // Nunjucks parses tags from its list of extensions: the tag is gone from it too.
    expect(() => environment.renderString("{% first %}", {})).toThrow(/unknown block tag: first/);
  });
});
