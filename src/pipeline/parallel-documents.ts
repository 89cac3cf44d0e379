import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { LoadOptions } from "../content/site-resources.ts";
import { entryPoint, RUNS_COMPILED } from "../core/installation.ts";
import { hasErrors } from "../core/problems.ts";
import type { BuiltDocument, LoadedDocument, PageOutput } from "./document-task.ts";

export interface WorkerSetup extends LoadOptions {
  /** Where to write each document's pages; undefined to check only. */
  readonly output?: PageOutput;
}

/**
 * The worker's module. Compiled, it is plain JavaScript. From source it is TypeScript, run through
 * tsx as the command is: a worker does not inherit the module hooks that `--import tsx` installed
 * in the main thread (Node runs hooks per thread), so it installs them itself before importing its
 * module; this also works under the test runner.
 */
function startWorker(setup: WorkerSetup): Worker {
  const entry = entryPoint("document-worker", "src/pipeline/document-worker.ts");
  if (RUNS_COMPILED) return new Worker(entry, { workerData: setup });
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/** A document for a worker to build; `write` is false once the build is known to fail. */
export interface WorkerTask {
  readonly slug: string;
  readonly write: boolean;
}

/** A document loaded (its pages are written next), its pages written, or what went wrong. */
export type WorkerReply =
  | { readonly slug: string; readonly loaded: LoadedDocument }
  | { readonly slug: string; readonly filesWritten: number }
  | { readonly slug: string; readonly error: string };

/**
 * Below this many Markdown files a build stays in one thread: each worker thread loads its modules
 * and warms up on its own, which small sites do not win back (measured: docs/performance.md).
 */
export const PARALLEL_FROM_FILES = 1_000;

/**
 * A site small enough to be loaded whole and written in one Eleventy run, which holds all its pages
 * until it ends: besides the file count, a bound on its Markdown, as one file may be large.
 */
export const ONE_RUN_MAX_BYTES = 32 * 1024 * 1024;

/** Whether a build writes every page in one Eleventy run: small sites, unless threads are asked for. */
export function writesInOneRun(files: number, markdownBytes: () => number, requestedThreads?: number): boolean {
  return requestedThreads === undefined && files < PARALLEL_FROM_FILES && markdownBytes() < ONE_RUN_MAX_BYTES;
}

/** How many threads to build with: one per core, never more than there are documents. */
export function threadsFor(files: number, documents: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, documents));
  if (files < PARALLEL_FROM_FILES) return 1;
  return Math.max(1, Math.min(availableParallelism(), documents));
}

/**
 * Builds documents in worker threads (`worker_threads`: markdown-it, the diffs and Eleventy's
 * rendering are all synchronous JavaScript, so only threads put the second core to work). Each
 * worker takes the next document when it is done with one, so a large document does not hold up
 * the rest. Once every document is loaded, `whenAllLoaded` runs in this thread while the workers
 * write the last pages; the build is done when both are. Documents come back in the order of
 * `slugs`, whatever order the threads finish in, so the build is the same byte for byte. `keep`
 * says what of a loaded document to hold until the build ends.
 */
export async function buildDocumentsInParallel<T>(
  setup: WorkerSetup,
  slugs: readonly string[],
  threads: number,
  whenAllLoaded: (documents: readonly LoadedDocument[]) => Promise<T>,
  keep: (document: LoadedDocument) => LoadedDocument = (document) => document,
): Promise<{ documents: BuiltDocument[]; afterLoading: T }> {
  if (slugs.length === 0) return { documents: [], afterLoading: await whenAllLoaded([]) };
  const loaded = new Map<string, LoadedDocument>();
  const written = new Map<string, number>();
  const queue = [...slugs];
  // Once a document has an error the build will not be published: the rest are still loaded and
  // checked, so that every problem is reported, but their pages are no longer written.
  let write = setup.output !== undefined;
  // Started by the last document's "loaded" message; as a promise's continuation, so that a
  // throw in `whenAllLoaded` is a rejection like any other.
  let everyDocumentLoaded = (): void => undefined;
  const afterLoading = new Promise<void>((resolve) => {
    everyDocumentLoaded = resolve;
  }).then(() => whenAllLoaded(slugs.map((slug) => loaded.get(slug) as LoadedDocument)));
  const workers = Array.from({ length: Math.min(threads, slugs.length) }, () => startWorker(setup));
  try {
    const [result] = await Promise.all([
      afterLoading,
      ...workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let finished = false;
            const next = () => {
              const slug = queue.shift();
              if (slug === undefined) {
                finished = true;
                resolve();
              } else worker.postMessage({ slug, write } satisfies WorkerTask);
            };
            worker.on("message", (reply: WorkerReply) => {
              if ("error" in reply) reject(new Error(reply.error));
              else if ("loaded" in reply) {
                loaded.set(reply.slug, keep(reply.loaded));
                if (hasErrors(reply.loaded.load.problems)) write = false;
                if (loaded.size === slugs.length) everyDocumentLoaded();
              } else {
                written.set(reply.slug, reply.filesWritten);
                next();
              }
            });
            worker.on("error", reject);
            worker.on("exit", (code) => {
              if (!finished) reject(new Error(`A build thread stopped before its work was done (exit code ${code}).`));
            });
            next();
          }),
      ),
    ]);
    const documents = slugs.map((slug) => ({ ...(loaded.get(slug) as LoadedDocument), filesWritten: written.get(slug) ?? 0 }));
    return { documents, afterLoading: result };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    // When a thread failed, the site-wide pages may still be being written into the folder the
    // failed build is about to remove: it is removed once they are done.
    if (loaded.size === slugs.length) await afterLoading.catch(() => undefined);
  }
}
