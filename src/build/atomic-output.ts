import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a whole site into a sibling folder and swaps it in only when everything succeeded, so a
 * failed build never leaves readers (or a deploy step) with a half-written `_site/`: the previous
 * output stays exactly as it was. The sibling lives on the same file system, so the swap is two
 * renames rather than a copy.
 */
/** `write` says whether to publish what it wrote; when it does not (or throws), nothing changes. */
export async function writeAtomically(outDir: string, write: (stagingDir: string) => Promise<boolean>): Promise<boolean> {
  const target = path.resolve(outDir);
  // Unique names: a build in a fresh container always has the same pid, and the previous output
  // of an earlier build may still be being deleted.
  const unique = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staging = `${target}.tmp-${unique}`;
  const retired = `${target}.old-${unique}`;
  removeLeftovers(target);
  let publish: boolean;
  try {
    publish = await write(staging);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  if (!publish) {
    await rm(staging, { recursive: true, force: true });
    return false;
  }
  const replaced = existsSync(target);
  try {
    if (replaced) await rename(target, retired);
    await rename(staging, target);
  } catch (e) {
    if (replaced && !existsSync(target)) await rename(retired, target);
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  if (replaced) removeInBackground(retired);
  return true;
}

/**
 * Previous outputs whose deletion did not finish (the machine stopped, or a container ended with
 * the process deleting them) are deleted with the next build's, and so are the staging folders of
 * builds that were killed: those of this process id (an earlier container) or of no running process.
 */
function removeLeftovers(target: string): void {
  const parent = path.dirname(target);
  const base = path.basename(target);
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    const staging = name.startsWith(`${base}.tmp-`) ? Number(name.slice(base.length + 5).split("-")[0]) : undefined;
    if (name.startsWith(`${base}.old-`) || (staging !== undefined && !isOtherRunningProcess(staging))) removeInBackground(path.join(parent, name));
  }
}

function isOtherRunningProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The previous output is no longer the site once the new one is in place; deleting it is the
 * file system's work, not the build's (2.6 s for the 33,000 files of the bench's large site). A
 * detached process does it, so the command ends when the site is ready. Should that process be
 * stopped, the folder stays as `<output>.old-<id>` (ignored by git) until the next build.
 */
function removeInBackground(dir: string): void {
  // Without the parent's NODE_OPTIONS: an --inspect-brk there would stop the remover.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const remover = spawn(process.execPath, ["-e", 'try { require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 }) } catch {}', dir], {
    detached: true,
    stdio: "ignore",
    windowsHide: true,
    env,
  });
  // A process that cannot be started: the folder is deleted here instead, as before.
  remover.on("error", () => void rm(dir, { recursive: true, force: true }).catch(() => undefined));
  remover.unref();
}
