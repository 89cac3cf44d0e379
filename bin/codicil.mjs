#!/usr/bin/env node
/**
 * The `codicil` command (every npm script runs it). It runs the command line from JavaScript that
 * esbuild compiles from src/ once per change of the sources, instead of through tsx: tsx's loader
 * hooks run every import on a second thread, Eleventy's hundreds of modules included, which cost
 * 0.36 s of a 2.3 s build of the bench's small site (docs/performance-history.md). Compiling takes about
 * 0.7 s and happens again only when a source file changes, so editing src/ needs no build step.
 *
 * Compiled files go to node_modules/.cache/codicil/<hash of the sources>/, where tools keep caches
 * that `npm ci` discards; they must sit under node_modules' parent for their imports of packages
 * to resolve. A folder is written under a temporary name and renamed when complete, so commands
 * started at the same time (tests) never import half a compilation. Where that folder cannot be
 * written (node_modules owned by another user, or read-only), or for a site with its own
 * `.eleventy.ts`, the sources run through tsx. A library compiled in and patched in place
 * (patch-package, `npm link`) without a change to package-lock.json needs that folder deleted.
 */
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL, URL } from "node:url";
import { parseArgs } from "node:util";

const CODICIL_DIR = fileURLToPath(new URL("..", import.meta.url));
const CACHE_DIR = path.join(CODICIL_DIR, "node_modules", ".cache", "codicil");

/** Entry points, named as src/core/installation.ts's `entryPoint` finds them. */
const ENTRY_POINTS = {
  main: "src/commands/main.ts",
  "document-worker": "src/pipeline/document-worker.ts",
  "eleventy-config": ".eleventy.ts",
};

/**
 * A compilation not used for this long is deleted when another is made. "Used" means a command
 * started from it; a dev server running from an older compilation for longer than this could lose
 * the files its worker threads load.
 */
const KEEP_UNUSED_BUILDS_MS = 7 * 24 * 60 * 60 * 1000;

/** Everything the compilation depends on: the sources, this file, the compiler settings, the dependencies. */
function sourceFiles() {
  // An installed package has no package-lock.json (npm leaves it out); its package.json names the versions.
  const lock = existsSync(path.join(CODICIL_DIR, "package-lock.json")) ? "package-lock.json" : "package.json";
  const files = [".eleventy.ts", "bin/codicil.mjs", lock, "tsconfig.json"];
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
  // The compiled libraries find their own files at the address they had when compiled (see
  // `dependencies`): a checkout moved or copied elsewhere compiles again.
  const nodeModules = path.join(CODICIL_DIR, "node_modules");
  hash.update(`${existsSync(nodeModules) ? realpathSync(nodeModules) : nodeModules}\0`);
  for (const file of sourceFiles()) hash.update(`${file}\0`).update(readFileSync(path.join(CODICIL_DIR, file))).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/** @param {string} dir */
const isComplete = (dir) => Object.keys(ENTRY_POINTS).every((name) => existsSync(path.join(dir, `${name}.mjs`)));

/**
 * Deletes a folder that another command may be reading or deleting too: renamed out of the way
 * first (a rename is atomic), so no command ever sees it half deleted under its usual name.
 * @param {string} dir
 */
function discard(dir) {
  const trash = `${dir}.trash-${process.pid}-${Date.now()}`;
  try {
    renameSync(dir, trash);
    rmSync(trash, { recursive: true, force: true });
  } catch {
    // Gone already, being discarded by another command, or not ours to delete: the command goes on.
  }
}

/**
 * Dependencies compiled in with Codicil's own modules, with everything they import in turn:
 * hundreds of small modules (Eleventy alone loads some 300 files, zod 99) that Node would otherwise
 * find, read and link one by one. Compiled in, a build of the bench's small site starts about
 * 0.25 s sooner (docs/performance-history.md). Eleventy, nunjucks and markdown-it go in together, so that
 * Codicil and Eleventy still share one copy of each. What stays where npm put it: the tools that
 * run programs or find files of their own (`NEVER_COMPILED_IN`, verify's checkers, tsx), and any
 * new dependency until it is known to work compiled in.
 */
const COMPILED_IN = new Set(["@11ty/eleventy", "@jest/diff-sequences", "diff", "gray-matter", "htmlparser2", "i18next", "markdown-it", "nunjucks", "parse5", "yaml", "zod"]);

/**
 * Never compiled in, even when a compiled-in library imports them: native binaries (esbuild,
 * chokidar's fsevents) and the dev server, which serves its client script from its own folder.
 * Eleventy imports these only for its own `--serve` and `--watch`, which Codicil does not use.
 */
const NEVER_COMPILED_IN = new Set(["@11ty/eleventy-dev-server", "@11ty/chokidar-with-glob-support", "chokidar", "esbuild", "fsevents"]);

/** @param {string} specifier */
const packageName = (specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] ?? ""));

/** @type {import("esbuild").Plugin} */
const dependencies = {
  name: "codicil-dependencies",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { external: true };
      const name = packageName(args.path);
      if (NEVER_COMPILED_IN.has(name)) return { external: true };
      // A file of a dependency, not of Codicil (which may itself sit in a node_modules folder).
      const insideDependency = path.relative(CODICIL_DIR, args.importer).split(path.sep).includes("node_modules");
      return insideDependency || COMPILED_IN.has(name) ? undefined : { external: true };
    });
    // A library that finds its own files from its address (Eleventy reads its package.json and
    // requires its own modules through `createRequire(import.meta.url)`) keeps its address
    // when compiled in: each `import.meta.url` becomes the file's own URL. That URL is where
    // node_modules is now, which is why the folder's real path is part of the compilation's hash.
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.(?:js|mjs|cjs)$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "js" };
    });
  },
};

/** @param {string} outDir */
async function compile(outDir) {
  // Imported only when compiling: most runs find the compiled code ready.
  const esbuild = await import("esbuild");
  const staging = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  await esbuild.build({
    absWorkingDir: CODICIL_DIR,
    entryPoints: ENTRY_POINTS,
    outdir: staging,
    bundle: true,
    plugins: [dependencies],
    // CommonJS code compiled into these ES modules still calls require() for Node's own modules.
    banner: { js: 'import { createRequire as codicilCreateRequire } from "node:module"; const require = codicilCreateRequire(import.meta.url);' },
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
  // A folder left incomplete (by hand, or by an interrupted deletion) is replaced.
  if (existsSync(outDir) && !isComplete(outDir)) discard(outDir);
  try {
    renameSync(staging, outDir);
  } catch (e) {
    // Another command compiled the same sources first: theirs is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!isComplete(outDir)) throw e;
  }
  for (const name of readdirSync(CACHE_DIR)) {
    const old = path.join(CACHE_DIR, name);
    const stats = old === outDir || name.includes(".trash-") ? undefined : statSync(old, { throwIfNoEntry: false });
    if (stats && Date.now() - stats.mtimeMs > KEEP_UNUSED_BUILDS_MS) discard(old);
  }
}

/** The compiled entry point, or undefined when the cache folder cannot be written. */
async function compiledMain() {
  const outDir = path.join(CACHE_DIR, sourcesHash());
  if (isComplete(outDir)) {
    try {
      const now = new Date();
      utimesSync(outDir, now, now); // in use: not to be deleted as unused
    } catch {
      // Another user's cache, readable but not ours to touch.
    }
    return path.join(outDir, "main.mjs");
  }
  if (!canWrite(CACHE_DIR)) return undefined;
  await compile(outDir);
  return path.join(outDir, "main.mjs");
}

/**
 * Whether a folder can be written, or created (its nearest existing parent can be written).
 * @param {string} dir
 */
function canWrite(dir) {
  let existing = dir;
  while (!existsSync(existing)) existing = path.dirname(existing);
  try {
    accessSync(existing, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

// The compiled code asks for this (src/core/installation.ts): its own address may lead through a link.
process.env.CODICIL_DIR = CODICIL_DIR;
// Eleventy registers a module resolver hook so that its watch mode can re-import changed config
// files; on Node 20 that hook runs on a second thread and every later import waits on it. Codicil
// watches files itself (src/dev-server/) and hands Eleventy each run's pages, so the hook is never
// needed (Eleventy's documented switch; about 50 ms of a small build).
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";

/**
 * The folder of the site the command works on: its `--root` option, read as src/commands/main.ts reads
 * it (the last one counts), by default the working directory.
 */
function siteRoot() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { root: { type: "string" } }, strict: false, allowPositionals: true });
  return path.resolve(typeof values.root === "string" ? values.root : ".");
}

/**
 * A site with an Eleventy config of its own in TypeScript needs the command to run through tsx:
 * compiled code would load that config through tsx registered late, as CommonJS, and Eleventy then
 * finds no config function in it.
 */
function hasOwnTypeScriptConfig() {
  const own = path.join(siteRoot(), ".eleventy.ts");
  return existsSync(own) && realpathSync(own) !== realpathSync(path.join(CODICIL_DIR, ".eleventy.ts"));
}

const main = hasOwnTypeScriptConfig() ? undefined : await compiledMain();
if (main) await import(pathToFileURL(main).href);
else {
  // From the TypeScript sources, in this process, as `node --import tsx src/commands/main.ts` runs them.
  // A specifier in a variable: tsx's loader entry, imported for its effect, has no type declarations.
  const loader = "tsx";
  await import(loader);
  await import(pathToFileURL(path.join(CODICIL_DIR, "src/commands/main.ts")).href);
}
