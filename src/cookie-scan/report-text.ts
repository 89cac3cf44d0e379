import type { ScanReport } from "./scan.ts";

const OUTCOMES: Readonly<Record<ScanReport["pages"][number]["outcome"], string>> = {
  visited: "visited",
  "timed-out": "timed out",
  failed: "failed",
  "left-site": "left the site",
};

/** The report for a terminal or a CI log: what was visited, seen, and wrong, then the stubs. */
export function reportText(report: ScanReport, maxPages: number): string {
  const lines: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `Scanned ${report.startUrl} (first party: ${report.site}): ${plural(report.pages.length, "page")}, ${plural(report.cookies.length, "cookie")}, ${plural(report.storage.length, "storage key")}.`,
  );
  for (const page of report.pages) lines.push(`  ${page.url}: ${OUTCOMES[page.outcome]}${page.note ? ` (${page.note})` : ""}`);
  if (report.notVisited.length > 0) {
    const shown = report.notVisited.slice(0, 10);
    lines.push(`More pages than --pages ${maxPages}; not visited: ${shown.join(", ")}${report.notVisited.length > shown.length ? ` and ${report.notVisited.length - shown.length} more` : ""}.`);
  }
  if (report.click) lines.push(report.click.clicked ? `Clicked ${report.click.selector} on the first page.` : `Could not click ${report.click.selector}: ${report.click.note ?? "no reason given"}.`);
  if (report.cookies.length > 0) {
    lines.push("", "Cookies (name, party, set by, lifetime, first seen on):");
    for (const c of report.cookies) {
      lines.push(`  ${c.name}  ${c.party}  ${c.domain}  ${c.lifetime}  ${c.firstPage}${c.refused ? `  (refused by Chromium: ${c.refused})` : ""}`);
    }
  }
  if (report.storage.length > 0) {
    lines.push("", "Web storage keys (not cookies, not in the registry; mention them in the policy where they hold personal data):");
    for (const s of report.storage) lines.push(`  ${s.area}  ${s.origin}  ${s.key}  ${s.firstPage}`);
  }
  lines.push("", `Against the registry (entries in force on ${report.registryDate}):`);
  if (report.findings.length === 0) lines.push("  every cookie seen is declared as it was seen.");
  for (const f of report.findings) lines.push(`${f.file}:${f.line}: ${f.severity === "note" ? "note: " : ""}${f.message}`);
  if (report.stubsYaml) {
    lines.push("", "Paste under cookies: in content/cookies.yaml, then write each purpose and check each guess:", "", report.stubsYaml);
  }
  const errors = report.findings.filter((f) => f.severity === "error").length;
  lines.push("", errors === 0 ? "The registry matches what the site sets." : `${plural(errors, "error")}: the registry does not match what the site sets.`);
  return lines.join("\n");
}
