import { it } from "vitest";
import { renderMarkdown } from "../../src/markdown/renderer.ts";
it("deep", () => {
  for (const n of [10000, 50000, 200000]) {
    const md = "<div>" + "<div>".repeat(n) + "x\n";
    const t = performance.now();
    const r = renderMarkdown(md, { file: "f", bodyLine: 7, pathPrefix: "/", siteUrl: "https://legal.example", permalinkLabel: (h) => h });
    console.log("OUT", n, md.length, Math.round(performance.now() - t), "ms", r.problems.length, r.problems[0]?.message.slice(0, 60));
  }
  const many = "Text <abbr title=\"x\">GDPR</abbr> and more text here.\n\n".repeat(20000);
  const t = performance.now();
  renderMarkdown(many, { file: "f", bodyLine: 7, pathPrefix: "/", siteUrl: "https://legal.example", permalinkLabel: (h) => h });
  console.log("OUT many", many.length, Math.round(performance.now() - t), "ms");
}, 120000);
