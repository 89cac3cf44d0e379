/**
 * Heading ids that stay readable in every script: letters and digits of any language are kept
 * (`### Données` → `données`, Arabic stays Arabic) rather than percent-encoded, and everything
 * else becomes a single hyphen. NFKC folds look-alike forms so the same heading gives the same id.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "section" : slug;
}
