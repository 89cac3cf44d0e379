import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAtomically } from "../../../src/pipeline/atomic-output.ts";
import { removeDir } from "../../support/sites.ts";

let parent: string;
let target: string;
beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), "codicil-atomic-"));
  target = path.join(parent, "_site");
  mkdirSync(path.join(target, "en"), { recursive: true });
  writeFileSync(path.join(target, "en/index.html"), "previous");
});
afterEach(() => removeDir(parent));

const writeNew = (staging: string): Promise<boolean> => {
  mkdirSync(path.join(staging, "en"), { recursive: true });
  writeFileSync(path.join(staging, "en/index.html"), "new");
  return Promise.resolve(true);
};

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
  }
}

describe("writeAtomically", () => {
  it("puts the new output in place and removes the previous one after the command returns", async () => {
    expect(await writeAtomically(target, writeNew)).toBe(true);
    expect(readFileSync(path.join(target, "en/index.html"), "utf8")).toBe("new");
    // The previous output is deleted by a detached process: gone soon, with nothing else left over.
    await until(() => readdirSync(parent).length === 1, "the previous output to be removed");
    expect(readdirSync(parent)).toEqual(["_site"]);
  });

  it("leaves the previous output exactly as it was when the build does not publish or throws", async () => {
    expect(await writeAtomically(target, async (staging) => (await writeNew(staging)) && false)).toBe(false);
    await expect(
      writeAtomically(target, async (staging) => {
        await writeNew(staging);
        throw new Error("template error");
      }),
    ).rejects.toThrow("template error");
    expect(readFileSync(path.join(target, "en/index.html"), "utf8")).toBe("previous");
    expect(readdirSync(parent)).toEqual(["_site"]);
  });

  it("swaps again at once, while the output before is still being deleted", async () => {
    for (let i = 0; i < 2_000; i++) writeFileSync(path.join(target, "en", `page-${i}.html`), "previous");
    expect(await writeAtomically(target, writeNew)).toBe(true);
    expect(await writeAtomically(target, writeNew)).toBe(true);
    expect(readFileSync(path.join(target, "en/index.html"), "utf8")).toBe("new");
    await until(() => readdirSync(parent).length === 1, "both previous outputs to be removed");
  });

  it("deletes what killed builds left behind, and nothing else", async () => {
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const abandoned = ["_site.old-7-abcdef01", `_site.tmp-${process.pid}-12345678`, "_site.tmp-999999999-5678abcd"];
    const kept = [
      `_site.tmp-${process.ppid}-00000000`, // a build still running
      "_site.tmp-999999998-0000beef", // a build started minutes ago, perhaps in another container
      "_site.old-notes",
      "_site.tmp-drafts",
      "_site.older",
    ];
    for (const name of [...abandoned, ...kept]) mkdirSync(path.join(parent, name));
    for (const name of [...abandoned.slice(1), kept[0] ?? ""]) utimesSync(path.join(parent, name), hourAgo, hourAgo);
    expect(await writeAtomically(target, writeNew)).toBe(true);
    await until(() => readdirSync(parent).length === kept.length + 1, "the leftovers to be removed");
    expect(readdirSync(parent).sort()).toEqual(["_site", ...kept].sort());
  });

  it("creates the output folder when there was none", async () => {
    removeDir(target);
    expect(await writeAtomically(target, writeNew)).toBe(true);
    expect(existsSync(path.join(target, "en/index.html"))).toBe(true);
    expect(readdirSync(parent)).toEqual(["_site"]);
  });
});
