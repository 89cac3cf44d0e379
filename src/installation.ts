import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Where Codicil itself is installed, and whether this code runs from its TypeScript sources
 * (tests, `node --import tsx src/cli/main.ts`) or compiled by `bin/codicil.mjs` into one folder of
 * JavaScript under node_modules/.cache/. The two differ only in where sibling entry points are.
 */
export const RUNS_COMPILED = !import.meta.url.endsWith(".ts");

/**
 * Codicil's own folder (its package.json, templates/ and locales/): the nearest folder above this
 * file whose package.json is Codicil's. Found by walking up rather than a fixed `../..`, because the
 * compiled code lives deeper (node_modules/.cache/codicil/<build>/).
 */
export const CODICIL_DIR = findCodicilDir(path.dirname(fileURLToPath(import.meta.url)));

function findCodicilDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "codicil") return dir;
    if (path.dirname(dir) === dir) throw new Error(`Internal error: no package.json of Codicil above ${from}.`);
  }
}

/**
 * A module that runs on its own (the worker thread, the Eleventy config), as a file URL: the
 * TypeScript source, or its compiled twin, which the compiler writes flat beside this code as
 * `<name>.mjs` (see bin/codicil.mjs).
 */
export function entryPoint(compiledName: string, sourcePath: string): URL {
  return RUNS_COMPILED ? new URL(`./${compiledName}.mjs`, import.meta.url) : pathToFileURL(path.join(CODICIL_DIR, sourcePath));
}
