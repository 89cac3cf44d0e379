/**
 * How `npm start` turns a stream of saved files into rebuilds: one at a time, each over everything
 * saved since the last one started. Edits come in bursts (an editor saves several files, `git
 * checkout` changes many), so a rebuild waits until no file has changed for `quietMs`. While one
 * runs (a full build of a large site takes half a minute), saves pile up and are rebuilt together
 * once it ends: before, each burst saved meanwhile queued its own rebuild, and a site-wide edit
 * saved three times during a full build ran three more full builds, one after another, of which
 * only the last showed anything new.
 */
export interface RebuildQueue<Scope> {
  /** A file changed: its scope joins the next rebuild. */
  add(scope: Scope): void;
  /** Resolves once nothing is waiting and no rebuild runs (for tests). */
  idle(): Promise<void>;
}

/**
 * `rebuild` gets every scope added since the previous call began, in the order they came. A
 * rebuild that fails is handed to `failed` and the queue goes on: the saves made meanwhile are
 * still rebuilt, and the server keeps running.
 */
export function rebuildQueue<Scope>(
  rebuild: (scopes: readonly Scope[]) => Promise<void>,
  failed: (error: unknown) => void,
  quietMs = 50,
): RebuildQueue<Scope> {
  let waiting: Scope[] = [];
  let lastAdded = 0;
  let running: Promise<void> | undefined;

  const quiet = async (): Promise<void> => {
    for (let left = lastAdded + quietMs - performance.now(); left > 0; left = lastAdded + quietMs - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, left));
    }
  };
  const drain = async (): Promise<void> => {
    // A burst that began during a rebuild may still be going on when it ends: wait for its end too.
    for (await quiet(); waiting.length > 0; await quiet()) {
      const scopes = waiting;
      waiting = [];
      await rebuild(scopes).catch(failed);
    }
    running = undefined;
  };

  return {
    add(scope) {
      waiting.push(scope);
      lastAdded = performance.now();
      running ??= drain();
    },
    async idle() {
      while (running) await running;
    },
  };
}
