import type { LegalDocument, Site, Translation, Version } from "../../src/model/site.ts";
import { textDirection } from "../../src/i18n/locales.ts";
import { landingIndex, versionStatuses } from "../../src/rules/version-order.ts";

/**
 * A content model written as a lawyer would describe it ("version 2 of the privacy policy, dated
 * 2024-01-01, in English and German"), for the unit tests of the page rules. Statuses and landing
 * pages are decided by the product's own rules (src/rules/version-order.ts), as the loader does.
 */
export interface VersionSpec {
  readonly label: string;
  readonly updated: string;
  /** Default: `updated`. */
  readonly effective?: string;
  /** The locales this version is written in; the default locale is always among them. */
  readonly locales: readonly string[];
  /** Front matter `latestVersion`, per locale. */
  readonly latestVersion?: Readonly<Record<string, string>>;
}

export interface SiteSpec {
  readonly locales: readonly string[];
  /** Default: the first locale. */
  readonly defaultLocale?: string;
  readonly buildDate: string;
  readonly pathPrefix?: string;
  readonly documents: readonly { readonly slug: string; readonly versions: readonly VersionSpec[] }[];
}

export const SITE_URL = "https://legal.example.com";

export function siteModel(spec: SiteSpec): Site {
  const defaultLocale = spec.defaultLocale ?? spec.locales[0] ?? "en";
  return {
    root: "/nonexistent",
    settings: {
      name: "Example Co.",
      url: SITE_URL,
      pathPrefix: spec.pathPrefix ?? "/",
      defaultLocale,
      locales: spec.locales.map((code) => ({ code, name: `name of ${code}`, dir: textDirection(code) })),
    },
    buildDate: spec.buildDate,
    documents: spec.documents.map((doc) => documentModel(doc.slug, doc.versions, spec.locales, spec.buildDate)),
  };
}

function documentModel(slug: string, specs: readonly VersionSpec[], locales: readonly string[], buildDate: string): LegalDocument {
  const dated = specs.map((v) => ({ updated: v.updated, effective: v.effective ?? v.updated }));
  const statuses = versionStatuses(dated, buildDate);
  const versions = specs.map(
    (v, i): Version => ({
      label: v.label,
      updated: v.updated,
      effective: v.effective ?? v.updated,
      status: statuses[i] ?? "older",
      translations: Object.fromEntries(
        locales.filter((l) => v.locales.includes(l)).map((locale) => [locale, translationModel(slug, v, locale)]),
      ),
    }),
  );
  const landing: Record<string, number> = {};
  for (const locale of locales) {
    const index = landingIndex(
      versions.flatMap((v, i) => (locale in v.translations ? [i] : [])),
      statuses,
    );
    if (index !== undefined) landing[locale] = index;
  }
  const current = statuses.indexOf("current");
  return { slug, versions, currentIndex: current === -1 ? undefined : current, landingIndex: landing };
}

function translationModel(slug: string, version: VersionSpec, locale: string): Translation {
  const latestVersion = version.latestVersion?.[locale];
  return {
    locale,
    title: `${slug} ${version.label} (${locale})`,
    sourceFile: `content/${slug}/versions/${version.updated}/${locale}.md`,
    // Stands for the SHA-256 of a file these models have none of.
    sourceSha256: "0".repeat(64),
    html: "<p>Text.</p>\n",
    toc: [],
    sections: [],
    ...(latestVersion !== undefined && { latestVersion }),
  };
}
