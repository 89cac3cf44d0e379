import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { createTemplateEnvironment } from "../../../src/templating/environment.ts";
import { framePrototype, NUNJUCKS_SET } from "../../../src/patches/nunjucks-loop-variables.ts";

/**
 * Codicil replaces Nunjucks' `Frame.set` with one that splits each variable name once
 * (src/patches/nunjucks-loop-variables.ts). Every template here is rendered with it and with Nunjucks'
 * own, and the two must agree: loops and their `loop.*` variables, nested loops, `{% set %}`
 * inside and outside loops (which looks for the frame that holds the variable), dotted names,
 * macros and their `caller`, includes, and a variable named like a loop variable.
 */
const templates: Record<string, string> = {
  "loop.njk": "{% for item in items %}{{ loop.index }}/{{ loop.length }}:{{ item }}{% if loop.first %}^{% endif %}{% if loop.last %}${% endif %} {% endfor %}",
  "nested.njk": "{% for row in rows %}{% for cell in row %}[{{ loop.index0 }}{{ loop.revindex }}{{ cell }}]{% endfor %}{{ loop.index }};{% endfor %}",
  "set.njk": "{% set total = 0 %}{% for item in items %}{% set total = total + item %}{% set inner = item %}{% endfor %}{{ total }} {{ inner }}",
  "dotted.njk": "{% for key, value in pairs %}{{ key }}={{ value }}{% else %}none{% endfor %}{% set loop = 'own' %}{{ loop }}",
  "macro.njk": "{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% for item in items %}{% call wrap('b') %}{{ item }}{{ loop.index }}{% endcall %}{% endfor %}",
  "include.njk": "{% for item in items %}{% include 'part.njk' %}{% endfor %}",
  "part.njk": "({{ item }} {{ loop.index }})",
};
const context = { items: [1, 2, 3], rows: [["a", "b"], ["c"]], pairs: { x: 1, y: "<2>" } };

// Codicil's `set` is installed when its first environment is made.
createTemplateEnvironment([]);
const templatesInMemory = new nunjucks.Environment(
  { getSource: (name: string) => ({ src: templates[name] ?? "", path: name, noCache: true }) },
  { autoescape: true },
);

describe("Codicil's Frame.set", () => {
  it("is installed once an environment exists, and renders every template as Nunjucks' own does", () => {
    const prototype = framePrototype();
    const nunjucksSet = prototype[NUNJUCKS_SET];
    expect(nunjucksSet).toBeTypeOf("function");
    if (!nunjucksSet) return;
    const fastSet = prototype.set;
    expect(fastSet).not.toBe(nunjucksSet);
    const renderAll = () => Object.keys(templates).map((name) => templatesInMemory.render(name, context));
    const fast = renderAll();
    prototype.set = nunjucksSet;
    let nunjucksOwn: string[];
    try {
      nunjucksOwn = renderAll();
    } finally {
      prototype.set = fastSet;
    }
    expect(fast).toEqual(nunjucksOwn);
    expect(fast[0]).toBe("1/3:1^ 2/3:2 3/3:3$ ");
    // A variable set inside a loop stays there; one set before it is updated (`resolveUp`).
    expect(fast[2]).toBe("6 ");
    expect(fast[1]).toBe("[02a][11b]1;[01c]2;");
    expect(fast[5]).toBe("(1 1)(2 2)(3 3)");
  });

  it("reaches Eleventy's templates: Eleventy resolves the same Nunjucks module as Codicil", () => {
    const fromCodicil = createRequire(import.meta.url).resolve("nunjucks");
    const eleventyDir = path.dirname(fileURLToPath(import.meta.resolve("@11ty/eleventy")));
    const fromEleventy = createRequire(path.join(eleventyDir, "Eleventy.js")).resolve("nunjucks");
    expect(fromEleventy).toBe(fromCodicil);
  });
});
