import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, copyFixture, readPage, REPO, removeDir } from "../support/sites.ts";

/**
 * Codicil as a command, not only a repository: the package `npm pack` makes, unpacked where
 * `npm install --prefix` puts it, with a `codicil` command in node_modules/.bin, building a site
 * kept in another folder. The registry is not reachable here, so the dependencies are the
 * repository's, linked into the prefix's node_modules as npm would hoist them.
 */
let prefix: string;
let site: string;
let elsewhere: string;

beforeAll(() => {
  prefix = mkdtempSync(path.join(tmpdir(), "codicil-prefix-"));
  site = copyFixture("multilingual");
  elsewhere = mkdtempSync(path.join(tmpdir(), "codicil-cwd-"));
  const packed = execFileSync("npm", ["pack", "--pack-destination", prefix, "--json"], { cwd: REPO, encoding: "utf8", env: cliEnv() });
  const [{ filename }] = JSON.parse(packed) as [{ filename: string }];
  const modules = path.join(prefix, "node_modules");
  const installed = path.join(modules, "codicil");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(prefix, filename), "-C", installed, "--strip-components=1"]);
  for (const name of readdirSync(path.join(REPO, "node_modules")).filter((n) => n !== ".cache" && n !== ".bin")) {
    symlinkSync(path.join(REPO, "node_modules", name), path.join(modules, name));
  }
  // What npm does for `bin`: a link in node_modules/.bin, the target made executable.
  const bin = (JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as { bin: Record<string, string> }).bin;
  mkdirSync(path.join(modules, ".bin"));
  for (const [name, target] of Object.entries(bin)) {
    chmodSync(path.join(installed, target), 0o755);
    symlinkSync(path.join("..", "codicil", target), path.join(modules, ".bin", name));
  }
}, 120_000);
afterAll(() => {
  for (const dir of [prefix, site, elsewhere]) removeDir(dir);
});

const codicil = (...args: string[]) =>
  spawnSync(path.join(prefix, "node_modules/.bin/codicil"), args, { cwd: elsewhere, encoding: "utf8", env: cliEnv({ SOURCE_DATE_EPOCH: "1751328000" }) });

describe("the codicil command of the packed package", () => {
  it("holds the command, the sources, templates and UI strings, and no tests or example content", () => {
    const files = readdirSync(path.join(prefix, "node_modules/codicil"), { recursive: true }).map(String);
    for (const needed of ["bin/codicil.mjs", "src/commands/main.ts", "templates/layouts/base.njk", "templates/assets/codicil.css", "locales/en.json", ".eleventy.ts", "tsconfig.json"]) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => f.startsWith("tests") || f.startsWith("content") || f.startsWith("bench"))).toBe(false);
  });

  it("checks and builds a site in another folder with --root, from a third folder", () => {
    const check = codicil("check", "--root", site);
    expect(check.status, check.stderr).toBe(0);
    const build = codicil("build", "--root", site);
    expect(build.status, build.stderr).toBe(0);
    expect(readPage(path.join(site, "_site"), "en/privacy/")("h1").text()).toBe("Privacy Policy");
    expect(readdirSync(elsewhere)).toEqual([]);
    const translations = codicil("translations", "--root", site, "--json");
    expect(JSON.parse(translations.stdout)).toBeTruthy();
  });

  it("explains its commands and --root", () => {
    const help = codicil("--help");
    expect(help.stdout + help.stderr).toContain("--root DIR");
  });
});
