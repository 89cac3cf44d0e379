import { describe, expect, it } from "vitest";
import path from "node:path";
import { COMPARISON_BOUNDS, compareSections, type Comparison, type ComparisonBounds, type SectionChange } from "../../../src/diff/compare.ts";
import { renderMarkdown } from "../../../src/markdown/renderer.ts";
import type { TextSection } from "../../../src/model/text.ts";
import { createTemplateEnvironment } from "../../../src/templating/environment.ts";
import { PARAGRAPH_REVISIONS } from "../../fixtures/revisions/paragraphs.ts";
import { markedBlock } from "../../support/comparisons.ts";
import { REPO } from "../../support/sites.ts";
import { shippedTranslator } from "../content/cookies/support.ts";

/** Sections as the loader makes them, from Markdown. */
const sections = (markdown: string) => renderMarkdown(markdown, { file: "x.md", bodyLine: 1, pathPrefix: "/", permalinkLabel: (h) => h }).sections;
const compare = (older: string, newer: string, bounds?: ComparisonBounds): Comparison => compareSections(sections(older), sections(newer), bounds);
const marked = (s: SectionChange | undefined) => (s?.blocks ?? []).flatMap(markedBlock);
/** Each section that is not unchanged: `heading (status)` and its marked lines. */
const changed = (c: Comparison) =>
  c.sections.filter((s) => s.status !== "unchanged").map((s) => ({ section: `${s.previousHeading ? `${s.previousHeading} → ` : ""}${s.heading} (${s.status}${s.textChanged ? "" : ", same text"})`, lines: marked(s) }));

const PURPOSES = `## Why we use your data

| Purpose | Data used | Legal basis (GDPR) |
|---|---|---|
| Running your account and syncing your notes | Account details, encrypted notes | Art. 6(1)(b): our contract with you |
| Keeping the service secure | Server logs | Art. 6(1)(f): our legitimate interest in a secure service |
| Answering your messages | What you write to us | Art. 6(1)(b) or (f) |
`;

describe("small edits stay small: the threshold on real revisions", () => {
  const section = (text: string): TextSection[] => [{ id: "s", heading: "S", level: 2, blocks: [{ kind: "paragraph", text, targets: [] }] }];
  it.each(PARAGRAPH_REVISIONS)("$name: $shown", ({ older, newer, shown }) => {
    const blocks = compareSections(section(older), section(newer)).sections[0]?.blocks ?? [];
    if (shown === "edited") {
      expect(blocks).toHaveLength(1);
      expect(blocks[0]?.status).toBe("changed");
      // Unchanged words stay plain: some text is neither inserted nor deleted.
      expect(blocks[0]?.kind === "paragraph" && blocks[0].segments.some((s) => s.kind === "same" && s.text.trim() !== "")).toBe(true);
    } else {
      expect(blocks.map((b) => b.status)).toEqual(["deleted", "inserted"]);
    }
  });

  it("marks only the changed words of the example site's cookie paragraph", () => {
    const older = "## Our website\n\nOur website uses no analytics or advertising tools. It sets one cookie to keep you signed in to the account area and one to remember your language.\n";
    const newer = "## Our website\n\nOur website uses no analytics or advertising tools. It sets only the few cookies it needs, which our [Cookie Policy](/en/cookies/) describes.\n";
    expect(changed(compare(older, newer))).toEqual([
      {
        section: "Our website (changed)",
        lines: [
          "Our website uses no analytics or advertising tools. It sets [-one cookie to keep you signed in to-][+only+] the [-account area and one to remember your language-][+few cookies it needs, which our Cookie Policy describes+]. {link:  → /en/cookies/}",
        ],
      },
    ]);
  });
});

interface RevisionCase {
  readonly name: string;
  readonly older: string;
  readonly newer: string;
  readonly changes: ReturnType<typeof changed>;
  readonly targetChanges?: number;
}

const CASES: RevisionCase[] = [
  {
    name: "a table row added (the example site's purposes table)",
    older: PURPOSES,
    newer: PURPOSES.replace("| Keeping", "| Fixing crashes | Crash reports, if you turn them on | Art. 6(1)(a): your consent |\n| Keeping"),
    changes: [
      {
        section: "Why we use your data (changed)",
        lines: [
          "Purpose | Data used | Legal basis (GDPR)",
          "Running your account and syncing your notes | Account details, encrypted notes | Art. 6(1)(b): our contract with you",
          "[+Fixing crashes+] | [+Crash reports, if you turn them on+] | [+Art. 6(1)(a): your consent+]",
          "Keeping the service secure | Server logs | Art. 6(1)(f): our legitimate interest in a secure service",
          "Answering your messages | What you write to us | Art. 6(1)(b) or (f)",
        ],
      },
    ],
  },
  {
    name: "a table cell edited",
    older: PURPOSES,
    newer: PURPOSES.replace("| Server logs |", "| Server logs and IP addresses |"),
    changes: [
      {
        section: "Why we use your data (changed)",
        lines: [
          "Purpose | Data used | Legal basis (GDPR)",
          "Running your account and syncing your notes | Account details, encrypted notes | Art. 6(1)(b): our contract with you",
          "Keeping the service secure | Server logs [+and IP addresses+] | Art. 6(1)(f): our legitimate interest in a secure service",
          "Answering your messages | What you write to us | Art. 6(1)(b) or (f)",
        ],
      },
    ],
  },
  {
    name: "a table column added",
    older: "## Retention\n\n| Data | Kept for |\n|---|---|\n| Server logs | 30 days |\n| Invoices | 10 years |\n",
    newer: "## Retention\n\n| Data | Kept for | Why |\n|---|---|---|\n| Server logs | 30 days | Security |\n| Invoices | 10 years | Tax law |\n",
    changes: [{ section: "Retention (changed)", lines: ["Data | Kept for | [+Why+]", "Server logs | 30 days | [+Security+]", "Invoices | 10 years | [+Tax law+]"] }],
  },
  {
    name: "a table row removed and a column renamed",
    older: "## Retention\n\n| Data | Kept |\n|---|---|\n| Server logs | 30 days |\n| Backups | 90 days |\n| Invoices | 10 years |\n",
    newer: "## Retention\n\n| Data | Kept for |\n|---|---|\n| Server logs | 30 days |\n| Invoices | 10 years |\n",
    changes: [{ section: "Retention (changed)", lines: ["Data | Kept [+for+]", "Server logs | 30 days", "[-Backups-] | [-90 days-]", "Invoices | 10 years"] }],
  },
  {
    name: "a paragraph removed after an edited table stays after it",
    older: "## Retention\n\n| Data | Kept for |\n|---|---|\n| Server logs | 30 days |\n\nBackups disappear within a further 35 days.\n\nAsk us for details.\n",
    newer: "## Retention\n\n| Data | Kept for |\n|---|---|\n| Server logs | 14 days |\n\nAsk us for details.\n",
    changes: [{ section: "Retention (changed)", lines: ["Data | Kept for", "Server logs | [-30-][+14+] days", "[-Backups disappear within a further 35 days.-]", "Ask us for details."] }],
  },
  {
    name: "a list item added, one edited, a nested item added",
    older: "## Your rights\n\n- access your data\n- erase your data\n- object to processing\n  - for direct marketing\n",
    newer: "## Your rights\n\n- access your data\n- rectify your data\n- erase your data at any time\n- object to processing\n  - for direct marketing\n  - for profiling\n",
    changes: [
      {
        section: "Your rights (changed)",
        lines: ["- access your data", "- [+rectify your data+]", "- erase your data [+at any time+]", "- object to processing", "  - for direct marketing", "  - [+for profiling+]"],
      },
    ],
  },
  {
    name: "a numbered list item removed",
    older: "## Steps\n\n1. Open the settings.\n2. Choose Account.\n3. Press Delete.\n",
    newer: "## Steps\n\n1. Open the settings.\n2. Press Delete.\n",
    changes: [{ section: "Steps (changed)", lines: ["1. Open the settings.", "1. [-Choose Account.-]", "1. Press Delete."] }],
  },
  {
    name: "only a link target changed (an address fixed after it went dead)",
    older: "## Complaints\n\nYou may complain to the [supervisory authority](https://datenschutz-hamburg.de/old-page).\n",
    newer: "## Complaints\n\nYou may complain to the [supervisory authority](https://datenschutz-hamburg.de/kontakt).\n",
    changes: [
      {
        section: "Complaints (changed)",
        lines: ["You may complain to the supervisory authority. {link: https://datenschutz-hamburg.de/old-page → https://datenschutz-hamburg.de/kontakt}"],
      },
    ],
    targetChanges: 1,
  },
  {
    name: "an image source changed",
    older: "## Signature\n\n![Signature of the managing director](/img/signature-2023.png)\n",
    newer: "## Signature\n\n![Signature of the managing director](/img/signature-2025.png)\n",
    changes: [{ section: "Signature (changed)", lines: ["Signature of the managing director {image: /img/signature-2023.png → /img/signature-2025.png}"] }],
    targetChanges: 1,
  },
  {
    name: "an explicit id changed",
    older: '## Contact\n\n<p id="dpo">Our data protection officer: dpo@example.com</p>\n',
    newer: '## Contact\n\n<p id="data-protection-officer">Our data protection officer: dpo@example.com</p>\n',
    changes: [{ section: "Contact (changed)", lines: ["Our data protection officer: dpo@example.com {id: dpo → data-protection-officer}"] }],
    targetChanges: 1,
  },
  {
    name: "a link target in a list item changed",
    older: "## Processors\n\n- [Hetzner](https://www.hetzner.com/legal/privacy)\n- Stripe\n",
    newer: "## Processors\n\n- [Hetzner](https://www.hetzner.com/legal/privacy-policy)\n- Stripe\n",
    changes: [{ section: "Processors (changed)", lines: ["- Hetzner {link: https://www.hetzner.com/legal/privacy → https://www.hetzner.com/legal/privacy-policy}", "- Stripe"] }],
    targetChanges: 1,
  },
  {
    name: "a one-word edit",
    older: "## Retention\n\nWe keep server logs for 30 days.\n",
    newer: "## Retention\n\nWe keep server logs for 14 days.\n",
    changes: [{ section: "Retention (changed)", lines: ["We keep server logs for [-30-][+14+] days."] }],
  },
  {
    name: "a section renamed while another is added after it",
    older: "## Searching in the dash\n\nType a few letters.\n\n## Contact\n\nWrite to us.\n",
    newer: "## Searching in the dash (Ubuntu 12.10 to 15.10)\n\nType a few letters.\n\n## Searching in GNOME\n\nPress the Super key.\n\n## Contact\n\nWrite to us.\n",
    changes: [
      { section: "Searching in the dash → Searching in the dash (Ubuntu 12.10 to 15.10) (renamed, same text)", lines: [] },
      { section: "Searching in GNOME (added)", lines: ["[+Press the Super key.+]"] },
    ],
  },
  {
    name: "a section renamed and edited",
    older: "## Retention\n\nWe keep logs for 30 days.\n\n## Contact\n\nWrite to us.\n",
    newer: "## How long we keep data\n\nWe keep logs for 14 days.\n\n## Contact\n\nWrite to us.\n",
    changes: [{ section: "Retention → How long we keep data (renamed)", lines: ["We keep logs for [-30-][+14+] days."] }],
  },
  {
    name: "a section moved (its place among the sections changed)",
    older: "## Scope\n\nThe app.\n\n## Retention\n\n30 days.\n\n## Contact\n\nWrite to us.\n",
    newer: "## Scope\n\nThe app.\n\n## Contact\n\nWrite to us.\n\n## Retention\n\n30 days.\n",
    changes: [{ section: "Retention (moved, same text)", lines: [] }],
  },
  {
    name: "a section whose heading and text both changed beyond recognition: removed and added",
    older: "## Newsletter\n\nWe send a monthly newsletter.\n",
    newer: "## Crash reports\n\nThe app may send crash reports.\n",
    changes: [
      { section: "Newsletter (removed)", lines: ["[-We send a monthly newsletter.-]"] },
      { section: "Crash reports (added)", lines: ["[+The app may send crash reports.+]"] },
    ],
  },
];

describe("what a changes page shows of realistic revisions", () => {
  it.each(CASES)("$name", ({ older, newer, changes, targetChanges = 0 }) => {
    const c = compare(older, newer);
    expect(changed(c)).toEqual(changes);
    expect(c.targetChanges).toBe(targetChanges);
  });

  it("counts renamed sections apart from changed and moved ones", () => {
    const renamed = CASES.find((c) => c.name.startsWith("a section renamed while")) as RevisionCase;
    expect(compare(renamed.older, renamed.newer).counts).toEqual({ unchanged: 1, changed: 0, renamed: 1, moved: 0, added: 1, removed: 0 });
  });
});

describe("the changes macro prints compared text as accessible HTML", () => {
  const render = async (older: string, newer: string) => {
    const translator = await shippedTranslator();
    const environment = createTemplateEnvironment([path.join(REPO, "templates")]);
    environment.addFilter("t", (key: string, locale: string, values?: Record<string, unknown>) => translator.t(locale, key, values));
    const blocks = compare(older, newer).sections.flatMap((s) => s.blocks);
    return environment.renderString('{% import "macros/changes.njk" as marks %}{% for block in blocks %}{{ marks.block(block, "en") }}{% endfor %}', { blocks }).trim();
  };
  const INS = (text: string) => `<ins><span class="visually-hidden">[added: </span>${text}<span class="visually-hidden">]</span></ins>`;
  const DEL = (text: string) => `<del><span class="visually-hidden">[removed: </span>${text}<span class="visually-hidden">]</span></del>`;

  it("a table with a header row, row headers, and an added row and column said in words", async () => {
    const older = "## Retention\n\n| Data | Kept for |\n|---|---|\n| Server logs | 30 days |\n";
    const newer = "## Retention\n\n| Data | Kept for | Why |\n|---|---|---|\n| Server logs | 14 days | Security |\n| Invoices | 10 years | Tax law |\n";
    expect(await render(older, newer)).toBe(
      [
        '<table class="changes-table">',
        `<thead><tr><th scope="col">Data</th><th scope="col">Kept for</th><th scope="col" class="changes-column-inserted"><span class="visually-hidden">Column added: </span>${INS("Why")}</th></tr></thead>`,
        "<tbody>",
        `<tr class="changes-row-changed"><th scope="row">Server logs</th><td>${DEL("30")}${INS("14")} days</td><td class="changes-column-inserted">${INS("Security")}</td></tr>`,
        `<tr class="changes-row-inserted"><th scope="row"><span class="visually-hidden">Row added: </span>${INS("Invoices")}</th><td>${INS("10 years")}</td><td class="changes-column-inserted">${INS("Tax law")}</td></tr>`,
        "</tbody>",
        "</table>",
      ].join("\n"),
    );
  });

  it("a nested list item by item", async () => {
    const older = "## Rights\n\n- access\n- object\n  - to marketing\n";
    const newer = "## Rights\n\n- access\n- erasure\n- object\n  - to marketing\n  - to profiling\n";
    expect(await render(older, newer)).toBe(
      `<ul class="changes-list"><li>access</li><li>${INS("erasure")}</li><li>object<ul class="changes-list"><li>to marketing</li><li>${INS("to profiling")}</li></ul></li></ul>`,
    );
  });

  it("a changed link target written out, the old address removed and the new one added", async () => {
    const older = "## Complaints\n\nWrite to the [authority](https://old.example/complaints).\n";
    const newer = "## Complaints\n\nWrite to the [authority](https://new.example/complaints).\n";
    expect(await render(older, newer)).toBe(
      `<p>Write to the authority.</p><ul class="changes-targets"><li>Link address changed: ${DEL("https://old.example/complaints")} → ${INS("https://new.example/complaints")}</li></ul>`,
    );
  });
});

describe("bounded: large tables and lists stop at the work counter", () => {
  const table = (rows: number, cell: (r: number) => string) => `## T\n\n| A | B |\n|---|---|\n${Array.from({ length: rows }, (_, r) => `| ${cell(r)} | x |`).join("\n")}\n`;
  const list = (items: number, text: (i: number) => string) => `## L\n\n${Array.from({ length: items }, (_, i) => `- ${text(i)}`).join("\n")}\n`;
  const UNBOUNDED: ComparisonBounds = { sectionWork: Number.MAX_SAFE_INTEGER, pageWork: Number.MAX_SAFE_INTEGER, paragraphEdits: Number.MAX_SAFE_INTEGER, sectionEdits: Number.MAX_SAFE_INTEGER };

  it.each([
    { name: "a table of 3,000 rows wholly rewritten", older: table(3_000, (r) => `row ${r}`), newer: table(3_000, (r) => `line ${r * 7}`) },
    { name: "a list of 3,000 items wholly rewritten", older: list(3_000, (i) => `item ${i}`), newer: list(3_000, (i) => `point ${i * 7}`) },
  ])("$name: beyond the edits bound, shown replaced with the note", ({ older, newer }) => {
    const section = compare(older, newer, COMPARISON_BOUNDS).sections[0];
    expect(section?.tooLarge).toBe(true);
    expect(section?.blocks.map((b) => b.status)).toEqual(["deleted", "inserted"]);
  });

  it.each([
    { name: "a table with every cell edited", older: table(200, (r) => `row number ${r} of the table`), newer: table(200, (r) => `row number ${r} of the big table`) },
    { name: "a list with every item edited", older: list(200, (i) => `item number ${i} of the list`), newer: list(200, (i) => `item number ${i} of the long list`) },
  ])("$name: within the edits bound, the section's work still stops it", ({ older, newer }) => {
    expect(compare(older, newer, UNBOUNDED).sections[0]?.tooLarge).toBeUndefined();
    const bounded = compare(older, newer, { ...UNBOUNDED, sectionWork: 20_000 }).sections[0];
    expect(bounded?.tooLarge).toBe(true);
    expect(bounded?.blocks.map((b) => b.status)).toEqual(["deleted", "inserted"]);
  });

  it("pairing renamed sections takes its work from the page: past it, sections are removed and added", () => {
    const doc = (heading: (i: number) => string) => Array.from({ length: 300 }, (_, i) => `## ${heading(i)}\n\nText ${i}.\n`).join("\n");
    const older = doc((i) => `Old heading ${i}`);
    const newer = doc((i) => `New title ${i * 7}`);
    const unbounded = compare(older, newer, UNBOUNDED);
    expect(unbounded.counts.renamed).toBe(300);
    const bounded = compare(older, newer, { ...UNBOUNDED, pageWork: 50_000 });
    expect(bounded.counts.renamed).toBeLessThan(300);
    expect(bounded.counts.renamed + bounded.counts.added).toBe(300);
  });
});
