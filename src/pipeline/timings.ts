/**
 * `CODICIL_TIMINGS=1 npm run build` prints how long each phase took and the process's memory then,
 * on stderr: what docs/performance.md's profile of a build is read from. Off by default.
 */
const enabled = process.env.CODICIL_TIMINGS === "1";

export function startPhase(label: string): () => void {
  if (!enabled) return () => undefined;
  const started = performance.now();
  return () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.error(`timing: ${label}: ${seconds} s, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB resident`);
  };
}
