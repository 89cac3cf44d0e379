import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, copyFixture, REPO, removeDir, snapshotDir } from "../support/sites.ts";

// bin/codicil.mjs runs the command line from a compilation of src/ that it makes again whenever a
// source file changes: an edit to src/ must take effect on the next command, with no build step.
// Copies of Codicil are edited here, never the repository itself.
let codicil: string;
let linked: string;
let site: string;
const EPOCH = String(Date.parse("2030-01-01T00:00:00Z") / 1000);
const runFrom = (install: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(install, "bin/codicil.mjs"), ...args], { encoding: "utf8", env: cliEnv({ SOURCE_DATE_EPOCH: EPOCH }) });
const run = (...args: string[]) => runFrom(codicil, ...args);

/**
 * A copy of Codicil in a folder whose name has a space. Its own node_modules/ would take a minute
 * to install; its dependencies are the repository's, linked one by one (so its cache of
 * compilations is its own), or as one linked folder (so the compiled code's own address leads into
 * the repository, not into the copy). With "Eleventy copied", Eleventy's packages are real
 * folders of the copy, as an installed copy's are, and the rest linked one by one.
 */
function installCopy(nodeModules: "per package" | "one link" | "Eleventy copied"): string {
  const dir = mkdtempSync(path.join(tmpdir(), "codicil install "));
  for (const entry of ["bin", "src", "templates", "locales", ".eleventy.ts", "package.json", "package-lock.json", "tsconfig.json"]) {
    cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  const repoModules = path.join(REPO, "node_modules");
  if (nodeModules === "one link") symlinkSync(repoModules, path.join(dir, "node_modules"), "dir");
  else {
    mkdirSync(path.join(dir, "node_modules"));
    for (const name of readdirSync(repoModules).filter((n) => n !== ".cache")) {
      if (nodeModules === "Eleventy copied" && name === "@11ty") cpSync(path.join(repoModules, name), path.join(dir, "node_modules", name), { recursive: true, verbatimSymlinks: true });
      else symlinkSync(path.join(repoModules, name), path.join(dir, "node_modules", name));
    }
  }
  return dir;
}

beforeAll(() => {
  codicil = installCopy("per package");
  linked = installCopy("one link");
  site = copyFixture("multilingual");
});
afterAll(() => {
  for (const dir of [codicil, linked, site]) removeDir(dir);
});

describe("bin/codicil.mjs", () => {
  it("runs the command line compiled from the current sources, and again after they change", () => {
    const checked = run("check", "--root", site);
    expect(checked.stdout + checked.stderr).toMatch(/content\/ is valid/);
    expect(checked.status).toBe(0);

    const main = path.join(codicil, "src/commands/main.ts");
    const usage = "Common options: --root DIR";
    expect(readFileSync(main, "utf8")).toContain(usage);
    writeFileSync(main, readFileSync(main, "utf8").replace(usage, "Options common to every command: --root DIR"));
    const help = run("--help");
    expect(help.stdout + help.stderr).toContain("Options common to every command: --root DIR");
    expect(help.stdout + help.stderr).not.toContain(usage);
  });

  it("uses the templates of the Codicil it was started from, even through a linked node_modules", () => {
    // Unchanged sources: the compilation is the repository's own, found through the link.
    const switcher = path.join(linked, "templates/partials/language-switcher.njk");
    writeFileSync(switcher, readFileSync(switcher, "utf8").replace('class="language-switcher"', 'class="language-switcher from-the-copy"'));
    const built = runFrom(linked, "build", "--root", site, "--out", path.join(site, "out-copy"));
    expect(built.status, built.stderr).toBe(0);
    expect(readFileSync(path.join(site, "out-copy/en/privacy/index.html"), "utf8")).toContain("from-the-copy");
  });

  it("builds in compiled worker threads the same bytes as in one thread", () => {
    const one = run("build", "--root", site, "--out", path.join(site, "out-1"), "--threads", "1");
    const two = run("build", "--root", site, "--out", path.join(site, "out-2"), "--threads", "2");
    expect([one.status, two.status], one.stderr + two.stderr).toEqual([0, 0]);
    expect(snapshotDir(path.join(site, "out-2"))).toEqual(snapshotDir(path.join(site, "out-1")));
  });

  it("builds the same site from whichever folder it is started in", () => {
    // A site repository without templates of its own, built from its own folder; and a site with
    // its own templates/, built from a folder that has nothing to do with either.
    const plain = copyFixture("cookies");
    const elsewhere = mkdtempSync(path.join(tmpdir(), "codicil-cwd-"));
    try {
      // `run` starts the command in the repository, as npm scripts do.
      const fromRepository = (root: string, out: string) => run("build", "--root", root, "--out", out);
      const from = (cwd: string, root: string, out: string) =>
        spawnSync(process.execPath, [path.join(codicil, "bin/codicil.mjs"), "build", "--root", root, "--out", out], {
          cwd,
          encoding: "utf8",
          env: cliEnv({ SOURCE_DATE_EPOCH: EPOCH }),
        });
      for (const [cwd, root] of [
        [plain, plain],
        [elsewhere, site],
      ] as const) {
        const expected = fromRepository(root, path.join(elsewhere, "expected"));
        const built = from(cwd, root, path.join(elsewhere, "built"));
        expect([expected.status, built.status], expected.stderr + built.stderr).toEqual([0, 0]);
        // Layouts and partials stay templates: none is written as a page of its own.
        expect(readdirSync(path.join(elsewhere, "built"))).not.toContain("layouts");
        expect(snapshotDir(path.join(elsewhere, "built"))).toEqual(snapshotDir(path.join(elsewhere, "expected")));
        removeDir(path.join(elsewhere, "built"));
        removeDir(path.join(elsewhere, "expected"));
      }
    } finally {
      removeDir(plain);
      removeDir(elsewhere);
    }
  });

  it("loads a site's own TypeScript Eleventy config", () => {
    const own = copyFixture("multilingual");
    try {
      const plugin = path.join(codicil, "src/rendering/plugin.ts");
      writeFileSync(path.join(own, "extra.txt"), "copied by the site's own config\n");
      writeFileSync(
        path.join(own, ".eleventy.ts"),
        [
          `import { codicilPlugin } from ${JSON.stringify(plugin)};`,
          `export default function (eleventyConfig: { addPlugin(p: unknown): void; addPassthroughCopy(c: Record<string, string>): void }): void {`,
          `  eleventyConfig.addPlugin(codicilPlugin);`,
          `  eleventyConfig.addPassthroughCopy({ ${JSON.stringify(path.join(own, "extra.txt"))}: "extra.txt" });`,
          `}`,
          // No `dir`: Codicil gives Eleventy its folders for each run (docs/architecture.md).
          `export const config = { templateFormats: ["njk"] };`,
        ].join("\n"),
      );
      // Also when threads are asked for: such a site is built in one thread.
      for (const threads of ["1", "2"]) {
        const out = path.join(own, `out-${threads}`);
        const built = run("build", "--root", own, "--out", out, "--threads", threads);
        expect(built.status, built.stderr).toBe(0);
        expect(readFileSync(path.join(out, "extra.txt"), "utf8")).toBe("copied by the site's own config\n");
        expect(readFileSync(path.join(out, "en/privacy/index.html"), "utf8")).toContain("<h1");
      }
    } finally {
      removeDir(own);
    }
  });

  it("keeps working when the copy is moved elsewhere with its node_modules", () => {
    // Compiled-in libraries find their own files (Eleventy its package.json) at the address they
    // had when compiled: after a move, the command compiles again instead of looking there.
    const before = installCopy("Eleventy copied");
    const after = `${before} moved`;
    try {
      const first = runFrom(before, "check", "--root", site);
      expect(first.status, first.stderr).toBe(0);
      renameSync(before, after);
      const out = path.join(site, "out-moved");
      const built = runFrom(after, "build", "--root", site, "--out", out);
      expect(built.status, built.stderr).toBe(0);
      expect(readFileSync(path.join(out, "en/privacy/index.html"), "utf8")).toContain("<h1");
    } finally {
      removeDir(before);
      removeDir(after);
    }
  });

  it("lets commands started together share one compilation of new sources", async () => {
    const main = path.join(codicil, "src/commands/main.ts");
    writeFileSync(main, `${readFileSync(main, "utf8")}\n// ${process.pid}-${Date.now()}\n`);
    const runs = await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<number | null>((resolve) => {
            execFile(process.execPath, [path.join(codicil, "bin/codicil.mjs"), "check", "--root", site], { env: cliEnv() }, (error) => resolve(error ? (error.code as number) : 0));
          }),
      ),
    );
    expect(runs).toEqual([0, 0, 0, 0]);
    // One compilation per source version, each complete, no staging folder left behind.
    const cache = path.join(codicil, "node_modules/.cache/codicil");
    expect(readdirSync(cache).filter((name) => name.includes(".tmp-"))).toEqual([]);
    for (const name of readdirSync(cache)) expect(readdirSync(path.join(cache, name))).toEqual(expect.arrayContaining(["main.mjs", "document-worker.mjs", "eleventy-config.mjs"]));
  });
});
