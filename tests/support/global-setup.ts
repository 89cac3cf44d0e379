// Builds in tests must not depend on the day they run.
export default function setup(): void {
  process.env.SOURCE_DATE_EPOCH ??= String(Date.UTC(2025, 6, 1) / 1000);
}
