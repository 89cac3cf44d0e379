import { realpathSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Why a document's `layout` cannot be used, or undefined. The layout is included as a Nunjucks
 * template from the site's templates/ (then Codicil's), so it must be a relative path to a `.njk`
 * file that really lies inside one of them: `../package.json`, an absolute path or a symbolic link
 * out of templates/ would render another file of the repository as the page.
 */
export function layoutProblem(layout: string, templateDirs: readonly string[]): string | undefined {
  const example = "use a path under templates/ such as layouts/plain.njk";
  if (path.posix.isAbsolute(layout) || path.win32.isAbsolute(layout)) return `layout "${layout}" is an absolute path; ${example}.`;
  if (layout.includes("\\")) return `layout "${layout}" has a backslash; write forward slashes, ${example}.`;
  if (layout.split("/").some((segment) => segment === ".." || segment === ".")) return `layout "${layout}" leads out of templates/ with "." or ".."; ${example}.`;
  if (!layout.endsWith(".njk")) return `layout "${layout}" is not a Nunjucks template (.njk); ${example}.`;
  for (const dir of templateDirs) {
    const candidate = path.join(dir, layout);
    let real: string;
    try {
      if (!statSync(candidate).isFile()) continue;
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    const inside = path.relative(realpathSync(dir), real);
    if (inside.startsWith("..") || path.isAbsolute(inside)) return `layout "${layout}" is a link to a file outside templates/ (${real}); copy the template into templates/ instead.`;
    return undefined;
  }
  return `layout "${layout}" does not exist under templates/; ${example} (the default is layouts/document.njk).`;
}
