import { watch } from "node:fs";
import path from "node:path";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { buildSite, rebuildDocument, type BuildSession } from "../build/build-site.ts";
import { formatProblem, sortProblems, summarize, type Problem } from "../problems.ts";

export interface ServeOptions {
  readonly root: string;
  readonly port: number;
  readonly strictParity?: boolean;
  readonly threads?: number;
}

/** What an edit asks for: one document built again, or the whole site. */
export type RebuildScope = { readonly kind: "document"; readonly slug: string } | { readonly kind: "site" };

/**
 * Which rebuild a changed file needs. A file inside a document's folder concerns that document
 * only; site.yaml, cookies.yaml, a locale file or a template concerns every page. `relative` is
 * the path from the site root, with forward slashes.
 */
export function rebuildScope(relative: string): RebuildScope | undefined {
  const parts = relative.split("/");
  const folder = parts[1];
  // content/<slug> itself (a document folder added, removed or renamed) or anything inside it;
  // the files next to the folders (site.yaml, cookies.yaml) have a dot in their names, slugs do not.
  if (parts[0] === "content" && folder !== undefined && !folder.includes(".") && folder !== "") return { kind: "document", slug: folder };
  if (parts[0] === "content" || parts[0] === "locales" || parts[0] === "templates") return { kind: "site" };
  return undefined;
}

/**
 * `npm start`: builds the site into `_site/`, serves it with Eleventy's dev server (live reload),
 * and rebuilds on every edit. An edited document is built again on its own, then the pages that
 * list every document, so an edit shows in about the time one document takes to build, however
 * large the site; a change that concerns every page builds the whole site. Problems are printed as
 * `npm run check` prints them; pages with errors are not rewritten, so the last good ones stay.
 */
export async function serveSite(options: ServeOptions): Promise<never> {
  const root = path.resolve(options.root);
  const outDir = path.join(root, "_site");
  const buildOptions = {
    root,
    outDir,
    liveReload: true,
    recordPublished: false,
    ...(options.strictParity !== undefined && { strictParity: options.strictParity }),
    ...(options.threads !== undefined && { threads: options.threads }),
  };

  let session: BuildSession | undefined;
  const buildAll = async (): Promise<void> => {
    const started = performance.now();
    const result = await buildSite(buildOptions);
    session = result.session;
    report(result.problems, result.built ? `built the site (${result.filesWritten} files)` : "the site was not built", started);
  };
  await buildAll();

  const server = EleventyDevServer.getServer("codicil", outDir, {
    port: options.port,
    pathPrefix: session?.resources.settings.pathPrefix ?? "/",
    // The changed page is reloaded whole: its notices and table of contents may change too.
    domDiff: false,
  });
  server.serve(options.port);

  // Edits come in bursts (an editor saves several files, `git checkout` changes many): they are
  // collected for a moment and built together, one build at a time.
  let pending = new Map<string, RebuildScope>();
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<void> = Promise.resolve();
  const rebuild = async (scopes: readonly RebuildScope[]) => {
    try {
      const slugs = [...new Set(scopes.flatMap((s) => (s.kind === "document" ? [s.slug] : [])))];
      let full = !session || scopes.some((s) => s.kind === "site");
      for (const slug of full ? [] : slugs) {
        const started = performance.now();
        const result = await rebuildDocument(session as BuildSession, slug, outDir);
        if (result.needsFullBuild) {
          full = true;
          break;
        }
        report(result.problems, `rebuilt ${slug} (${result.filesWritten} files)`, started);
      }
      if (full) await buildAll();
      server.reload({});
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
    }
  };
  const onChange = (relative: string) => {
    const scope = rebuildScope(relative.split(path.sep).join("/"));
    if (!scope) return;
    pending.set(scope.kind === "site" ? "" : scope.slug, scope);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const scopes = [...pending.values()];
      pending = new Map();
      building = building.then(() => rebuild(scopes));
    }, 50);
  };
  for (const folder of ["content", "locales", "templates"]) {
    try {
      watch(path.join(root, folder), { recursive: true }, (_event, file) => {
        if (file) onChange(path.join(folder, file.toString()));
      });
    } catch {
      // A site need not have its own locales/ or templates/: Codicil's are used then.
    }
  }
  return new Promise<never>(() => undefined);
}

function report(problems: readonly Problem[], what: string, started: number): void {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.error(`${what} in ${seconds} s${problems.length > 0 ? `; ${summarize(problems)}` : ""}.`);
}
