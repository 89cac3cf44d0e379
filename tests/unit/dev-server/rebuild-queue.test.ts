import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rebuildQueue } from "../../../src/dev-server/rebuild-queue.ts";

/** A rebuild that records what it was given and runs until the test lets it finish. */
function heldRebuilds() {
  const calls: string[][] = [];
  const finish: (() => void)[] = [];
  const rebuild = (scopes: readonly string[]) => {
    calls.push([...scopes]);
    return new Promise<void>((resolve) => finish.push(resolve));
  };
  /** Lets the running rebuild end. */
  const end = () => finish.shift()?.();
  return { calls, rebuild, end };
}

const QUIET_MS = 50;
const unexpected = (e: unknown) => {
  throw e;
};

describe("rebuildQueue: npm start's rebuilds, one at a time", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rebuilds a burst of saves once, when no file has changed for a moment", async () => {
    const { calls, rebuild, end } = heldRebuilds();
    const queue = rebuildQueue(rebuild, unexpected, QUIET_MS);
    queue.add("privacy/en");
    await vi.advanceTimersByTimeAsync(30);
    queue.add("privacy/de");
    await vi.advanceTimersByTimeAsync(30);
    expect(calls).toEqual([]);
    queue.add("terms/en");
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(calls).toEqual([["privacy/en", "privacy/de", "terms/en"]]);
    end();
    await queue.idle();
  });

  it("rebuilds everything saved during a long rebuild once, after it", async () => {
    const { calls, rebuild, end } = heldRebuilds();
    const queue = rebuildQueue(rebuild, unexpected, QUIET_MS);
    queue.add("site");
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(calls).toEqual([["site"]]);
    // Three saves, each well after the one before, while the first build runs.
    for (const scope of ["site", "privacy/en", "site"]) {
      queue.add(scope);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(calls).toHaveLength(1);
    end();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([["site"], ["site", "privacy/en", "site"]]);
    end();
    await queue.idle();
    expect(calls).toHaveLength(2);
  });

  it("waits for the end of a burst that goes on after a rebuild ends", async () => {
    const { calls, rebuild, end } = heldRebuilds();
    const queue = rebuildQueue(rebuild, unexpected, QUIET_MS);
    queue.add("a");
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    queue.add("b");
    end();
    // The rebuild has ended; the burst it was saved in has not.
    await vi.advanceTimersByTimeAsync(20);
    queue.add("c");
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toEqual([["a"]]);
    queue.add("d");
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(calls).toEqual([["a"], ["b", "c", "d"]]);
    end();
    await queue.idle();
  });

  it("starts again with the next save after it fell idle, and goes on after a rebuild that failed", async () => {
    const calls: string[][] = [];
    const failures: unknown[] = [];
    const queue = rebuildQueue(
      async (scopes: readonly string[]) => {
        calls.push([...scopes]);
        if (!scopes.includes("broken")) return;
        // A save made while the failing rebuild runs.
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error("a rebuild that failed");
      },
      (e) => failures.push(e),
      QUIET_MS,
    );
    queue.add("a");
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await queue.idle();
    queue.add("broken");
    await vi.advanceTimersByTimeAsync(QUIET_MS + 50);
    queue.add("saved during the failing rebuild");
    await vi.advanceTimersByTimeAsync(100 + QUIET_MS);
    await queue.idle();
    expect(failures).toEqual([new Error("a rebuild that failed")]);
    queue.add("b");
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await queue.idle();
    expect(calls).toEqual([["a"], ["broken"], ["saved during the failing rebuild"], ["b"]]);
  });
});
