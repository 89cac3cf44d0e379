import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { error, warning, type Problem } from "../core/problems.ts";

interface NuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url?: string;
  readonly lastLine?: number;
  readonly message: string;
}

/**
 * Every page through the Nu HTML Checker (the W3C validator), from the vnu-jar package, run
 * offline on Java. Errors fail the check; the checker's warnings are reported as warnings.
 */
export async function checkHtmlValidity(outDir: string): Promise<Problem[]> {
  const jar = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      "java",
      // Checked as files, pages have no origin, so the checker cannot match the CSP's 'self' to
      // the stylesheet; in a browser served over http it matches (the browser tests prove it).
      ["-jar", jar, "--format", "json", "--skip-non-html", "--exit-zero-always", "--filterpattern", ".*violates Content Security Policy.*", path.resolve(outDir)],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (e) => reject(new Error(`The Nu HTML Checker needs Java (java -jar vnu.jar): ${e.message}`)));
    child.on("close", () => resolve(stderr));
  });
  const { messages } = JSON.parse(output) as { messages: NuMessage[] };
  const root = path.resolve(outDir);
  return messages.map((m) => {
    const file = m.url ? `_site/${path.relative(root, new URL(m.url).pathname).split(path.sep).join("/")}` : "_site";
    const report = m.type === "error" || m.subType === "fatal" ? error : warning;
    return report(file, m.lastLine ?? 1, `HTML: ${m.message}`);
  });
}
