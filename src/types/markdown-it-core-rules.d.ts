// markdown-it's core rules are plain modules of its package (its "exports" allow any file);
// @types/markdown-it declares the package's index only. These are the rules
// src/markdown/inline-cache.ts runs itself, on the paragraphs it has not seen before.
declare module "markdown-it/lib/rules_core/inline.mjs" {
  import type { StateCore } from "markdown-it";
  export default function inline(state: StateCore): void;
}
declare module "markdown-it/lib/rules_core/linkify.mjs" {
  import type { StateCore } from "markdown-it";
  export default function linkify(state: StateCore): void;
}
declare module "markdown-it/lib/rules_core/replacements.mjs" {
  import type { StateCore } from "markdown-it";
  export default function replace(state: StateCore): void;
}
declare module "markdown-it/lib/rules_core/smartquotes.mjs" {
  import type { StateCore } from "markdown-it";
  export default function smartquotes(state: StateCore): void;
}
declare module "markdown-it/lib/rules_core/text_join.mjs" {
  import type { StateCore } from "markdown-it";
  export default function text_join(state: StateCore): void;
}
