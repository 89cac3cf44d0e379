import { readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";

/**
 * How long `npm start` takes to show an edit: appends a marker to the first `##` heading of a
 * Markdown file, then polls the served page every 20 ms until it contains the marker, and waits
 * (4 s by default) before the next edit.
 *
 *   npm start -- --root bench/.work/S --port 8091 &        (or bench/.work/M)
 *   node --import tsx bench/edit-latency.ts bench/.work/S/content/policy-01/en.md http://localhost:8091/en/policy-01/ 3
 */
const [file, url, count = "3", pause = "4"] = process.argv.slice(2);
if (!file || !url) throw new Error("usage: edit-latency.ts <markdown file> <page URL> [edits] [seconds between edits]");

function page(address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(address, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

for (let edit = 1; edit <= Number(count); edit++) {
  const marker = `edit${Date.now()}`;
  const text = readFileSync(file, "utf8");
  const heading = /\n## [^\n]+/.exec(text)?.[0];
  if (!heading) throw new Error(`${file} has no ## heading to edit.`);
  const started = performance.now();
  writeFileSync(file, text.replace(heading, `${heading} ${marker}`));
  while (!(await page(url)).includes(marker)) await new Promise((resolve) => setTimeout(resolve, 20));
  console.log(`edit ${edit}: served after ${((performance.now() - started) / 1000).toFixed(2)} s`);
  // An editor reads the page before the next edit; meanwhile the server writes the document's
  // other pages and the site-wide ones, which an edit made at once would have to wait for.
  await new Promise((resolve) => setTimeout(resolve, Number(pause) * 1000));
}
