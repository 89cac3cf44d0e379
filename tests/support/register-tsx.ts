// Eleventy imports .eleventy.ts with Node's own import(); tsx lets Node load TypeScript there.
// Test files share one process (vitest.config.ts), so the hooks are registered once, not per file.
import { register } from "tsx/esm/api";

const REGISTERED = Symbol.for("codicil.tests.tsx-registered");
const registry = globalThis as { [REGISTERED]?: true };
if (!registry[REGISTERED]) {
  register();
  registry[REGISTERED] = true;
}
