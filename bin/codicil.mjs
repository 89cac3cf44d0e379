#!/usr/bin/env node
/**
 * The `codicil` command (every npm script runs it). It runs the command line from JavaScript that
 * esbuild compiles from src/ once per change of the sources, instead of through tsx: tsx's loader
 * hooks run every import on a second thread, Eleventy's hundreds of modules included, which cost
 * 0.36 s of a 2.3 s build of the bench's small site (docs/performance.md). Compiling takes about
 * 0.1 s and happens again only when a source file changes, so editing src/ needs no build step.
 *
 * Compiled files go to node_modules/.cache/codicil/<hash of the sources>/, where tools keep caches
 * that `npm ci` discards. A folder is written under a temporary name and renamed when complete, so
 * commands started at the same time (tests) never import half a compilation.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL, URL } from "node:url";

const CODICIL_DIR = fileURLToPath(new URL("..", import.meta.url));
const CACHE_DIR = path.join(CODICIL_DIR, "node_modules", ".cache", "codicil");

/** Entry points, named as src/installation.ts's `entryPoint` finds them. */
const ENTRY_POINTS = {
  main: "src/cli/main.ts",
  "document-worker": "src/build/document-worker.ts",
  "eleventy-config": ".eleventy.ts",
};

/** A compilation a command may still be running from (a dev server) is kept this long after its last use. */
const KEEP_OLD_BUILDS_MS = 24 * 60 * 60 * 1000;

function sourceFiles() {
  const files = [".eleventy.ts", "package-lock.json"];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(CODICIL_DIR, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith(".ts")) files.push(relative);
    }
  };
  walk("src");
  return files.sort();
}

function sourcesHash() {
  const hash = createHash("sha256");
  for (const file of sourceFiles()) hash.update(`${file}\0`).update(readFileSync(path.join(CODICIL_DIR, file))).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/** @param {string} outDir */
async function compile(outDir) {
  // Imported only when compiling: most runs find the compiled code ready.
  const esbuild = await import("esbuild");
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: CODICIL_DIR,
    entryPoints: ENTRY_POINTS,
    outdir: staging,
    bundle: true,
    // Dependencies stay where npm put them; only Codicil's own modules are compiled.
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    // Entry points share their modules (one copy of each in the process), in one flat folder so
    // that `new URL("./document-worker.mjs", import.meta.url)` finds an entry from any chunk.
    splitting: true,
    chunkNames: "[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    sourcemap: "linked",
    logLevel: "error",
  });
  try {
    renameSync(staging, outDir);
  } catch (e) {
    // Another command compiled the same sources first: theirs is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(outDir)) throw e;
  }
  for (const name of readdirSync(CACHE_DIR)) {
    const old = path.join(CACHE_DIR, name);
    if (old !== outDir && Date.now() - statSync(old).mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(old, { recursive: true, force: true });
  }
}

// Eleventy registers a module resolver hook so that its watch mode can re-import changed config
// files; on Node 20 that hook runs on a second thread and every later import waits on it. Codicil
// watches files itself (src/serve/) and hands Eleventy each run's pages, so the hook is never
// needed (Eleventy's documented switch; about 50 ms of a small build).
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";

const outDir = path.join(CACHE_DIR, sourcesHash());
if (existsSync(path.join(outDir, "main.mjs"))) {
  const now = new Date();
  utimesSync(outDir, now, now); // in use: not to be pruned
} else await compile(outDir);
await import(pathToFileURL(path.join(outDir, "main.mjs")).href);
