import path from "node:path";
import { parseArgs } from "node:util";
import { buildSite } from "../build/build-site.ts";
import { loadSite } from "../content/load-site.ts";
import { formatProblem, sortProblems, summarize, type Problem } from "../problems.ts";

const USAGE = `Usage: codicil <command> [--root DIR] [--out DIR]

Commands:
  build   validate content/ and build the site into _site/ (replaced only if the build succeeds)
  check   validate content/ without writing anything

Every problem is printed as file:line: message. Exit codes: 0 success, 1 content problems,
2 usage or internal error.`;

/** Prints problems where editors and CI look for them: stderr, sorted, one per line, then a count. */
function report(problems: readonly Problem[]): void {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
  if (problems.length > 0) console.error(summarize(problems));
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { root: { type: "string", default: "." }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const root = path.resolve(values.root);

  switch (command) {
    case "check": {
      const { loaded, problems } = await loadSite({ root });
      report(problems);
      if (!loaded) return 1;
      const pages = loaded.site.documents.reduce((n, d) => n + d.versions.length, 0);
      console.error(`content/ is valid: ${loaded.site.documents.length} documents, ${pages} versions.`);
      return 0;
    }
    case "build": {
      const outDir = path.resolve(values.out ?? path.join(root, "_site"));
      const { problems, built } = await buildSite({ root, outDir });
      report(problems);
      if (!built) {
        console.error(`Build stopped: nothing was written, ${path.relative(process.cwd(), outDir) || outDir} is unchanged.`);
        return 1;
      }
      console.error(`Built ${path.relative(process.cwd(), outDir) || outDir}.`);
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 2;
  },
);
