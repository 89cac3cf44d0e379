import { parentPort, workerData } from "node:worker_threads";
import { DocumentFileCache } from "../content/file-cache.ts";
import { loadSiteResources } from "../content/site-resources.ts";
import { errorMessages } from "../core/problems.ts";
import { buildDocument, type LoadedDocument } from "./document-task.ts";
import type { WorkerReply, WorkerSetup, WorkerTask } from "./parallel-documents.ts";

/**
 * A worker thread of a parallel build: loads the site's resources once (settings, UI strings,
 * cookie tables; their problems are the main thread's to report), then builds each document it is
 * sent, one at a time: it says so once the document is loaded (what the main thread needs for the
 * rules across documents and the site-wide pages), and again once its pages are written.
 */
const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error("document-worker.ts runs as a worker thread only.");
const { resources } = await loadSiteResources(setup);

port.on("message", ({ slug, write }: WorkerTask) => {
  const reply = async (): Promise<WorkerReply> => {
    if (!resources) return { slug, error: "content/site.yaml could not be read in a worker thread." };
    const loaded = (document: LoadedDocument) => port.postMessage({ slug, loaded: document } satisfies WorkerReply);
    // Under `npm start` only the fingerprints are wanted: the main thread's rebuilds keep their own caches.
    const cache = setup.output?.liveReload ? new DocumentFileCache() : undefined;
    const { filesWritten } = await buildDocument(resources, slug, write ? setup.output : undefined, loaded, cache);
    return { slug, filesWritten };
  };
  reply().then(
    (message) => port.postMessage(message),
    // An error crosses threads as text: every message down its chain, so the command can still
    // find the template file and line in it.
    (e: unknown) => port.postMessage({ slug, error: errorMessages(e).join("\n") || String(e) } satisfies WorkerReply),
  );
});
