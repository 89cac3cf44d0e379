/**
 * Heading ids that stay readable in every script: letters and digits of any language are kept
 * (`### Données` → `données`, Arabic stays Arabic) rather than percent-encoded, and everything
 * else becomes a single hyphen. NFKC folds look-alike forms so the same heading gives the same id.
 */
export function slugify(text: string): string {
  if (text.length > LONGEST_REMEMBERED) return slugOf(text);
  let slug = slugs.get(text);
  if (slug === undefined) {
    if (slugs.size >= MAX_REMEMBERED) slugs.clear();
    slugs.set(text, (slug = slugOf(text)));
  }
  return slug;
}

/**
 * A heading's slug, remembered: each version of a document repeats nearly all of the headings of
 * the one before, and normalizing, lower-casing and two Unicode-class replacements cost about as
 * much as parsing the heading (docs/performance.md). Bounded in number and
 * length, so a site of any size keeps at most a few MB.
 */
const slugs = new Map<string, string>();
const MAX_REMEMBERED = 20_000;
const LONGEST_REMEMBERED = 200;

function slugOf(text: string): string {
  const slug = text
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "section" : slug;
}
