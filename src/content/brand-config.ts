import { z } from "zod";
import { error, warning, type Problem } from "../core/problems.ts";
import type { BrandLink, BrandSettings, PerLanguage } from "../model/settings.ts";
import { AA_TEXT_CONTRAST, contrastRatio, formatRatio, HEX_COLOUR } from "../rules/contrast.ts";
import { unknownKeyErrors } from "./schema.ts";
import type { PositionedYaml } from "./yaml.ts";
import { pushAll } from "../core/arrays.ts";

/**
 * The page backgrounds of Codicil's stylesheet (`--background` in templates/assets/codicil.css,
 * light and dark; a test holds them equal), which an accent colour is read against.
 */
export const PAGE_BACKGROUNDS = { light: "#ffffff", dark: "#14171b" } as const;

const text = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is required: ${what}` : `must be text: ${what}`) })
    .trim()
    .min(1, { error: `must not be empty: ${what}` });

const perLanguage = (what: string) =>
  z.record(z.string(), text(what), {
    error: (issue) => `${issue.input === undefined ? "is required: " : "must list "}the text per language code, e.g. { en: ${what}, de: … }`,
  });

const hexColour = z
  .string({
    error: (issue) =>
      issue.input === null
        ? 'is empty: in YAML "#" starts a comment, so write the colour in quotes, e.g. "#0b57a4"'
        : 'must be a colour in hex, in quotes, e.g. "#0b57a4"',
  })
  .regex(HEX_COLOUR, { error: 'must be a colour in hex such as "#0b57a4" or "#05a" (in quotes: "#" starts a comment in YAML)' });

/** Where a link may lead: another site (https, http) or an e-mail address; never a script. */
const linkAddress = z.string({ error: "must be an address, e.g. https://example.com/imprint or mailto:legal@example.com" }).superRefine((url, ctx) => {
  if (!/^(?:https?:\/\/[^/\s]|mailto:[^\s])/i.test(url) || !URL.canParse(url) || /\s/.test(url)) {
    ctx.addIssue({ code: "custom", message: `"${url}" must be an absolute https:// or http:// address, or mailto:, e.g. https://example.com/imprint` });
  }
});

const linkSchema = z.object({
  label: perLanguage("the link's text"),
  url: z.union([linkAddress, z.record(z.string(), linkAddress)], {
    error: "must be an address, or one per language code, e.g. { en: https://example.com/imprint, de: https://example.com/impressum }",
  }),
});

export const brandSchemaShape = {
  logo: z
    .object({
      file: text("the logo's file in content/, e.g. logo.svg"),
      alt: perLanguage("what the logo shows, e.g. Example Co."),
    }, { error: "must give file: (under content/) and alt: (per language)" })
    .optional(),
  accent: hexColour.optional(),
  accentDark: hexColour.optional(),
  headerLinks: z.array(linkSchema, { error: "must be a list of links, each with label: and url:" }).optional(),
  footerLinks: z.array(linkSchema, { error: "must be a list of links, each with label: and url:" }).optional(),
};

type BrandInput = { [K in keyof typeof brandSchemaShape]: z.infer<(typeof brandSchemaShape)[K]> };

const LOGO_KEYS = ["file", "alt"];
const LINK_KEYS = ["label", "url"];

/** Unknown keys inside `logo:` and each link, which zod's objects would drop silently. */
export function brandUnknownKeys(data: unknown, yaml: PositionedYaml, file: string): Problem[] {
  const problems: Problem[] = [];
  const record = data as Record<string, unknown> | undefined;
  if (!record || typeof record !== "object") return problems;
  pushAll(problems, unknownKeyErrors(record.logo, LOGO_KEYS, yaml, file, ["logo"]));
  for (const list of ["headerLinks", "footerLinks"] as const) {
    const links = record[list];
    if (Array.isArray(links)) links.forEach((link, i) => pushAll(problems, unknownKeyErrors(link, LINK_KEYS, yaml, file, [list, i])));
  }
  return problems;
}

/**
 * The brand settings, checked against the site's languages and for contrast; undefined when
 * site.yaml sets none of them.
 */
export function brandSettings(
  input: BrandInput,
  localeCodes: readonly string[],
  defaultLocale: string,
  yaml: PositionedYaml,
  file: string,
): { brand?: BrandSettings; problems: Problem[] } {
  const problems: Problem[] = [];
  if (Object.values(input).every((value) => value === undefined)) return { problems };
  const languages = (values: PerLanguage, at: readonly PropertyKey[], what: string, required: boolean) => {
    for (const code of Object.keys(values)) {
      if (!localeCodes.includes(code)) {
        problems.push(error(file, yaml.keyLineOf([...at, code]), `${what}: "${code}" is not a language of this site (${localeCodes.join(", ")}); fix the code or remove the entry.`));
      }
    }
    if (required && values[defaultLocale] === undefined) {
      problems.push(error(file, yaml.lineOf(at), `${what}: the text in the default language (${defaultLocale}) is required; add ${defaultLocale}: … (other languages fall back to it).`));
    }
    const missing = localeCodes.filter((code) => values[code] === undefined && code !== defaultLocale);
    if (required && missing.length > 0) {
      problems.push(warning(file, yaml.lineOf(at), `${what} has no text in ${missing.join(", ")}; those pages show the ${defaultLocale} text.`));
    }
  };
  if (input.logo) languages(input.logo.alt, ["logo", "alt"], "logo.alt", true);
  const links = (list: "headerLinks" | "footerLinks"): BrandLink[] =>
    (input[list] ?? []).map((link, i) => {
      languages(link.label, [list, i, "label"], `${list}[${i}].label`, true);
      if (typeof link.url !== "string") languages(link.url, [list, i, "url"], `${list}[${i}].url`, false);
      if (typeof link.url !== "string" && link.url[defaultLocale] === undefined) {
        problems.push(error(file, yaml.lineOf([list, i, "url"]), `${list}[${i}].url: the address in the default language (${defaultLocale}) is required; other languages fall back to it.`));
      }
      return { label: link.label, url: link.url };
    });
  const headerLinks = links("headerLinks");
  const footerLinks = links("footerLinks");
  pushAll(problems, accentProblems(input.accent, input.accentDark, yaml, file));
  const logoFormat = input.logo ? logoFormatOf(input.logo.file) : undefined;
  if (input.logo && !logoFormat) {
    problems.push(error(file, yaml.lineOf(["logo", "file"]), `logo.file "${input.logo.file}" must be an SVG or PNG image ending in .svg or .png.`));
  }
  return {
    problems,
    brand: {
      ...(input.logo && logoFormat && { logo: { file: input.logo.file, format: logoFormat, alt: input.logo.alt } }),
      ...(input.accent !== undefined && { accent: input.accent.toLowerCase() }),
      ...(input.accentDark !== undefined && { accentDark: input.accentDark.toLowerCase() }),
      headerLinks,
      footerLinks,
    },
  };
}

function logoFormatOf(file: string): "svg" | "png" | undefined {
  const extension = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  return extension === "svg" || extension === "png" ? extension : undefined;
}

/**
 * An accent below WCAG AA for link text against the page background, in light or dark mode. The
 * dark mode uses `accentDark` when given, else `accent`; `accentDark` alone changes only the dark mode.
 */
export function accentProblems(accent: string | undefined, accentDark: string | undefined, yaml: PositionedYaml, file: string): Problem[] {
  const problems: Problem[] = [];
  const check = (colour: string, mode: "light" | "dark", key: "accent" | "accentDark") => {
    const background = PAGE_BACKGROUNDS[mode];
    const ratio = contrastRatio(colour, background);
    if (ratio >= AA_TEXT_CONTRAST) return;
    const fix =
      mode === "light"
        ? accentDark === undefined
          ? "Choose a darker colour, or set accentDark: for dark mode (and a darker accent: for light mode)."
          : "Choose a darker colour."
        : key === "accent"
          ? "Choose a lighter colour, or set accentDark: for dark mode."
          : "Choose a lighter colour for accentDark.";
    problems.push(
      error(
        file,
        yaml.lineOf([key]),
        `${key === "accent" ? "accent" : "accentDark"} colour ${colour} has a contrast of ${formatRatio(ratio)} on the ${mode} background (${background}); WCAG AA needs ${AA_TEXT_CONTRAST}:1 for link text. ${fix}`,
      ),
    );
  };
  if (accent !== undefined) check(accent, "light", "accent");
  if (accentDark !== undefined) check(accentDark, "dark", "accentDark");
  else if (accent !== undefined) check(accent, "dark", "accent");
  return problems;
}
