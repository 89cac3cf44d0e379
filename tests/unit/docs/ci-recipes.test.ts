import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { REPO } from "../../support/sites.ts";

/** The fenced ```yaml blocks of docs/ci.md, each with the line it starts on and its first comment (the file it is). */
function yamlBlocks(markdown: string): { line: number; name: string; text: string }[] {
  const blocks: { line: number; name: string; text: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```yaml") continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== "```") i++;
    const text = lines.slice(start, i + 1).join("\n");
    blocks.push({ line: start + 1, name: /^# (\S+)/.exec(text)?.[1] ?? "", text });
  }
  return blocks;
}

const markdown = readFileSync(path.join(REPO, "docs/ci.md"), "utf8");
const blocks = yamlBlocks(markdown);
const scripts = Object.keys((JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
const parse = (text: string) => parseDocument(text, { uniqueKeys: true }).toJS() as Record<string, unknown>;
const block = (name: string, containing: string) => {
  const found = blocks.find((b) => b.name === name && b.text.includes(containing));
  if (!found) throw new Error(`docs/ci.md has no yaml block for ${name} with ${containing}`);
  return { ...found, data: parse(found.text) };
};

describe("docs/ci.md's YAML recipes", () => {
  it("has the check workflows and the deploy recipes", () => {
    expect(blocks.map((b) => b.name)).toEqual([
      ".github/workflows/legal-site.yml",
      ".gitlab-ci.yml",
      ".github/workflows/deploy.yml",
      ".gitlab-ci.yml",
      ".github/workflows/daily-rebuild.yml",
      ".github/workflows/cloudflare-pages.yml",
    ]);
  });

  it.each(blocks.map((b) => [`${b.name} (docs/ci.md:${b.line})`, b.text]))("%s parses as YAML without errors or warnings", (_name, text) => {
    const document = parseDocument(text, { uniqueKeys: true });
    expect(document.errors.map((e) => e.message)).toEqual([]);
    expect(document.warnings.map((w) => w.message)).toEqual([]);
  });

  it("runs only npm scripts that package.json has", () => {
    const used = [...markdown.matchAll(/npm run ([a-z-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(10);
    for (const script of used) expect(scripts, script).toContain(script);
  });

  it("deploys to GitHub Pages: builds, uploads _site as the Pages artifact, deploys it, every day too", () => {
    const { data } = block(".github/workflows/deploy.yml", "deploy-pages");
    const on = data.on as { push: unknown; schedule: { cron: string }[] };
    expect(on.schedule[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(data.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    const jobs = data.jobs as Record<string, { needs?: string; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[]; environment?: { name: string } }>;
    const build = jobs.build?.steps ?? [];
    const runs = build.map((s) => s.run ?? "");
    expect(runs.indexOf("npm run build")).toBeGreaterThan(runs.findIndex((r) => r.includes("SOURCE_DATE_EPOCH")));
    expect(build.at(-1)).toEqual({ uses: "actions/upload-pages-artifact@v3", with: { path: "_site" } });
    expect(jobs.deploy?.needs).toBe("build");
    expect(jobs.deploy?.environment?.name).toBe("github-pages");
    expect(jobs.deploy?.steps.map((s) => s.uses)).toEqual(["actions/deploy-pages@v4"]);
  });

  it("deploys to GitLab Pages from a job called pages that leaves the site in public/, for pushes and schedules", () => {
    const { data } = block(".gitlab-ci.yml", "public");
    const pages = data.pages as { script: string[]; artifacts: { paths: string[] }; rules: { if: string }[] };
    expect(pages.script).toContain("npm run build");
    expect(pages.script.at(-1)).toBe("rm -rf public && mv _site public");
    expect(pages.artifacts.paths).toEqual(["public"]);
    expect(pages.rules.map((r) => r.if)).toContain('$CI_PIPELINE_SOURCE == "schedule"');
  });

  it("calls Netlify's build hook daily, and deploys to Cloudflare Pages on pushes and daily", () => {
    const hook = block(".github/workflows/daily-rebuild.yml", "BUILD_HOOK").data;
    expect((hook.on as { schedule: unknown[] }).schedule).toHaveLength(1);
    const cloudflare = block(".github/workflows/cloudflare-pages.yml", "wrangler").data;
    expect((cloudflare.on as { schedule: unknown[] }).schedule).toHaveLength(1);
    const steps = (cloudflare.jobs as { deploy: { steps: { uses?: string; with?: { command?: string } }[] } }).deploy.steps;
    expect(steps.at(-1)?.with?.command).toMatch(/^pages deploy _site /);
  });

  it("has Netlify's netlify.toml publish the build output", () => {
    expect(markdown).toMatch(/```toml\n# netlify.toml\n\[build\]\n {2}command = "[^"]*npm run build"\n {2}publish = "_site"/);
  });
});
