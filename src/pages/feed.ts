import { formatDate } from "../i18n/dates.ts";
import type { PageContext } from "./page-context.ts";
import type { PageViewOf } from "./page-view.ts";
import type { Route } from "../addresses/routes.ts";
import { paths } from "../addresses/urls.ts";

export interface FeedEntry {
  /** The permanent address of the version: stable, so feed readers never show it twice. */
  readonly id: string;
  readonly title: string;
  readonly label: string;
  /** RFC 3339 timestamps, as Atom requires; midnight UTC of the version's dates. */
  readonly published: string;
  /** The newest correction's date, or the version's: a correction announces itself as an update. */
  readonly updated: string;
  /** Every correction, oldest first, dated for the feed's language. */
  readonly corrections?: readonly { readonly date: string; readonly note: string }[];
  /** Written for the feed's language. */
  readonly effective: string;
  readonly summary?: string;
  readonly url: string;
  readonly changesUrl?: string;
  /** Set when the version is not in the feed's language: the entry is in this one. */
  readonly lang?: string;
}

export interface FeedView {
  readonly id: string;
  readonly title: string;
  readonly selfUrl: string;
  readonly documentUrl: string;
  readonly updated: string;
  readonly author: string;
  /** Newest first. */
  readonly entries: readonly FeedEntry[];
}

const timestamp = (date: string) => `${date}T00:00:00Z`;

/** `/<locale>/<doc>/feed.xml`: an Atom feed with one entry per version in that language. */
export function feedPage(context: PageContext, route: Extract<Route, { kind: "feed" }>): PageViewOf<"feed"> {
  const { site, absolute } = context;
  const { locale } = route;
  const doc = context.document(route.slug);
  const { defaultLocale } = site.settings;
  // Every version, so a subscriber hears of one that is not translated yet: such an entry links
  // to the default language's text and says which language it is in.
  let seenInLocale = false;
  const entries = doc.versions
    .map((version): FeedEntry => {
      const own = version.translations[locale];
      const shownLocale = own ? locale : defaultLocale;
      const translation = own ?? version.translations[defaultLocale];
      const hasPredecessor = seenInLocale;
      if (own) seenInLocale = true;
      const url = absolute(paths.version(shownLocale, doc.slug, version.updated));
      return {
        id: url,
        title: translation?.title ?? doc.slug,
        label: version.label,
        published: timestamp(version.updated),
        updated: timestamp([version.updated, ...(translation?.corrections ?? []).map((c) => c.date)].sort().at(-1) ?? version.updated),
        ...(translation?.corrections && translation.corrections.length > 0 && {
          corrections: [...translation.corrections].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((c) => ({ date: formatDate(c.date, locale), note: c.note })),
        }),
        effective: formatDate(version.effective, locale),
        ...(translation?.summary !== undefined && { summary: translation.summary }),
        url,
        ...(own && hasPredecessor && { changesUrl: absolute(paths.changes(locale, doc.slug, version.updated)) }),
        ...(!own && { lang: defaultLocale }),
      };
    })
    .reverse();
  // The feed's title is the document's title in its own language.
  const ownTitle = entries.find((e) => e.lang === undefined)?.title;
  // The newest change of any entry, a correction included.
  const newest = [...entries].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0))[0];
  return {
    ...context.fileBase(route, "layouts/feed.xml.njk", ownTitle ?? doc.slug, locale),
    feed: {
      id: absolute(route.path),
      title: ownTitle ?? doc.slug,
      selfUrl: absolute(route.path),
      documentUrl: absolute(paths.document(locale, doc.slug)),
      updated: newest?.updated ?? timestamp(site.buildDate),
      author: site.settings.name,
      entries,
    },
  };
}
