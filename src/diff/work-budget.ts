/**
 * A bound on the work of one comparison, counted in units (a word read, a pair of words compared,
 * a cell of a table), never timed: the same texts give the same page on every machine.
 * docs/performance.md lists the bounds and what a unit costs.
 */
export class WorkBudget {
  #left: number;

  constructor(units: number) {
    this.#left = units;
  }

  get left(): number {
    return this.#left;
  }

  /** Takes `units`; beyond the bound, throws `OutOfWork` to the caller that set the bound. */
  spend(units: number): void {
    this.#left -= units;
    if (this.#left < 0) throw new OutOfWork();
  }
}

/**
 * Ends a comparison that reached its bound. Thrown rather than returned because the work is counted
 * deep inside searches (diff-sequences' callback) that have no other way out; compare.ts catches
 * it where a section is compared and shows that section whole.
 */
export class OutOfWork extends Error {
  constructor() {
    super("The comparison reached its bound of work.");
  }
}
