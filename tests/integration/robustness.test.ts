import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFixture, removeDir, runCliAsync } from "../support/sites.ts";

/** Inputs too large for a fixture folder, or given in the environment: still a message, never an internal error. */
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function baseSite(): string {
  const root = copyFixture("bad/_base");
  dirs.push(root);
  return root;
}

describe("robustness", () => {
  it("reports 300,000 retired addresses in the lock file without overflowing the stack", async () => {
    const root = baseSite();
    const urls: Record<string, string> = {};
    for (let i = 0; i < 300_000; i++) urls[`/en/privacy/retired-${i}/`] = "content/privacy/en.md";
    writeFileSync(path.join(root, "published.lock.json"), JSON.stringify({ comment: "retired", urls }, null, 2));
    const result = await runCliAsync(["check", "--root", root]);
    expect(result.stderr).not.toMatch(/call stack|internal error/i);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("published.lock.json:4: /en/privacy/retired-0/ was published from content/privacy/en.md and would disappear.");
    expect(result.stderr).toContain("published.lock.json: … and 299950 more problems in this file.");
    expect(result.stderr).toContain("300000 errors");
  }, 120_000);

  it.each([
    ["1e12", 'SOURCE_DATE_EPOCH is "1e12", which is not a number of seconds'],
    ["-5", 'SOURCE_DATE_EPOCH is "-5", which is not a number of seconds'],
    ["99999999999999", "SOURCE_DATE_EPOCH is 99999999999999, after the year 9999"],
  ])("SOURCE_DATE_EPOCH=%s is said as such, with what to set instead", async (epoch, message) => {
    const root = baseSite();
    const result = await runCliAsync(["build", "--root", root], { SOURCE_DATE_EPOCH: epoch });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it to build as of today");
    expect(result.stderr).not.toContain("internal error");
  });
});
