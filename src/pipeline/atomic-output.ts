import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
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

/** How long a killed build's staging folder is left alone: a build still writing it may run in a container whose process ids this one cannot see. */
const STAGING_ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Previous outputs whose deletion did not finish (the machine stopped, or a container ended with
 * the process deleting them) are deleted with the next build's, and so are the staging folders of
 * builds that were killed. Only folders named as this module names them (`<output>.old-<pid>-<8 hex>`)
 * are touched, never a user's `_site.old-notes`.
 */
function removeLeftovers(target: string): void {
  const parent = path.dirname(target);
  const base = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const generated = new RegExp(`^${base}\\.(old|tmp)-(\\d+)-[0-9a-f]{8}$`);
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    const match = generated.exec(name);
    if (!match) continue;
    const folder = path.join(parent, name);
    const abandoned = () => !isOtherRunningProcess(Number(match[2])) && Date.now() - (statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > STAGING_ABANDONED_AFTER_MS;
    if (match[1] === "old" || abandoned()) removeInBackground(folder);
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
 * file system's work, not the build's, and takes seconds on a large site. A detached process does it, so the command ends when the site is ready. Should that process be
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
