import { execFile, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { buildSite } from "../../src/pipeline/build-site.ts";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(REPO, "tests/fixtures");

/** A throw-away copy of fixture folders, overlaid in order (later ones win), in a temp dir. */
export function copyFixture(...names: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "codicil-"));
  for (const name of names) cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/**
 * Copies a fixture and builds it with real Eleventy as of `buildDate`, failing the calling test's
 * setup if the build reports an error. Returns the copy and its output folder.
 */
export async function buildFixture(name: string, buildDate: string): Promise<{ root: string; out: string }> {
  const root = copyFixture(name);
  const result = await buildSite({ root, buildDate });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (!result.built || errors.length > 0) throw new Error(`fixture ${name} did not build: ${JSON.stringify(errors)}`);
  return { root, out: path.join(root, "_site") };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The command line as npm scripts run it: bin/codicil.mjs, which compiles src/ (once per change)
 * and runs the result. Tests that import src/ directly cover the same code from source.
 */
export const CLI = path.join(REPO, "bin/codicil.mjs");

/**
 * The environment the command line runs in: CI=true (set where Codicil's own tests run in CI)
 * makes `check` hold the fixture sites to a lock they do not have, so it is left out unless a
 * test sets it.
 */
export const cliEnv = (env: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const { CI: _ci, ...rest } = process.env;
  return { ...rest, ...env };
};

/** Runs the real command line, as editors and CI do. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: cliEnv(env),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking, so several command lines can run at once. */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: REPO, encoding: "utf8", env: cliEnv(env) },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export function readPage(outDir: string, urlPath: string): cheerio.CheerioAPI {
  const file = path.join(outDir, urlPath, urlPath.endsWith("/") ? "index.html" : "");
  return cheerio.load(readFileSync(file, "utf8"));
}

/** Every file under a folder with its contents, to prove a folder did not change. */
export function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}
