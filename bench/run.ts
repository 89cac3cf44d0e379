import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BENCH_BUILD_DATE, REVISION_MIXES, SIZES, writeCorpus, type CorpusSize, type RevisionMix } from "./corpus.ts";
import { printWorstCases, runWorstCases } from "./worst-cases.ts";

/**
 * `npm run bench`: generates each corpus size, then builds it with Codicil's real command line
 * and with bare Eleventy (bench/bare/eleventy.config.js), alternating, each build in a child
 * process of its own so that its peak memory is its own. Prints medians and the exact commands.
 *
 *   npm run bench                       the worst-case comparisons, then S (5 runs) and M (3 runs)
 *   npm run bench -- --sizes none       the worst-case comparisons only
 *   npm run bench -- --no-worst-cases   the corpus sizes only
 *   npm run bench -- --revisions sentence   the corpus revised one sentence at a time, as the
 *                                       bench was until issue #29 (default: real, see docs/performance.md)
 *   npm run bench -- --sizes S --runs 9
 *   npm run bench -- --sizes M --only codicil --json bench/.work/m.json
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_RUNS: Record<string, number> = { S: 5, M: 3 };
const TIME = "/usr/bin/time";

type Tool = "codicil" | "bare";

interface Run {
  readonly seconds: number;
  readonly pages: number;
  /** Peak resident set size of the build process, in MiB. */
  readonly rssMiB: number;
  /**
   * User plus system CPU time of the build process, all its threads, in seconds: beside the wall
   * time it shows how much of the machine's cores a build keeps busy (a build in one thread still
   * uses more than one: V8 collects garbage and the kernel writes files on other threads).
   */
  readonly cpuSeconds: number;
}

interface ToolResult {
  readonly tool: Tool;
  readonly command: string;
  readonly runs: Run[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Files written, the stylesheet excepted: every page, feed, sitemap and data file. */
function countPages(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !path.join(entry.parentPath, entry.name).includes(`${path.sep}assets${path.sep}`)) count++;
  }
  return count;
}

function commandFor(tool: Tool, corpus: string, out: string): { argv: string[]; env: Record<string, string> } {
  if (tool === "codicil") {
    return { argv: [process.execPath, "bin/codicil.mjs", "build", "--root", corpus, "--out", out], env: {} };
  }
  const input = path.join(corpus, "content");
  return {
    argv: [process.execPath, "node_modules/@11ty/eleventy/cmd.cjs", "--config=bench/bare/eleventy.config.js", `--input=${input}`, `--output=${out}`, "--quiet"],
    env: { BENCH_BARE_INPUT: input },
  };
}

function shellWords(argv: readonly string[]): string {
  return argv.map((a) => (a === process.execPath ? "node" : /[^\w@%+=:,./-]/.test(a) ? `'${a}'` : a)).join(" ");
}

/**
 * Runs one build. Peak RSS and CPU time come from GNU time ("Maximum resident set size", user and
 * system time) of the child when /usr/bin/time exists (the kernel's own count, worker threads
 * included); the wall time is measured here around the whole process, start-up included, as a
 * user waits for it.
 */
async function runOnce(tool: Tool, corpus: string, out: string, epoch: string): Promise<Run> {
  await rm(out, { recursive: true, force: true });
  const { argv, env } = commandFor(tool, corpus, out);
  const useTime = existsSync(TIME);
  const [command, ...args] = useTime ? [TIME, "-f", "BENCH_MAXRSS_KB=%M BENCH_CPU=%U+%S", ...argv] : argv;
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command ?? "", args, { cwd: REPO, env: { ...process.env, ...env, SOURCE_DATE_EPOCH: epoch }, stdio: ["ignore", "ignore", "pipe"] });
    let text = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (text += chunk));
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ code: exitCode, stderr: text }));
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${tool} build failed (exit ${code}):\n${stderr.slice(-4000)}`);
  const rssKb = Number(/BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  const cpu = /BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(stderr);
  return { seconds, pages: countPages(out), rssMiB: rssKb / 1024, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN };
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "S,M" },
      runs: { type: "string" },
      only: { type: "string" },
      work: { type: "string", default: path.join(REPO, "bench/.work") },
      json: { type: "string" },
      "keep-output": { type: "boolean", default: false },
      "worst-cases": { type: "boolean", default: true },
      revisions: { type: "string", default: "real" },
    },
    allowNegative: true,
  });
  const sizes = (values.sizes === "none" ? [] : values.sizes.split(",")).map((name) => {
    const size = SIZES[name.trim() as keyof typeof SIZES] as CorpusSize | undefined;
    if (!size) throw new Error(`Unknown size "${name}"; sizes are ${Object.keys(SIZES).join(", ")}.`);
    return size;
  });
  const revisions = values.revisions as RevisionMix;
  if (!REVISION_MIXES.includes(revisions)) throw new Error(`Unknown revisions "${values.revisions}"; they are ${REVISION_MIXES.join(", ")}.`);
  const tools: Tool[] = values.only === undefined ? ["codicil", "bare"] : [values.only as Tool];
  const epoch = String(Date.parse(`${BENCH_BUILD_DATE}T00:00:00Z`) / 1000);
  const work = path.resolve(values.work);

  console.log(`Machine: ${machine()}`);
  console.log(`Peak RSS and CPU time: ${existsSync(TIME) ? "GNU time %M (max resident set size) and %U + %S (user + system CPU) of the build process" : "not measured (/usr/bin/time is missing)"}`);
  console.log(`SOURCE_DATE_EPOCH=${epoch} for every build.\n`);
  if (values["worst-cases"]) {
    printWorstCases(runWorstCases());
    console.log("");
  }
  // bin/codicil.mjs compiles src/ on its first run after a change; that is not part of a build.
  if (tools.includes("codicil")) spawnSync(process.execPath, ["bin/codicil.mjs", "--help"], { cwd: REPO, stdio: "ignore" });
  const all: { size: string; files: number; results: ToolResult[] }[] = [];

  for (const size of sizes) {
    const runs = Number(values.runs ?? DEFAULT_RUNS[size.name] ?? 3);
    const corpus = path.join(work, size.name);
    const generated = performance.now();
    const { files, bytes } = await writeCorpus(size, corpus, revisions);
    console.log(
      `Size ${size.name} (${revisions} revisions): ${size.documents} documents × ${size.locales} languages × ${size.versions} versions = ${files - 3} Markdown files, ` +
        `${(bytes / 2 ** 20).toFixed(1)} MiB, generated into ${path.relative(REPO, corpus)} in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
    );
    const results: ToolResult[] = tools.map((tool) => ({ tool, command: shellWords(commandFor(tool, corpus, path.join(work, `${size.name}-${tool}-out`)).argv), runs: [] }));
    // Alternating the tools spreads slow moments of the machine over both.
    for (let i = 0; i < runs; i++) {
      for (const result of results) {
        const out = path.join(work, `${size.name}-${result.tool}-out`);
        const run = await runOnce(result.tool, corpus, out, epoch);
        result.runs.push(run);
        console.log(`  ${result.tool.padEnd(7)} run ${i + 1}/${runs}: ${run.seconds.toFixed(2)} s, ${run.pages} pages, ${run.rssMiB.toFixed(0)} MiB, ${run.cpuSeconds.toFixed(1)} s CPU`);
      }
    }
    if (!values["keep-output"]) for (const tool of tools) await rm(path.join(work, `${size.name}-${tool}-out`), { recursive: true, force: true });
    all.push({ size: size.name, files: files - 3, results });
  }

  console.log(`\n${row(["size", "tool", "runs", "wall time (median)", "min–max", "pages", "pages/s", "peak RSS (median)", "CPU time (median)"])}`);
  console.log(row(["---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
  for (const { size, results } of all) {
    for (const { tool, runs } of results) {
      const seconds = median(runs.map((r) => r.seconds));
      const pages = runs[0]?.pages ?? 0;
      const times = runs.map((r) => r.seconds);
      console.log(
        row([
          size,
          tool === "codicil" ? "Codicil" : "bare Eleventy",
          String(runs.length),
          `${seconds.toFixed(2)} s`,
          `${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)} s`,
          String(pages),
          (pages / seconds).toFixed(0),
          `${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB`,
          `${median(runs.map((r) => r.cpuSeconds)).toFixed(1)} s`,
        ]),
      );
    }
    const codicil = results.find((r) => r.tool === "codicil");
    const bare = results.find((r) => r.tool === "bare");
    if (codicil && bare) {
      const ratio = median(codicil.runs.map((r) => r.seconds)) / median(bare.runs.map((r) => r.seconds));
      console.log(row([size, "Codicil / bare", "", `${ratio.toFixed(2)}×`, "", "", "", "", ""]));
    }
  }
  console.log("\nCommands (run from the repository root, with SOURCE_DATE_EPOCH set as above):");
  for (const { size, results } of all) for (const { tool, command } of results) console.log(`  ${size} ${tool}: ${command}`);
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify({ machine: machine(), epoch, sizes: all }, null, 2)}\n`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
