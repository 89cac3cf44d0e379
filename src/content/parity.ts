import type { HeadingInText, LinkInText } from "../markdown/renderer.ts";
import { error, warning, type Problem } from "../core/problems.ts";
import { pushAll } from "../core/arrays.ts";
import { languageNeutralAddress } from "../rules/language-neutral-address.ts";

/**
 * Translation parity, as Mozilla's legal-docs lints it: a translation of a version should have
 * the sections and links of the authoritative text of that same version. Heading anchors differ by
 * language (they are made from the translated heading), so sections are compared by count and
 * level, and links by target with the language taken out of them (`/en/cookies/` in English
 * matches `/de/cookies/` in German, `support.example.org/en-US/kb/x` matches `…/de/kb/x`:
 * `rules/language-neutral-address.ts`). Every problem is reported at a line of the translation.
 */
export interface ParityInput {
  readonly file: string;
  readonly locale: string;
  /** The line the Markdown body starts on: where a text without headings is pointed at. */
  readonly bodyLine: number;
  readonly headings: readonly HeadingInText[];
  readonly links: readonly LinkInText[];
}

export function parityProblems(
  reference: ParityInput,
  translation: ParityInput,
  localeCodes: readonly string[],
  strict: boolean,
): Problem[] {
  const report = strict ? error : warning;
  const problems: Problem[] = [];
  const outline = (input: ParityInput) => input.headings.filter((h) => h.level === 2 || h.level === 3);
  const referenceOutline = outline(reference);
  const translationOutline = outline(translation);
  // The translation's heading where its outline first departs from the reference's: where to look.
  let departs = 0;
  while (departs < referenceOutline.length && departs < translationOutline.length && referenceOutline[departs]?.level === translationOutline[departs]?.level) departs++;
  const departureLine = translationOutline[departs]?.line ?? translationOutline.at(-1)?.line ?? translation.bodyLine;
  for (const level of [2, 3]) {
    const expected = referenceOutline.filter((h) => h.level === level).length;
    const actual = translationOutline.filter((h) => h.level === level).length;
    if (actual !== expected) {
      problems.push(
        report(
          translation.file,
          departureLine,
          `has ${actual} ${"#".repeat(level)} headings where ${reference.file} (the same version in ${reference.locale}) has ${expected}; a section may be missing or split differently from about here.`,
        ),
      );
    }
  }

  // Anchors are made from translated headings, so `#…` parts differ by language by design; links
  // that are errors themselves (relative, javascript:) are reported elsewhere, not copied.
  const comparable = (href: string) => href.startsWith("/") || /^(https?|mailto|tel):/i.test(href);
  const keyOf = (href: string) => languageNeutralAddress(href, localeCodes);
  const translationLinks = translation.links.filter((l) => comparable(l.href)).map((link) => ({ link, key: keyOf(link.href), matched: false }));
  const unmatchedByKey = new Map<string, (typeof translationLinks)[number][]>();
  for (const entry of translationLinks) unmatchedByKey.set(entry.key, [...(unmatchedByKey.get(entry.key) ?? []), entry]);
  const missing: LinkInText[] = [];
  for (const link of reference.links) {
    if (!comparable(link.href)) continue;
    const match = unmatchedByKey.get(keyOf(link.href))?.find((entry) => !entry.matched);
    if (match) match.matched = true;
    else missing.push(link);
  }
  // A reference link without a match is most often the link the translation wrote differently:
  // the translation's unmatched links, in order, are paired with the missing ones.
  const extra = translationLinks.filter((entry) => !entry.matched).map((entry) => entry.link);
  const sectionOf = (headings: readonly HeadingInText[], line: number) => headings.filter((h) => h.line <= line).length;
  for (const link of missing) {
    const section = sectionOf(referenceOutline, link.line);
    const pairIndex = extra.findIndex((candidate) => sectionOf(translationOutline, candidate.line) === section);
    const shown = link.href.startsWith("/") ? localized(link.href, reference.locale, translation.locale) : link.href;
    if (pairIndex !== -1) {
      const [other] = extra.splice(pairIndex, 1);
      if (other) {
        problems.push(report(translation.file, other.line, `links to ${other.href} where ${reference.file}:${link.line} links to ${shown}; link the same address (in the translation's language if the site has one).`));
        continue;
      }
    }
    // No link in the matching section: point at that section's heading in the translation.
    const line = section === 0 ? translation.bodyLine : (translationOutline[section - 1]?.line ?? translationOutline.at(-1)?.line ?? translation.bodyLine);
    problems.push(report(translation.file, line, `has no link to ${shown} in this section, which ${reference.file}:${link.line} has; add it, or link the translated page there.`));
  }
  return problems;
}

/** A site-root path of the reference language, as the translation would write it. */
function localized(href: string, from: string, to: string): string {
  return href.startsWith(`/${from}/`) ? `/${to}/${href.slice(from.length + 2)}` : href;
}

/** Every translation of every version against the default language's text of that version. */
export function versionParityProblems(
  versions: readonly { readonly files: ReadonlyMap<string, { readonly file: string; readonly bodyLine: number }> }[],
  rendered: ReadonlyMap<string, Pick<ParityInput, "headings" | "links">>,
  defaultLocale: string,
  localeCodes: readonly string[],
  strict: boolean,
): Problem[] {
  const problems: Problem[] = [];
  for (const version of versions) {
    const reference = version.files.get(defaultLocale);
    const referenceOutput = reference && rendered.get(reference.file);
    if (!reference || !referenceOutput) continue;
    for (const [locale, { file, bodyLine }] of version.files) {
      const output = rendered.get(file);
      if (locale === defaultLocale || !output) continue;
      pushAll(
        problems,
        parityProblems(
          { file: reference.file, locale: defaultLocale, bodyLine: reference.bodyLine, headings: referenceOutput.headings, links: referenceOutput.links },
          { file, locale, bodyLine, headings: output.headings, links: output.links },
          localeCodes,
          strict,
        ),
      );
    }
  }
  return problems;
}
