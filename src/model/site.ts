import type { CookieRegistry } from "./cookies.ts";
import type { TextSection, TocEntry } from "./text.ts";
import type { IsoDate } from "../rules/dates.ts";
import type { VersionStatus } from "../rules/version-order.ts";
import type { SiteSettings } from "./settings.ts";

/**
 * The content model: plain data, built and validated once from `content/`, then only read.
 * documents → versions (oldest first) → translations (by locale).
 */
export interface Site {
  /** Absolute path of the site repository (holds content/, locales/, templates/). */
  readonly root: string;
  readonly settings: SiteSettings;
  /** The date statuses are decided against (UTC; SOURCE_DATE_EPOCH when set). */
  readonly buildDate: IsoDate;
  /** Sorted by slug. */
  readonly documents: readonly LegalDocument[];
  /** `content/cookies.yaml`; undefined when the site has none. */
  readonly cookies?: CookieRegistry;
}

export interface LegalDocument {
  /** Folder name under content/, used in URLs. */
  readonly slug: string;
  /** Oldest first, ordered by `updated`. */
  readonly versions: readonly Version[];
  /** Index of the current version; undefined while every version is still upcoming. */
  readonly currentIndex: number | undefined;
  /** Per locale, the index of the version its `/<locale>/<doc>/` page shows. */
  readonly landingIndex: Readonly<Record<string, number>>;
}

export interface Version {
  readonly label: string;
  readonly updated: IsoDate;
  readonly effective: IsoDate;
  readonly status: VersionStatus;
  /** Keyed by locale code, in the order of the site's locales; always holds the default locale. */
  readonly translations: Readonly<Record<string, Translation>>;
}

export interface Translation {
  readonly locale: string;
  readonly title: string;
  readonly summary?: string;
  readonly description?: string;
  readonly latestVersion?: string;
  /** Template path under templates/ chosen in front matter; undefined for the default layout. */
  readonly layout?: string;
  /** Path relative to the site root, e.g. `content/privacy/versions/2024-01-01/de.md`. */
  readonly sourceFile: string;
  /** SHA-256 (hex) of the source file's bytes, published in versions.json and on the page. */
  readonly sourceSha256: string;
  /** Corrections made to this published text, in the order the front matter lists them. */
  readonly corrections?: readonly Correction[];
  /** Rendered once, at load. */
  readonly html: string;
  readonly toc: readonly TocEntry[];
  /** Plain text by section, for the changes pages. */
  readonly sections: readonly TextSection[];
  /** In a language other than the default: how much of it is still the default language's text. */
  readonly untranslated?: UntranslatedText;
}

/** How many of a translation's paragraphs are the default language's same version word for word. */
export interface UntranslatedText {
  /** Paragraphs with words to translate (not only code, addresses, names or numbers). */
  readonly paragraphs: number;
  /** Of those, the ones identical to a paragraph of the default language's same version. */
  readonly identical: number;
  /** Line of the first identical one in the translation's file. */
  readonly firstLine?: number;
}

/** A fix to a published version recorded in its front matter (docs/versioning.md). */
export interface Correction {
  readonly date: IsoDate;
  readonly note: string;
}
