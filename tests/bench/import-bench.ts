/**
 * Importer benchmark: the full BPI Challenge 2013 Volvo IT log (VINST, 65,533 events of 7,554
 * incidents) imported end to end into a fresh workspace on a temp dir: parse (csv-parse) + map
 * (every change through decide()) + record durably (journal append + fsync) + fold. Goal: < 10 s.
 * `benchImport()` prints JSON lines {name, value, unit, baseline, ratio, note}; the baseline of
 * the import is csv-parse of the same file alone (the floor any CSV import pays).
 *
 * Run it with `npx tsx tests/bench/import-bench.ts` (or import `benchImport` from a bench runner).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { CsvMapping, ImportPreview, ImportSummary } from '../../shared/contract/import-api';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { readZipEntry } from '../support/zip-entry';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BPI_ZIP = join(ROOT, '..', 'shared', 'data', 'eventlogs', 'IBM-VolvoIT-Challenge.zip');
export const BPI_ENTRY = 'VolvoIT-Challenge/VINST-new.csv';

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  note?: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function emit(line: Line): void {
  console.log(JSON.stringify({ ...line, value: round(line.value), baseline: line.baseline === null ? null : round(line.baseline), ratio: line.ratio === null ? null : round(line.ratio) }));
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchImport(opts: { runs?: number } = {}): Promise<void> {
  const runs = opts.runs ?? 3;
  const text = readZipEntry(BPI_ZIP, BPI_ENTRY).toString('utf8');

  // Baseline: csv-parse of the same text alone (median of `runs`).
  const parseTimes: number[] = [];
  const parseCpu: number[] = [];
  let records = 0;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    records = (parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]).length - 1;
    parseTimes.push(performance.now() - t);
    parseCpu.push(cpuMs(c));
  }
  const baseline = median(parseTimes);
  const baselineCpu = median(parseCpu);
  const load = `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine`;
  emit({ name: 'import.bpi2013.csvParseAlone', value: baseline, unit: 'ms', baseline: null, ratio: null, note: `csv-parse sync of VINST-new.csv (${records} records), median of ${runs}; ${load}` });

  const totals: number[] = [];
  const cpus: number[] = [];
  const again: number[] = [];
  let summary: ImportSummary | undefined;
  let journalBytes = 0;
  let reopenMs = 0;
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(join(tmpdir(), 'watchfloor-import-bench-'));
    try {
      const ws = await WorkspaceService.open({ dataDir: dir, version: 'bench' });
      const preview = (await ws.call('import.preview', { content: text, fileName: 'VINST-new.csv' })) as ImportPreview;
      const mapping = preview.mapping as CsvMapping;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      summary = (await ws.call('import.run', { importId: `bench-${i}`, content: text, fileName: 'VINST-new.csv', sourceKey: preview.sourceKey, mapping })) as ImportSummary;
      totals.push(performance.now() - t0);
      cpus.push(cpuMs(c0));
      if (summary.incidents.created !== 7554 || summary.rows.imported !== 65_533) throw new Error(`unexpected import: ${JSON.stringify(summary.incidents)} ${JSON.stringify(summary.rows)}`);
      const t1 = performance.now();
      const second = (await ws.call('import.run', { importId: `bench-${i}-again`, content: text, fileName: 'VINST-new.csv', sourceKey: preview.sourceKey, mapping })) as ImportSummary;
      again.push(performance.now() - t1);
      if (second.events.recorded !== 0) throw new Error('the second import added events');
      await ws.close();
      journalBytes = (await stat(join(dir, 'journal', 'events.ndjson'))).size;
      const t2 = performance.now();
      const reopened = await WorkspaceService.open({ dataDir: dir, version: 'bench' });
      reopenMs = performance.now() - t2;
      if (reopened.allIncidents().length !== 7554) throw new Error('the journal does not hold the import');
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const total = median(totals);
  const events = summary!.events.recorded;
  emit({
    name: 'import.bpi2013.endToEnd',
    value: total,
    unit: 'ms',
    baseline,
    ratio: total / baseline,
    note: `65,533 rows → ${summary!.incidents.created} incidents, ${events} events recorded durably (parse + map through decide() + journal append/fsync + fold), median of ${runs} (min ${round(Math.min(...totals))}); goal < 10,000 ms; baseline: csv-parse alone`,
  });
  const cpu = median(cpus);
  emit({
    name: 'import.bpi2013.endToEndCpu',
    value: cpu,
    unit: 'ms CPU',
    baseline: baselineCpu,
    ratio: cpu / baselineCpu,
    note: `CPU time of this process (user + system, all threads incl. GC) for the same import: less sensitive than wall time to other load; ${load}`,
  });
  emit({ name: 'import.bpi2013.eventsPerSecond', value: (events / total) * 1000, unit: 'events/s', baseline: null, ratio: null, note: `${events} events; journal ${Math.round(journalBytes / 1e6)} MB` });
  emit({ name: 'import.bpi2013.reimport', value: median(again), unit: 'ms', baseline: total, ratio: median(again) / total, note: 'the same file again: every event present already, nothing recorded; baseline: the first import' });
  emit({ name: 'import.bpi2013.reopen', value: reopenMs, unit: 'ms', baseline: null, ratio: null, note: 'opening the workspace afterwards (load + fold the journal)' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchImport().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
