import nunjucks from "nunjucks";

/** Nunjucks' own `Frame.set`, kept on the prototype once replaced (and for tests to compare with). */
export const NUNJUCKS_SET = Symbol.for("codicil.nunjucksFrameSet");

/** The part of Nunjucks' runtime `Frame` this module replaces; it is missing from Nunjucks' type definitions. */
interface Frame {
  variables: Record<string, unknown>;
}
type FrameSet = (this: Frame, name: string, value: unknown, resolveUp?: boolean) => void;
export interface FramePrototype {
  set: FrameSet;
  [NUNJUCKS_SET]?: FrameSet;
}

export function framePrototype(): FramePrototype {
  return (nunjucks.runtime as unknown as { Frame: { prototype: FramePrototype } }).Frame.prototype;
}

/**
 * Nunjucks sets eight variables on every step of a `{% for %}` loop (the item, `loop.index`,
 * `loop.first` and five more), and its `Frame.set` splits each name at its dots every time to
 * allow dotted names. A changes page loops over every paragraph and marked word, every page over
 * thirty languages: in a CPU profile of M documents that splitting was 3 % of all the time. This
 * `set` does what Nunjucks' does (the same nested objects, the same values) with each name split
 * once per process: the names come from the compiled templates, so there are few of them. An M
 * document's templates then render in 92–127 ms instead of 138–183 ms (docs/performance-history.md). A
 * write that looks for the frame already holding the variable (`{% set %}`) goes to Nunjucks'
 * own `set`.
 *
 * Nunjucks is one module for Codicil and Eleventy (package.json asks for the version Eleventy
 * depends on; tests/unit/templates/loop-variables.test.ts checks they are the same), so this
 * reaches every template either renders.
 */
export function splitLoopVariableNamesOnce(): void {
  const prototype = framePrototype();
  if (prototype[NUNJUCKS_SET]) return;
  const nunjucksSet = prototype.set;
  const pathsByName = new Map<string, readonly string[]>();
  prototype.set = function set(this: Frame, name: string, value: unknown, resolveUp?: boolean): void {
    if (resolveUp) return nunjucksSet.call(this, name, value, resolveUp);
    let path = pathsByName.get(name);
    if (!path) pathsByName.set(name, (path = name.split(".")));
    let target = this.variables;
    const last = path.length - 1;
    for (let i = 0; i < last; i++) {
      const key = path[i] as string;
      // As Nunjucks does: a falsy value on the way is replaced by a new object.
      if (!target[key]) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[last] as string] = value;
  };
  prototype[NUNJUCKS_SET] = nunjucksSet;
}
