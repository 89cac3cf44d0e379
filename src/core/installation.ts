import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Where Codicil itself is installed, and whether this code runs from its TypeScript sources
 * (tests, `node --import tsx src/commands/main.ts`) or compiled by `bin/codicil.mjs` into one folder of
 * JavaScript under node_modules/.cache/. The two differ only in where sibling entry points are.
 */
export const RUNS_COMPILED = !import.meta.url.endsWith(".ts");

/**
 * Set by bin/codicil.mjs (worker threads inherit it): the compiled code lives in a cache folder,
 * which may be reached through a symbolic link (a node_modules shared between checkouts), so its
 * own address does not say which checkout it was compiled from.
 */
const LAUNCHER_DIR_VARIABLE = "CODICIL_DIR";

/** Codicil's own folder: its templates/ and locales/, the defaults a site can override. */
export const CODICIL_DIR = codicilDir();

function codicilDir(): string {
  if (!RUNS_COMPILED) return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const fromLauncher = process.env[LAUNCHER_DIR_VARIABLE];
  if (!fromLauncher) throw new Error(`Compiled Codicil runs through bin/codicil.mjs, which sets ${LAUNCHER_DIR_VARIABLE}.`);
  return fromLauncher;
}

/**
 * A module that runs on its own (the worker thread, the Eleventy config), as a file URL: the
 * TypeScript source, or its compiled twin, which the compiler writes flat beside this code as
 * `<name>.mjs` (see bin/codicil.mjs).
 */
export function entryPoint(compiledName: string, sourcePath: string): URL {
  return RUNS_COMPILED ? new URL(`./${compiledName}.mjs`, import.meta.url) : pathToFileURL(path.join(CODICIL_DIR, sourcePath));
}
