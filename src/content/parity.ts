import type { LinkInText } from "../markdown/renderer.ts";
import type { TextSection } from "../model/text.ts";
import { error, warning, type Problem } from "../core/problems.ts";
import { pushAll } from "../core/arrays.ts";

/**
 * Translation parity, as Mozilla's legal-docs lints it: a translation of a version should have
 * the sections and links of the authoritative text of that same version. Heading anchors differ by
 * language (they are made from the translated heading), so sections are compared by count and
 * level, and links by target, with the language in site paths ignored (`/en/cookies/` in English
 * matches `/de/cookies/` in German).
 */
export interface ParityInput {
  readonly file: string;
  readonly locale: string;
  readonly sections: readonly TextSection[];
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
  const headings = (input: ParityInput, level: number) => input.sections.filter((s) => s.id !== "" && s.level === level).length;
  for (const level of [2, 3]) {
    const expected = headings(reference, level);
    const actual = headings(translation, level);
    if (actual !== expected) {
      problems.push(
        report(
          translation.file,
          1,
          `has ${actual} ${"#".repeat(level)} headings where ${reference.file} (the same version in ${reference.locale}) has ${expected}; a section may be missing or split differently.`,
        ),
      );
    }
  }
  // Anchors are made from translated headings, so `#…` parts differ by language by design; links
  // that are errors themselves (relative, javascript:) are reported elsewhere, not copied.
  const comparable = (href: string) => href.startsWith("/") || /^(https?|mailto|tel):/i.test(href);
  const normalize = (href: string) => {
    const withoutFragment = href.split("#", 1)[0] ?? href;
    const [first, ...rest] = withoutFragment.split("/").slice(1);
    return withoutFragment.startsWith("/") && first !== undefined && localeCodes.includes(first) ? `/*/${rest.join("/")}` : withoutFragment;
  };
  const remaining = new Map<string, number>();
  for (const link of translation.links) {
    if (comparable(link.href)) remaining.set(normalize(link.href), (remaining.get(normalize(link.href)) ?? 0) + 1);
  }
  for (const link of reference.links) {
    if (!comparable(link.href)) continue;
    const key = normalize(link.href);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      continue;
    }
    const shown = key.startsWith("/*/") ? `/${translation.locale}/${key.slice(3)}` : key;
    problems.push(report(translation.file, 1, `has no link to ${shown}, which ${reference.file}:${link.line} has; add it, or link the translated page there.`));
  }
  return problems;
}

/** Every translation of every version against the default language's text of that version. */
export function versionParityProblems(
  versions: readonly { readonly files: ReadonlyMap<string, { readonly file: string }> }[],
  rendered: ReadonlyMap<string, Pick<ParityInput, "sections" | "links">>,
  defaultLocale: string,
  localeCodes: readonly string[],
  strict: boolean,
): Problem[] {
  const problems: Problem[] = [];
  for (const version of versions) {
    const reference = version.files.get(defaultLocale);
    const referenceOutput = reference && rendered.get(reference.file);
    if (!reference || !referenceOutput) continue;
    for (const [locale, { file }] of version.files) {
      const output = rendered.get(file);
      if (locale === defaultLocale || !output) continue;
      pushAll(problems, parityProblems({ file: reference.file, locale: defaultLocale, ...referenceOutput }, { file, locale, ...output }, localeCodes, strict));
    }
  }
  return problems;
}
