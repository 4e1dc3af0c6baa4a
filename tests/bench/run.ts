/**
 * `npm run bench [-- name ...]`: runs the benchmarks (all, or those named), each printing one JSON
 * line per figure ({name, value, unit, baseline?, ratio?}). Goals and results: docs/PERFORMANCE.md.
 */
const BENCHES: Record<string, () => Promise<unknown>> = {
  store: async () => (await import('./store-bench')).runStoreBench(),
  sla: async () => (await import('./sla-bench')).benchSla(),
  scheduler: async () => (await import('./scheduler-bench')).benchScheduler(),
  metrics: async () => (await import('./metrics-bench')).benchMetrics(),
  import: async () => (await import('./import-bench')).benchImport(),
  wallboard: async () => (await import('./wallboard-bench')).benchWallboard(),
  alerts: async () => (await import('./alerts-bench')).benchAlerts(),
  reports: async () => (await import('./report-bench')).benchReports(),
  trends: async () => (await import('./trends-render-bench')).benchTrendsRender(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in BENCHES));
  if (unknown.length) throw new Error(`Unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  let failed = 0;
  for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
    console.error(`# ${name}`);
    try {
      await BENCHES[name]!();
    } catch (err) {
      failed++;
      console.error(`# ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
