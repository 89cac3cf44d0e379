import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type * as InlineCacheModule from "../../../src/markdown/inline-cache.ts";
import type { InlineCache } from "../../../src/markdown/inline-cache.ts";
import { FIXTURES } from "../../support/sites.ts";

// The caches loadDocument makes, seen as they are made.
const made = vi.hoisted(() => [] as InlineCache[]);
vi.mock("../../../src/markdown/inline-cache.ts", async (importOriginal) => {
  const original = await importOriginal<typeof InlineCacheModule>();
  return {
    ...original,
    newInlineCache: () => {
      const cache = original.newInlineCache();
      made.push(cache);
      return cache;
    },
  };
});

const { loadDocument } = await import("../../../src/content/load-document.ts");
const { loadSiteResources } = await import("../../../src/content/site-resources.ts");

/** Each document's files share one cache of parsed paragraphs (src/markdown/inline-cache.ts). */
describe("loadDocument", () => {
  it("parses a paragraph its versions repeat once, with one cache per document", async () => {
    const { resources } = await loadSiteResources({ root: path.join(FIXTURES, "multilingual") });
    if (!resources) throw new Error("the fixture did not load");
    const privacy = loadDocument(resources, "privacy");
    const terms = loadDocument(resources, "terms");
    expect(made).toHaveLength(2);
    const [forPrivacy, forTerms] = made;
    // The privacy policy has four versions in up to four languages; most paragraphs come back in each.
    const paragraphs = (privacy.document?.versions ?? []).flatMap((v) => Object.values(v.translations)).flatMap((t) => t.sections.flatMap((s) => s.blocks)).length;
    expect(forPrivacy?.tokens.size).toBeGreaterThan(0);
    expect(forPrivacy?.tokens.size).toBeLessThan(paragraphs / 2);
    expect(forTerms?.tokens.size).toBeGreaterThan(0);
    expect(terms.document).toBeDefined();
  });
});
