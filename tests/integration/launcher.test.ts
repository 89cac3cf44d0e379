import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, REPO, removeDir } from "../support/sites.ts";

// bin/codicil.mjs runs the command line from a compilation of src/ that it makes again whenever a
// source file changes: an edit to src/ must take effect on the next command, with no build step.
// A copy of Codicil's sources is edited here, never the repository's own.
let codicil: string;
let site: string;
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(codicil, "bin/codicil.mjs"), ...args], { encoding: "utf8" });

beforeAll(() => {
  codicil = mkdtempSync(path.join(tmpdir(), "codicil-install-"));
  for (const entry of ["bin", "src", "templates", "locales", ".eleventy.ts", "package.json", "package-lock.json"]) {
    cpSync(path.join(REPO, entry), path.join(codicil, entry), { recursive: true });
  }
  // The copy's own node_modules/ would take a minute to install; its dependencies are the same.
  // Its cache of compilations is then the repository's, keyed by the sources' hash.
  symlinkSync(path.join(REPO, "node_modules"), path.join(codicil, "node_modules"), "dir");
  site = copyFixture("multilingual");
});
afterAll(() => {
  removeDir(codicil);
  removeDir(site);
});

describe("bin/codicil.mjs", () => {
  it("runs the command line compiled from the current sources, and again after they change", () => {
    const checked = run("check", "--root", site);
    expect(checked.stdout + checked.stderr).toMatch(/content\/ is valid/);
    expect(checked.status).toBe(0);

    const main = path.join(codicil, "src/cli/main.ts");
    const usage = "Common options: --root DIR";
    expect(readFileSync(main, "utf8")).toContain(usage);
    writeFileSync(main, readFileSync(main, "utf8").replace(usage, "Options common to every command: --root DIR"));
    const help = run("--help");
    expect(help.stdout + help.stderr).toContain("Options common to every command: --root DIR");
    expect(help.stdout + help.stderr).not.toContain(usage);
  });

  it("lets commands started together share one compilation of new sources", async () => {
    const main = path.join(codicil, "src/cli/main.ts");
    writeFileSync(main, `${readFileSync(main, "utf8")}\n// ${process.pid}-${Date.now()}\n`);
    const runs = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<number | null>((resolve) => {
            execFile(process.execPath, [path.join(codicil, "bin/codicil.mjs"), "check", "--root", site], (error) => resolve(error ? (error.code as number) : 0));
          }),
      ),
    );
    expect(runs).toEqual([0, 0, 0]);
    const cache = path.join(REPO, "node_modules/.cache/codicil");
    expect(readdirSync(cache).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });
});
