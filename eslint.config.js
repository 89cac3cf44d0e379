// ESLint with typescript-eslint's type-aware rules: catches floating promises and unsafe `any`
// flows that the compiler alone lets through.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The folders of src/ as layers, highest first: a folder imports only from folders after it, so
// there is no cycle and a newcomer can tell where a thing belongs (docs/architecture.md draws it).
const LAYERS = ["commands", "cookie-scan", "verify", "dev-server", "pipeline", "rendering", "pages", "diff", "content", "markdown", "templating", "i18n", "addresses", "model", "rules", "patches", "core", "types"];

const layerRules = LAYERS.map((layer, index) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: LAYERS.slice(0, index).map((above) => ({
          group: [`**/${above}/*`, `**/${above}/**`],
          message: `src/${layer}/ is below src/${above}/ and may not import from it (layers: ${LAYERS.join(" → ")}; docs/architecture.md).`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["node_modules/", "_site/", "_site.*/", "coverage/", "screenshots/", "bench/.work/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["eslint.config.js", "bench/bare/eleventy.config.js", "bin/codicil.mjs"] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layerRules,
  {
    files: ["src/**/*.ts"],
    rules: {
      // A spread argument puts every element on the stack: a few hundred thousand (a lock file's
      // retired addresses) overflow it. src/core/arrays.ts's pushAll, a loop or reduce instead.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(push|unshift|splice|max|min|fromCharCode|fromCodePoint)$/] > SpreadElement",
          message: "A spread argument overflows the stack on a large array: use pushAll (src/core/arrays.ts), a loop or reduce.",
        },
      ],
    },
  },
  {
    files: ["tests/**"],
    rules: {
      // Tests assert on parsed JSON and DOM values whose shape the assertion itself checks.
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["tests/**"],
    // The global set-up runs once, in Vitest's own process, before any test file.
    ignores: ["tests/support/global-setup.ts"],
    rules: {
      // Test files share one process and its modules (vitest.config.ts): a test that mocked a module
      // or changed the process's state would change the tests after it.
      "no-restricted-properties": [
        "error",
        ...["mock", "doMock", "stubEnv", "stubGlobal", "spyOn"].map((property) => ({ object: "vi", property, message: "Test files share one process (vitest.config.ts): run the real module, in a child process if it needs other state." })),
        { object: "process", property: "chdir", message: "Test files share one process (vitest.config.ts): pass a root or cwd instead." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "AssignmentExpression > MemberExpression.left[object.object.name='process'][object.property.name='env'], UnaryExpression[operator='delete'] > MemberExpression[object.object.name='process'][object.property.name='env'], CallExpression[callee.object.name='Object'][callee.property.name='assign'] > MemberExpression.arguments:first-child[object.name='process'][property.name='env']",
          message: "Test files share one process (vitest.config.ts): give a child process its own env instead.",
        },
      ],
    },
  },
);
