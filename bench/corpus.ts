import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { lineFingerprints, lockText, sha256, type LockEntry } from "../src/content/published-lock.ts";
import { paths } from "../src/addresses/urls.ts";

/**
 * A deterministic legal site in the contract's layout (SPEC section 2), for `npm run bench`.
 * Everything comes from a seeded PRNG: the same size and seed give the same bytes on every
 * machine, so numbers measured on two commits compare the code, not the corpus.
 */
export interface CorpusSize {
  readonly name: string;
  readonly documents: number;
  readonly locales: number;
  readonly versions: number;
  /** Sections (## headings) per document; about one in eight changes from version to version. */
  readonly sections: number;
  /** Roughly the words of one file. */
  readonly words: number;
}

export const SIZES: Readonly<Record<"S" | "M", CorpusSize>> = {
  S: { name: "S", documents: 10, locales: 5, versions: 4, sections: 16, words: 1_500 },
  M: { name: "M", documents: 50, locales: 30, versions: 10, sections: 16, words: 1_500 },
};

/** The build date the bench fixes with SOURCE_DATE_EPOCH: after every generated version. */
export const BENCH_BUILD_DATE = "2030-01-01";

interface LocaleSpec {
  readonly code: string;
  readonly name: string;
  /** Letters that generated words are made of, so text has the byte size of that script. */
  readonly letters: string;
}

const LATIN = "abcdefghijklmnopqrstuvwxyz";
const LATIN_EXT = "abcdefghijklmnopqrstuvwxyzäöüéèàçñ";
const CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюя";
const GREEK = "αβγδεζηθικλμνξοπρστυφχψω";
const ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
const HEBREW = "אבגדהוזחטיכלמנסעפצקרשת";
const CJK = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长";
const HANGUL = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호";
const KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん";

/**
 * Thirty languages as a large site (Mozilla's legal documents) has them: regional and script
 * subtags, and four right-to-left languages. The first five are the S site: en plus one of each
 * kind (a Latin language, a regional code, two right-to-left scripts).
 */
const LOCALES: readonly LocaleSpec[] = [
  { code: "en", name: "English", letters: LATIN },
  { code: "de", name: "Deutsch", letters: LATIN_EXT },
  { code: "pt-BR", name: "Português (Brasil)", letters: LATIN_EXT },
  { code: "ar", name: "العربية", letters: ARABIC },
  { code: "he", name: "עברית", letters: HEBREW },
  { code: "fr", name: "Français", letters: LATIN_EXT },
  { code: "es", name: "Español", letters: LATIN_EXT },
  { code: "it", name: "Italiano", letters: LATIN_EXT },
  { code: "nl", name: "Nederlands", letters: LATIN },
  { code: "pl", name: "Polski", letters: LATIN_EXT },
  { code: "sv", name: "Svenska", letters: LATIN_EXT },
  { code: "da", name: "Dansk", letters: LATIN_EXT },
  { code: "fi", name: "Suomi", letters: LATIN_EXT },
  { code: "nb", name: "Norsk bokmål", letters: LATIN_EXT },
  { code: "cs", name: "Čeština", letters: LATIN_EXT },
  { code: "hu", name: "Magyar", letters: LATIN_EXT },
  { code: "ro", name: "Română", letters: LATIN_EXT },
  { code: "el", name: "Ελληνικά", letters: GREEK },
  { code: "tr", name: "Türkçe", letters: LATIN_EXT },
  { code: "ru", name: "Русский", letters: CYRILLIC },
  { code: "uk", name: "Українська", letters: CYRILLIC },
  { code: "bg", name: "Български", letters: CYRILLIC },
  { code: "ja", name: "日本語", letters: KANA },
  { code: "ko", name: "한국어", letters: HANGUL },
  { code: "zh-Hans", name: "简体中文", letters: CJK },
  { code: "zh-Hant", name: "繁體中文", letters: CJK },
  { code: "fa", name: "فارسی", letters: ARABIC },
  { code: "ur", name: "اردو", letters: ARABIC },
  { code: "id", name: "Bahasa Indonesia", letters: LATIN },
  { code: "es-MX", name: "Español (México)", letters: LATIN_EXT },
];

/** mulberry32: tiny, fast and good enough to make text; never Math.random, so output is stable. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable seed for one part of the corpus, so changing one size never reshuffles another. */
function seedOf(...parts: (string | number)[]): number {
  let hash = 2166136261;
  for (const char of parts.join("\u0000")) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function word(random: () => number, letters: string): string {
  const chars = [...letters];
  const length = 2 + Math.floor(random() * 8);
  let text = "";
  for (let i = 0; i < length; i++) text += pick(random, chars);
  return text;
}

function sentence(random: () => number, letters: string, words: number): string {
  const list = Array.from({ length: words }, () => word(random, letters));
  const first = list[0] ?? "";
  list[0] = first.charAt(0).toLocaleUpperCase("en") + first.slice(1);
  return `${list.join(" ")}.`;
}

interface DocumentPlan {
  readonly slug: string;
  /** Oldest first. */
  readonly dates: readonly string[];
}

function documentSlug(index: number): string {
  return `policy-${String(index + 1).padStart(2, "0")}`;
}

/** One version every 90 days from 2020, staggered per document so dates differ between documents. */
function versionDates(docIndex: number, count: number): string[] {
  const start = Date.UTC(2020, 0, 1) + (docIndex % 28) * 86_400_000;
  return Array.from({ length: count }, (_, i) => new Date(start + i * 90 * 86_400_000).toISOString().slice(0, 10));
}

type Block =
  | { readonly kind: "paragraph"; readonly sentences: string[]; readonly link?: string }
  | { readonly kind: "list"; readonly items: string[] }
  | { readonly kind: "table"; readonly header: readonly [string, string]; readonly rows: string[][] };

/**
 * How versions revise the corpus. "sentence": each revised section has one sentence rewritten
 * (and now and then a paragraph added), the corpus `npm run bench` measured until issue #29.
 * "real": revisions as they come (docs/performance.md, "The revisions of the bench corpus").
 */
export type RevisionMix = "sentence" | "real";
export const REVISION_MIXES: readonly RevisionMix[] = ["sentence", "real"];

/** What one revision does to a section in the "real" mix, and how often (weights out of 100). */
const SECTION_REVISIONS = [
  ["sentence", 45],
  ["paragraphAdded", 15],
  ["paragraphRemoved", 10],
  ["rewritten", 20],
  ["table", 10],
] as const;
type SectionRevision = (typeof SECTION_REVISIONS)[number][0];

/** Per version of a document in the "real" mix: the chance that a section is added, removed or renamed. */
const SECTION_EVENTS = { added: 0.1, removed: 0.1, renamed: 0.1 } as const;

/** The first text of a section: paragraphs of about 40 words, every third block a list. */
function firstBlocks(size: CorpusSize, locale: LocaleSpec, doc: number, section: number, variant = "text"): Block[] {
  const random = prng(seedOf(size.name, doc, locale.code, section, variant));
  // Link targets do not depend on the language: translations link the same pages (the loader
  // warns when a translation lacks a link its default-language text has).
  const linkRandom = prng(seedOf(size.name, doc, section, "links"));
  // The heading and the list items count too, so paragraphs fill a little less than the share.
  const perSection = Math.round(size.words / size.sections) - 12;
  const blocks: Block[] = [];
  let words = 0;
  while (words < perSection) {
    if (blocks.length % 3 === 1) {
      // A list, as policies enumerate purposes and rights.
      blocks.push({ kind: "list", items: Array.from({ length: 3 }, () => sentence(random, locale.letters, 5)) });
      words += 15;
      continue;
    }
    const count = 10 + Math.floor(random() * 6);
    const sentences = Array.from({ length: 3 }, () => sentence(random, locale.letters, count));
    // A link to another document of the site, in the same language, as policies cross-reference.
    const link = blocks.length % 4 === 0 ? documentSlug(Math.floor(linkRandom() * size.documents)) : undefined;
    blocks.push({ kind: "paragraph", sentences, ...(link !== undefined && { link }) });
    words += count * 3;
  }
  return blocks;
}

/**
 * One revision of a section, as editors revise policies: a sentence of one paragraph rewritten,
 * and now and then a paragraph added. Which paragraph changes does not depend on the language.
 */
function revise(blocks: Block[], size: CorpusSize, locale: LocaleSpec, doc: number, section: number, revision: number, kind: SectionRevision = "sentence"): Block[] {
  const where = prng(seedOf(size.name, doc, section, revision, "edit"));
  const random = prng(seedOf(size.name, doc, locale.code, section, revision, "edit"));
  if (kind === "rewritten") return firstBlocks(size, locale, doc, section, `rewritten ${revision}`);
  if (kind === "table") return editTable(blocks, locale, where, random);
  const paragraphsOnly = blocks.flatMap((b, i) => (b.kind === "paragraph" ? [i] : []));
  if (kind === "paragraphAdded" || kind === "paragraphRemoved") {
    const at = paragraphsOnly[Math.floor(where() * paragraphsOnly.length)] ?? 0;
    if (kind === "paragraphRemoved" && paragraphsOnly.length > 1) return blocks.filter((_, i) => i !== at);
    const added: Block = { kind: "paragraph", sentences: Array.from({ length: 3 }, () => sentence(random, locale.letters, 12)) };
    return [...blocks.slice(0, at + 1), added, ...blocks.slice(at + 1)];
  }
  const paragraphs = blocks.flatMap((b, i) => (b.kind === "paragraph" ? [i] : []));
  const target = paragraphs[Math.floor(where() * paragraphs.length)] ?? 0;
  const next = blocks.map((b, i) => {
    if (i !== target || b.kind !== "paragraph") return b;
    const sentences = [...b.sentences];
    sentences[Math.floor(where() * sentences.length)] = sentence(random, locale.letters, 12);
    return { ...b, sentences };
  });
  if (where() < 0.3) next.splice(target + 1, 0, { kind: "paragraph", sentences: Array.from({ length: 3 }, () => sentence(random, locale.letters, 12)) });
  return next;
}

/** A retention table, as policies have them: a kind of data and how long it is kept. */
function firstTable(locale: LocaleSpec, doc: number, size: CorpusSize): Block {
  const random = prng(seedOf(size.name, doc, locale.code, "table"));
  return { kind: "table", header: [word(random, locale.letters), word(random, locale.letters)], rows: Array.from({ length: 6 }, () => [sentence(random, locale.letters, 3).slice(0, -1), `${1 + Math.floor(random() * 36)} ${word(random, locale.letters)}`]) };
}

/** A table revised: a period changed, or a row added. */
function editTable(blocks: Block[], locale: LocaleSpec, where: () => number, random: () => number): Block[] {
  const addRow = where() < 0.5;
  const row = where();
  return blocks.map((b) => {
    if (b.kind !== "table") return b;
    const at = Math.floor(row * b.rows.length);
    if (addRow) return { ...b, rows: [...b.rows.slice(0, at), [sentence(random, locale.letters, 3).slice(0, -1), `${1 + Math.floor(random() * 36)} ${word(random, locale.letters)}`], ...b.rows.slice(at)] };
    return { ...b, rows: b.rows.map((r, i) => (i === at ? [r[0] ?? "", `${1 + Math.floor(random() * 36)} ${word(random, locale.letters)}`] : r)) };
  });
}

function blockText(block: Block, locale: string, letters: string, random: () => number): string {
  if (block.kind === "list") return block.items.map((item) => `- ${item}`).join("\n");
  if (block.kind === "table") return [`| ${block.header.join(" | ")} |`, "|---|---|", ...block.rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  const text = block.sentences.join(" ");
  return block.link === undefined ? text : `${text} [${word(random, letters)}](/${locale}/${block.link}/)`;
}

/**
 * Which versions revise each section: about one section in eight per version. The same for every
 * language, as a revision is translated.
 */
function sectionRevisions(size: CorpusSize, doc: number, versions: number): number[][] {
  const random = prng(seedOf(size.name, doc, "revisions"));
  const revisedIn: number[][] = Array.from({ length: size.sections }, () => []);
  const changedPerVersion = Math.max(1, Math.round(size.sections / 8));
  for (let v = 1; v < versions; v++) {
    for (let c = 0; c < changedPerVersion; c++) revisedIn[Math.floor(random() * size.sections)]?.push(v);
  }
  return revisedIn;
}

function frontMatter(size: CorpusSize, locale: LocaleSpec, doc: number, version: number, date: string): string[] {
  const titleRandom = prng(seedOf(size.name, doc, locale.code, "title"));
  const title = `${sentence(titleRandom, locale.letters, 3).slice(0, -1)} ${doc + 1}`;
  return [
    "---",
    `title: "${title}"`,
    `version: "${version + 1}"`,
    `updated: ${date}`,
    ...(version > 0 ? [`summary: "${sentence(prng(seedOf(size.name, doc, locale.code, version, "summary")), locale.letters, 8)}"`] : []),
    "---",
    "",
  ];
}

function documentFile(size: CorpusSize, locale: LocaleSpec, doc: number, version: number, date: string, revisedIn: readonly number[][]): string {
  const lines = frontMatter(size, locale, doc, version, date);
  for (let section = 0; section < size.sections; section++) {
    // Headings stay the same across versions (their ids are what the changes pages align on).
    const headingRandom = prng(seedOf(size.name, doc, locale.code, section, "heading"));
    lines.push(`## ${section + 1}. ${sentence(headingRandom, locale.letters, 3).slice(0, -1)}`, "");
    let blocks = firstBlocks(size, locale, doc, section);
    for (const revision of revisedIn[section] ?? []) {
      if (revision <= version) blocks = revise(blocks, size, locale, doc, section, revision);
    }
    const linkText = prng(seedOf(size.name, doc, locale.code, section, "link-text"));
    for (const block of blocks) lines.push(blockText(block, locale.code, locale.letters, linkText), "");
    if (section === COOKIE_SECTION) lines.push("{% cookieTable %}", "");
  }
  return lines.join("\n");
}

/** One section of a document in the "real" mix: when it exists, when it was renamed and how it was revised. */
interface SectionPlan {
  /** Which generated text and heading it has. */
  readonly slot: number;
  /** Where it stands among the document's sections. */
  readonly position: number;
  /** The first version that has it, and the first that no longer has it. */
  readonly from: number;
  until: number;
  renamedIn?: number;
  readonly revisions: { readonly version: number; readonly kind: SectionRevision }[];
  /** The section with the retention table. */
  readonly table: boolean;
}

/** The revisions of one document in the "real" mix; the same for every language, as a revision is translated. */
function sectionPlans(size: CorpusSize, doc: number, versions: number): SectionPlan[] {
  const random = prng(seedOf(size.name, doc, "real revisions"));
  const plans: SectionPlan[] = Array.from({ length: size.sections }, (_, slot) => ({ slot, position: slot, from: 0, until: versions, revisions: [], table: slot === TABLE_SECTION }));
  const changedPerVersion = Math.max(1, Math.round(size.sections / 8));
  const total = SECTION_REVISIONS.reduce((n, [, weight]) => n + weight, 0);
  for (let v = 1; v < versions; v++) {
    const alive = () => plans.filter((p) => p.from < v && p.until > v);
    for (let c = 0; c < changedPerVersion; c++) {
      let roll = random() * total;
      const kind = SECTION_REVISIONS.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? "sentence";
      const candidates = alive();
      const target = kind === "table" ? candidates.find((p) => p.table) : pick(random, candidates);
      target?.revisions.push({ version: v, kind });
    }
    if (random() < SECTION_EVENTS.added) {
      const after = pick(random, alive());
      plans.push({ slot: plans.length, position: after.position + 1 / (plans.length + 2), from: v, until: versions, revisions: [], table: false });
    }
    if (random() < SECTION_EVENTS.removed) {
      const removable = alive().filter((p) => !p.table && p.slot !== COOKIE_SECTION);
      if (removable.length > 1) pick(random, removable).until = v;
    }
    if (random() < SECTION_EVENTS.renamed) {
      const target = pick(random, alive());
      target.renamedIn ??= v;
    }
  }
  return plans;
}

/** The section that holds `{% cookieTable %}`, and the one with the retention table in the "real" mix. */
const COOKIE_SECTION = 2;
const TABLE_SECTION = 4;

function realDocumentFile(size: CorpusSize, locale: LocaleSpec, doc: number, version: number, date: string, plans: readonly SectionPlan[]): string {
  const lines = frontMatter(size, locale, doc, version, date);
  const present = plans.filter((p) => p.from <= version && p.until > version).sort((a, b) => a.position - b.position);
  for (const plan of present) {
    const renamed = plan.renamedIn !== undefined && plan.renamedIn <= version;
    const headingRandom = prng(seedOf(size.name, doc, locale.code, plan.slot, renamed ? "renamed heading" : "heading"));
    lines.push(`## ${plan.slot + 1}. ${sentence(headingRandom, locale.letters, 3).slice(0, -1)}`, "");
    let blocks = firstBlocks(size, locale, doc, plan.slot);
    if (plan.table) blocks.push(firstTable(locale, doc, size));
    for (const { version: revision, kind } of plan.revisions) {
      if (revision <= version) blocks = revise(blocks, size, locale, doc, plan.slot, revision, kind);
    }
    const linkText = prng(seedOf(size.name, doc, locale.code, plan.slot, "link-text"));
    for (const block of blocks) lines.push(blockText(block, locale.code, locale.letters, linkText), "");
    if (plan.slot === COOKIE_SECTION) lines.push("{% cookieTable %}", "");
  }
  return lines.join("\n");
}

function siteYaml(size: CorpusSize, locales: readonly LocaleSpec[]): string {
  return [
    `name: Bench ${size.name}`,
    "url: https://legal.bench.example",
    "defaultLocale: en",
    "locales:",
    ...locales.map((l) => `  - { code: ${l.code}, name: "${l.name}" }`),
    "",
  ].join("\n");
}

const COOKIES: readonly { service: string; name: string; category: string; party: string; duration: string; policy?: string }[] = [
  { service: "Bench Inc.", name: "__Host-session", category: "necessary", party: "first", duration: "session" },
  { service: "Bench Inc.", name: "lang", category: "functional", party: "first", duration: "P1Y" },
  { service: "Counter", name: "_cnt", category: "analytics", party: "third", duration: "P13M", policy: "https://counter.example/privacy" },
  { service: "Ads", name: "_ad", category: "marketing", party: "third", duration: "P90D", policy: "https://ads.example/privacy" },
];

function cookiesYaml(size: CorpusSize, locales: readonly LocaleSpec[]): string {
  const lines = ["cookies:"];
  COOKIES.forEach((cookie, i) => {
    lines.push(
      `  - service: ${cookie.service}`,
      `    names: [${cookie.name}]`,
      `    category: ${cookie.category}`,
      `    party: ${cookie.party}`,
      `    duration: ${cookie.duration}`,
      ...(cookie.policy === undefined ? [] : [`    policy: ${cookie.policy}`]),
      "    purpose:",
      // Every language has its purpose, so the build reports no fallback per cookie and language.
      ...locales.map((l) => `      ${l.code}: "${sentence(prng(seedOf(size.name, "cookie", i, l.code)), l.letters, 10)}"`),
    );
  });
  return `${lines.join("\n")}\n`;
}

/**
 * Every file of the corpus, keyed by its path relative to the site root, in a stable order.
 * Includes `published.lock.json` as a site that has been built before commits it, so every
 * measured build does the same work (none of them records new addresses). The rendered texts'
 * fingerprints are left for the first build to record (only a build renders them): the first run
 * writes the lock once more than the others.
 */
export function corpusFiles(size: CorpusSize, revisions: RevisionMix = "real"): Map<string, string> {
  const locales = LOCALES.slice(0, size.locales);
  if (locales.length < size.locales) throw new Error(`The corpus knows ${LOCALES.length} languages; size ${size.name} asks for ${size.locales}.`);
  const files = new Map<string, string>();
  files.set("content/site.yaml", siteYaml(size, locales));
  files.set("content/cookies.yaml", cookiesYaml(size, locales));
  const published = new Map<string, LockEntry>();
  const plans: DocumentPlan[] = Array.from({ length: size.documents }, (_, d) => ({ slug: documentSlug(d), dates: versionDates(d, size.versions) }));
  plans.forEach((plan, d) => {
    const revisedIn = sectionRevisions(size, d, size.versions);
    const plans = revisions === "real" ? sectionPlans(size, d, size.versions) : [];
    plan.dates.forEach((date, v) => {
      const newest = v === plan.dates.length - 1;
      for (const locale of locales) {
        const file = newest ? `content/${plan.slug}/${locale.code}.md` : `content/${plan.slug}/versions/${date}/${locale.code}.md`;
        const text = revisions === "real" ? realDocumentFile(size, locale, d, v, date, plans) : documentFile(size, locale, d, v, date, revisedIn);
        files.set(file, text);
        published.set(paths.version(locale.code, plan.slug, date), { source: file, sourceSha256: sha256(text), lines: lineFingerprints(text) });
      }
    });
  });
  files.set("published.lock.json", lockText(published));
  return files;
}

/** Writes the corpus into `dir`, replacing whatever was there. */
export async function writeCorpus(size: CorpusSize, dir: string, revisions: RevisionMix = "real"): Promise<{ files: number; bytes: number }> {
  await rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const files = corpusFiles(size, revisions);
  const made = new Set<string>();
  for (const [file, text] of files) {
    const target = path.join(dir, file);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await writeFile(target, text);
    bytes += Buffer.byteLength(text);
  }
  return { files: files.size, bytes };
}
