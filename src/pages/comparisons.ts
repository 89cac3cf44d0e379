import type { TextSection } from "../model/text.ts";
import type { Route } from "../addresses/routes.ts";
import { COMPARISON_BOUNDS, compareSections, SharedWork, type Comparison } from "../diff/compare.ts";

type ComparingRoute = Extract<Route, { kind: "changes" | "compare" }>;

/** The two versions a changes or compare page sets side by side, older first. */
export function comparedPair(route: ComparingRoute): { readonly older: string; readonly newer: string } {
  return route.kind === "changes" ? { older: route.previous, newer: route.updated } : { older: route.updated, newer: route.against };
}

const pairKey = (route: ComparingRoute) => {
  const { older, newer } = comparedPair(route);
  return `${route.slug}\u0000${route.locale}\u0000${older}\u0000${newer}`;
};

/**
 * Comparisons that more than one page shows, computed once. The version just before the one in
 * force is compared with it twice: on the in-force version's changes page and on its own compare
 * page. A shared comparison is held only until each page that shows it has taken it, so a large
 * document's comparisons are never all in memory at once (pages.ts: views are built as written).
 */
export class SharedComparisons {
  readonly #waiting = new Map<string, number>();
  readonly #held = new Map<string, Comparison>();
  /** The work the comparisons of these pages have in common: each pair of sections compared once. */
  readonly #shared = new SharedWork(COMPARISON_BOUNDS);

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      if (route.kind !== "changes" && route.kind !== "compare") continue;
      const key = pairKey(route);
      this.#waiting.set(key, (this.#waiting.get(key) ?? 0) + 1);
    }
  }

  /** The comparison a page shows, computed by the first of the pages that share it. */
  comparison(route: ComparingRoute, older: readonly TextSection[], newer: readonly TextSection[]): Comparison {
    const key = pairKey(route);
    const waiting = this.#waiting.get(key) ?? 0;
    const comparison = this.#held.get(key) ?? compareSections(older, newer, COMPARISON_BOUNDS, this.#shared);
    if (waiting > 1) {
      this.#waiting.set(key, waiting - 1);
      this.#held.set(key, comparison);
    } else {
      // The last page to show it (or a view built again after all were written): nothing to keep.
      this.#waiting.delete(key);
      this.#held.delete(key);
    }
    return comparison;
  }
}

/** Without shared comparisons (a single view built on its own): each page compares its own pair. */
export const unshared = {
  comparison: (_route: ComparingRoute, older: readonly TextSection[], newer: readonly TextSection[]): Comparison => compareSections(older, newer),
};

export type ComparisonSource = Pick<SharedComparisons, "comparison">;
