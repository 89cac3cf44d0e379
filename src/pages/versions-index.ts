import type { LegalDocument } from "../model/site.ts";
import type { PageContext } from "./page-context.ts";
import { paths } from "../addresses/urls.ts";
import { comparePath } from "./languages.ts";

/**
 * `/<doc>/versions.json`: every version with its dates, status and addresses per language, so a
 * sign-up form or a consent record can link the exact version a user accepted. Newest first.
 */
export function versionsIndexJson(context: PageContext, doc: LegalDocument): string {
  const { site, absolute } = context;
  // What changed since a version, against the one in force: for a consent given to that version.
  const withCompare = (path: string | undefined) => (path === undefined ? {} : { compare: absolute(path) });
  const current = doc.currentIndex === undefined ? undefined : doc.versions[doc.currentIndex];
  const index = {
    document: doc.slug,
    defaultLocale: site.settings.defaultLocale,
    current: current?.label ?? null,
    versions: doc.versions
      .map((version, i) => ({
        label: version.label,
        updated: version.updated,
        effective: version.effective,
        status: version.status,
        locales: Object.fromEntries(
          site.settings.locales
            .filter((l) => l.code in version.translations)
            .map((l) => {
              const translation = version.translations[l.code];
              const hasPredecessor = doc.versions.slice(0, i).some((v) => l.code in v.translations);
              return [
                l.code,
                {
                  title: translation?.title,
                  // Of the source file's bytes: anyone holding the file can check it (sha256sum).
                  sha256: translation?.sourceSha256,
                  ...(translation?.summary !== undefined && { summary: translation.summary }),
                  url: absolute(paths.version(l.code, doc.slug, version.updated)),
                  ...(hasPredecessor && { changes: absolute(paths.changes(l.code, doc.slug, version.updated)) }),
                  ...withCompare(comparePath(context, doc, i, l.code)),
                  ...(translation?.corrections && translation.corrections.length > 0 && { corrections: translation.corrections }),
                },
              ];
            }),
        ),
      }))
      .reverse(),
  };
  return `${JSON.stringify(index, null, 2)}\n`;
}
