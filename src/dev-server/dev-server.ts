import { mkdir } from "node:fs/promises";
import path from "node:path";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import chokidar from "chokidar";
import { buildSite, type BuildSession } from "../pipeline/build-site.ts";
import { rebuildDocuments, type Rebuild } from "./rebuild-documents.ts";
import { LOCK_FILE } from "../content/published-lock.ts";
import { formatProblem, sortProblems, summarize, type Problem } from "../core/problems.ts";
import { templateErrorLine } from "../rendering/template-error.ts";
import { buildDate } from "../rules/dates.ts";
import { rebuildQueue } from "./rebuild-queue.ts";
import { guardRequests, listenOn, serverOrigin } from "./request-guard.ts";
import { ProblemBanner } from "./problem-banner.ts";
import { overridableDirs } from "../content/site-resources.ts";

export interface ServeOptions {
  readonly root: string;
  readonly port: number;
  /** The address to listen on: the loopback by default, so only this computer sees unpublished text. */
  readonly host?: string;
  readonly strictParity?: boolean;
  readonly threads?: number;
}

/**
 * What an edit asks for: one document built again (`locale` when the file is one language's
 * Markdown, whose pages are then written first), the whole site, the site checked again against
 * `published.lock.json` (an address it lists may no longer be made), or nothing the server can do
 * (`restart`: a site's own `.eleventy.ts` is loaded once, when the command starts).
 */
export type RebuildScope =
  | { readonly kind: "document"; readonly slug: string; readonly locale?: string }
  | { readonly kind: "site" }
  | { readonly kind: "lock" }
  | { readonly kind: "restart"; readonly file: string };

/** The loopback: unpublished documents are served to this computer only unless `--host` says otherwise. */
export const DEFAULT_HOST = "127.0.0.1";
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/** The files at the top of a site's folder that `npm start` watches, with what a change to each asks for. */
const WATCHED_SITE_FILES: ReadonlyMap<string, RebuildScope> = new Map<string, RebuildScope>([
  [LOCK_FILE, { kind: "lock" }],
  [".eleventy.ts", { kind: "restart", file: ".eleventy.ts" }],
]);
const WATCHED_SITE_FOLDERS = ["content", "locales", "templates"];

/**
 * Where `npm start` builds and serves, relative to the site root (git-ignored): never `_site/`, which
 * only `npm run build` writes, so a preview (live-reload script, a looser Content-Security-Policy,
 * an unrecorded build) can never be deployed by mistake.
 */
export const PREVIEW_DIR = ".codicil/preview";

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
  if (parts[0] === "content" && folder !== undefined && !folder.includes(".") && folder !== "") {
    // content/<slug>/<locale>.md or content/<slug>/versions/<date>/<locale>.md
    const file = parts.at(-1) ?? "";
    const isText = file.endsWith(".md") && (parts.length === 3 || (parts.length === 5 && parts[2] === "versions"));
    return { kind: "document", slug: folder, ...(isText && { locale: file.slice(0, -".md".length) }) };
  }
  if (WATCHED_SITE_FOLDERS.includes(parts[0] ?? "")) return { kind: "site" };
  return WATCHED_SITE_FILES.get(relative);
}

/**
 * `npm start`: builds the site into its own folder (`PREVIEW_DIR`), serves it with Eleventy's dev server (live reload),
 * and rebuilds on every edit. An edited document is built again on its own (its pages in the
 * languages whose text changed, when nothing else did), then, if the edit changed what they are
 * made of, the pages that list every document, so an edit shows in about the time one document
 * takes to build, however large the site; a change that concerns every page builds the whole
 * site. Problems are printed as `npm run check` prints them; while anything is wrong nothing is rewritten, so the last good pages
 * stay served. The build date is fixed when the server starts, so every page agrees on which
 * version is in force however long it runs.
 */
export async function serveSite(options: ServeOptions): Promise<never> {
  const root = path.resolve(options.root);
  const outDir = path.join(root, PREVIEW_DIR);
  await mkdir(path.dirname(outDir), { recursive: true });
  const buildOptions = {
    root,
    outDir,
    buildDate: buildDate(),
    liveReload: true,
    recordPublished: false,
    ...(options.strictParity !== undefined && { strictParity: options.strictParity }),
    ...(options.threads !== undefined && { threads: options.threads }),
  };

  // `session` describes what the preview folder holds only after a build that was published; after a failed
  // one (nothing written, or an earlier site served), every edit builds the whole site again.
  let session: BuildSession | undefined;
  let published = false;
  // The errors the terminal shows, on every page served until they are fixed.
  const banner = new ProblemBanner(overridableDirs(root, "templates"));
  const showErrors = (problems: readonly Problem[]) => banner.show(sortProblems(problems).flatMap((p) => (p.severity === "error" ? [formatProblem(p)] : [])));
  const failed = (e: unknown) => {
    const message = failureMessage(e);
    console.error(message);
    banner.show([message]);
  };
  const buildAll = async (): Promise<void> => {
    const started = performance.now();
    try {
      const result = await buildSite(buildOptions);
      session = result.session;
      published = result.built;
      report(result.problems, result.built ? `built the site (${result.filesWritten} files)` : "the site was not built; the previous pages are still served", started);
      showErrors(result.problems);
    } catch (e) {
      // A template error: said once, and the server waits for the fix.
      published = false;
      failed(e);
    }
  };
  await buildAll();

  const server = EleventyDevServer.getServer("codicil", outDir, {
    port: options.port,
    pathPrefix: session?.resources.settings.pathPrefix ?? "/",
    // The changed page is reloaded whole: its notices and table of contents may change too.
    domDiff: false,
    // The address actually bound is printed below; the dev server's own message says "localhost" whatever it is.
    messageOnStart: () => false,
    middleware: [guardRequests((message) => console.error(`dev server: ${message}`)), banner.middleware()],
  });

  // One build at a time, each over every file saved since the one before began (`rebuildQueue`). A
  // rebuild that throws (a template error) is said once, by the queue, and the server waits for
  // the fix.
  const rebuild = async (scopes: readonly RebuildScope[]) => {
    for (const file of new Set(scopes.flatMap((s) => (s.kind === "restart" ? [s.file] : [])))) {
      console.error(`${file} changed: stop npm start and start it again for the build to use it as it is now.`);
    }
    // Nothing to build for such a save alone, unless documents an earlier error held back wait
    // to be tried again (their error may have been the config's).
    const onlyRestart = scopes.every((s) => s.kind === "restart");
    if (onlyRestart && published && session?.unwritten.size === 0) return;
    const edited = new Map<string, Set<string>>();
    for (const scope of scopes) {
      if (scope.kind !== "document") continue;
      const locales = edited.get(scope.slug) ?? new Set<string>();
      if (scope.locale !== undefined) locales.add(scope.locale);
      edited.set(scope.slug, locales);
    }
    let full = !session || !published || scopes.some((s) => s.kind === "site");
    if (!full && session && (edited.size > 0 || onlyRestart || scopes.some((s) => s.kind === "lock"))) {
      const started = performance.now();
      // The documents saved together are checked together, each against the others as they
      // are now. The first one's edited languages are shown as soon as they are written.
      const [firstEdited] = edited;
      const first = firstEdited && { locales: firstEdited[1], written: () => server.reload({}) };
      const result = await rebuildDocuments(session, [...edited.keys()], outDir, first);
      full = result.needsFullBuild;
      if (!full) {
        report(result.problems, rebuildReport(result, [...edited.keys()]), started);
        showErrors(result.problems);
      }
    }
    if (full) await buildAll();
    server.reload({});
  };
  const queue = rebuildQueue(rebuild, (e) => {
    failed(e);
    server.reload({});
  });
  const onChange = (file: string) => {
    const scope = rebuildScope(path.relative(root, file).split(path.sep).join("/"));
    if (scope) queue.add(scope);
  };

  // chokidar rather than Node's recursive fs.watch, which on Linux stops reporting a file once an
  // editor has replaced it (saved by writing a new file and renaming it over the old one). The
  // site's folder is watched, all but three folders and two files ignored (`outsideSiteSources`),
  // so that a folder made later (a site's own locales/) is seen: given a folder that does not
  // exist, chokidar 3 says it is ready before it watches the others' subfolders (every edit in the
  // first moments was missed). The server is announced only once the watcher is ready, so no edit
  // after that goes unnoticed.
  const watcher = chokidar
    .watch(root, { ignoreInitial: true, ignored: outsideSiteSources(root) })
    .on("all", (_event, file) => onChange(file))
    .on("error", (e) => console.error(`watching for changes: ${e instanceof Error ? e.message : String(e)}`));
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  const host = options.host ?? DEFAULT_HOST;
  const address = await listenOn(server.server, options.port, host);
  const prefix = session?.resources.settings.pathPrefix ?? "/";
  const reach = LOOPBACK_HOSTS.has(host) ? "this computer only; --host 0.0.0.0 to share it on your network" : "reachable from other computers on the network";
  console.error(`Server at ${serverOrigin(address)}${prefix} (${reach})`);
  return new Promise<never>(() => undefined);
}

/**
 * What the watcher ignores: everything in the site's folder but content/, locales/, templates/ and
 * the files of `WATCHED_SITE_FILES` (the output above all). chokidar hands the predicate paths with
 * forward slashes whatever the system, so it goes by the first name under the site's folder, as
 * `path.relative` reads either slash.
 */
export function outsideSiteSources(root: string, paths: Pick<typeof path, "relative"> = path): (file: string) => boolean {
  return (file) => {
    const [top = "", ...below] = paths.relative(root, file).split(/[\\/]/);
    if (top === "" || WATCHED_SITE_FOLDERS.includes(top)) return false;
    return !(below.length === 0 && WATCHED_SITE_FILES.has(top));
  };
}

/** "rebuilt privacy, terms (23 files)", or what was not rebuilt, and which held-back documents with it. */
function rebuildReport(result: Rebuild, edited: readonly string[]): string {
  if (edited.length === 0) {
    // published.lock.json changed, or only a file that needs a restart: the site checked again,
    // and the documents an earlier error held back tried again with it.
    if (!result.built) return "checked the site again: nothing was rebuilt, the previous pages are still served";
    if (result.documents.length === 0) return "checked the site again";
    return `checked the site again and rebuilt ${result.documents.join(", ")}, held back by an earlier error (${result.filesWritten} files)`;
  }
  if (result.built) return `rebuilt ${result.documents.join(", ")} (${result.filesWritten} files)`;
  const heldBack = result.documents.filter((slug) => !edited.includes(slug));
  const nor = heldBack.length > 0 ? ` (nor ${heldBack.join(", ")}, held back by an earlier error)` : "";
  return `${edited.join(", ")} ${edited.length > 1 ? "were" : "was"} not rebuilt${nor}; ${edited.length > 1 ? "their" : "its"} previous pages are still served`;
}

function report(problems: readonly Problem[], what: string, started: number): void {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.error(`${what} in ${seconds} s${problems.length > 0 ? `; ${summarize(problems)}` : ""}.`);
}

/** A failed build as the terminal shows it: a template error as `file:line: …`, anything else as thrown. */
function failureMessage(e: unknown): string {
  return templateErrorLine(e) ?? (e instanceof Error ? e.message : String(e));
}
