import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO } from "./sites.ts";

/** The 75 language codes of a large legal site's real corpus (issue 24). */
export const CORPUS_LANGUAGES = [
  "ab", "af", "am", "an", "ar", "as", "ast", "az", "be", "bg", "bn", "br", "bs", "ca", "cak", "cnh", "cs", "cv", "cy", "da", "de", "dsb",
  "dv", "el", "en", "en-CA", "en-GB", "en-US", "eo", "es", "es-AR", "es-CL", "es-ES", "es-MX", "et", "eu", "fa", "ff", "fi", "fr", "fy-NL",
  "ga-IE", "gd", "gl", "gn", "gu-IN", "he", "hi-IN", "hr", "hsb", "hu", "hy-AM", "ia", "id", "is", "it", "ja", "ka", "kab", "kk", "km",
  "kn", "ko", "lij", "lo", "lt", "lv", "mk", "ml", "mr", "ms", "my", "nb-NO", "ne-NP", "nl", "nn-NO", "oc", "pa-IN", "pl", "pt-BR",
  "pt-PT", "rm", "ro", "ru", "sah", "si", "sk", "sl", "sq", "sr", "sv-SE", "ta", "te", "th", "tl", "tr", "uk", "ur", "uz", "vi", "zh-CN",
  "zh-TW",
];

/** The languages Codicil ships UI strings for: its locales/ files. */
export function shippedLanguages(): string[] {
  return readdirSync(path.join(REPO, "locales"))
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();
}

/** A language's name for itself, as a site would list it. */
const autonym = (code: string): string => new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;

/**
 * A site in every given language, written to a temporary folder from a small template: one
 * document, "privacy", in every language (fictional text, a paragraph per language that names it),
 * one version updated on `updated`. The first language is the default.
 */
export function writeManyLanguageSite(codes: readonly string[], options: { updated: string; withoutDocument?: readonly string[] }): string {
  const root = mkdtempSync(path.join(tmpdir(), "codicil-languages-"));
  const listed = [...codes, ...(options.withoutDocument ?? [])];
  mkdirSync(path.join(root, "content/privacy"), { recursive: true });
  writeFileSync(
    path.join(root, "content/site.yaml"),
    [
      "name: Lanternfish Maps",
      "url: https://legal.lanternfish.example",
      `defaultLocale: ${codes[0]}`,
      "locales:",
      ...listed.map((code) => `  - { code: ${code}, name: ${JSON.stringify(autonym(code))} }`),
      "",
    ].join("\n"),
  );
  for (const code of codes) {
    const name = autonym(code);
    writeFileSync(
      path.join(root, `content/privacy/${code}.md`),
      [
        "---",
        `title: ${JSON.stringify(`Lanternfish Maps – ${name}`)}`,
        'version: "1"',
        `updated: ${options.updated}`,
        "---",
        "",
        `## ${name} 1`,
        "",
        `Lanternfish Maps keeps the routes you plot on your own device (${code}).`,
        "",
        `## ${name} 2`,
        "",
        `We answer questions about this policy at privacy@lanternfish.example (${name}).`,
        "",
      ].join("\n"),
    );
  }
  return root;
}
