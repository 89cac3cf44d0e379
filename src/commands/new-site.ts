import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { error, type Problem } from "../core/problems.ts";
import { LOCK_FILE, lockText } from "../content/published-lock.ts";
import { buildDate, isIsoDate } from "../rules/dates.ts";

export interface NewSiteOptions {
  readonly root: string;
  readonly name?: string;
  readonly url?: string;
  /** The date of the first version; defaults to the build date (SOURCE_DATE_EPOCH or today). */
  readonly date?: string;
}

/**
 * `npm run new-site`: a clone of this repository becomes a new site. The example's `content/`
 * (documents, site.yaml, cookies.yaml) gives way to a skeleton that passes `npm run check`, and the
 * lock starts empty, since none of the example's addresses are the new site's. Codicil's own
 * `locales/` and `templates/` stay: they are the defaults every site is rendered with.
 */
export async function startNewSite(options: NewSiteOptions): Promise<{ problems: Problem[]; written?: string[] }> {
  const root = path.resolve(options.root);
  const date = options.date ?? buildDate();
  const url = options.url ?? "https://legal.example.com";
  const problems: Problem[] = [];
  if (!isIsoDate(date)) problems.push(error("content/", 1, `the date "${date}" is not a date in YYYY-MM-DD form.`));
  if (!/^https?:\/\/[^/\s]+/.test(url)) problems.push(error("content/site.yaml", 2, `url "${url}" must be an absolute address such as https://legal.example.com (--url).`));
  if (!existsSync(path.join(root, "package.json"))) problems.push(error("content/", 1, `${root} is not a Codicil repository (no package.json); run npm run new-site in your clone.`));
  if (problems.length > 0) return { problems };

  const files = new Map<string, string>([
    [
      "content/site.yaml",
      `# The site's settings (docs/content.md). Add languages under locales, one document folder per document.\nname: ${JSON.stringify(options.name ?? "Example Ltd")}\nurl: ${url}\ndefaultLocale: en\nlocales:\n  - { code: en, name: English }\n`,
    ],
    [
      "content/privacy/en.md",
      `---\ntitle: Privacy Policy\nversion: "1"\nupdated: ${date}\n---\n\n## Who we are\n\nSay who is responsible for the personal data this policy covers, and how to reach them.\n\n## What we collect\n\nList the personal data you collect, why, and how long you keep it.\n`,
    ],
    [LOCK_FILE, lockText(new Map())],
  ]);
  await rm(path.join(root, "content"), { recursive: true, force: true });
  for (const [file, text] of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return { problems, written: [...files.keys()] };
}
