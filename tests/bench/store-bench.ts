/**
 * Shared folder store benchmarks. Each exported function prints one JSON line per figure:
 * {name, value, unit, baseline?, ratio?, note?, load1, at} — load1 is the machine's 1-minute load
 * average when the figure was taken (this machine's 2 cores are shared), at the time (ISO).
 *
 * - benchDurableCommit: one action (WorkspaceService call, acknowledged after the local fsync)
 *   p50/p99, against writing the same bytes to a new file + fsync + rename, in the same run.
 * - benchBurst: sustained burst from one writer (64 calls in flight, group commit, after a warm-up):
 *   events/s acknowledged, and events/s until all are on the share.
 *   Both open the workspace as the app does (openWorkspace: SLA scheduler, notifications, status stream).
 * - benchStoreBurst: the same through the store alone (ready-made events, 64 appends in flight).
 * - benchOpenLarge: a PC opening a share of 1,000,000 events (10,000 incidents) with a snapshot
 *   to a ready, queryable workspace: time, ratio to reading + JSON.parse of the same events, peak RSS.
 * - benchPropagation: 3 writer processes at 10 events/s each for 60 s; acknowledgement on one PC
 *   to state change on another (polling every 250 ms): p50/p99.
 * - benchPollingCpu: CPU of an idle reader polling every 250 ms a share of 10,000 segment files.
 *
 * Run all: `npx tsx tests/bench/store-bench.ts` (or import `runStoreBench` / the single functions).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSharedStore } from '../../electron/services/shared-store';
import {
  chainRecords,
  encodeRecord,
  encodeSegment,
  headsHash,
  segmentName,
  sha256Hex,
  snapshotName,
  ZERO_HASH,
  type SnapshotHeader,
  type SnapshotHead,
} from '../../electron/services/shared-store/format';
import { buildCheckpoint } from '../../electron/services/shared-store/checkpoint-builder';
import { checkpointName, encodeCheckpoint } from '../../electron/services/shared-store/checkpoint-format';
import { initialiseSharedFolder } from '../../electron/services/shared-store/shared-folder-store';
import { openWorkspace } from '../../electron/services/workspace/open-workspace';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const WRITER = join(ROOT, 'tests', 'services', 'fixtures', 'shared-writer.ts');

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  note?: string;
  load1?: number;
  at?: string;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
function emit(line: Line): Line {
  const out: Line = { ...line, value: r3(line.value) };
  if (line.baseline !== undefined) out.baseline = r3(line.baseline);
  if (line.ratio !== undefined) out.ratio = r3(line.ratio);
  out.load1 = r3(loadavg()[0]!);
  out.at = new Date().toISOString();
  console.log(JSON.stringify(out));
  return out;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function temp(prefix: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

const epochNow = () => performance.timeOrigin + performance.now();

/** A workspace on a shared folder as the app opens it: the status stream, the SLA scheduler and the notification centre run too. */
function openAsTheAppDoes(dataDir: string, share: string): Promise<WorkspaceService> {
  return openWorkspace({ dataDir, version: 'bench', demo: false, sharedDir: share, sharePollMs: 1000 });
}

// ------------------------------------------------------------------ durable commit

export async function benchDurableCommit(n = 1000): Promise<Line[]> {
  const dir = await temp('wf-bench-commit-');
  try {
    const share = join(dir.path, 'share');
    await mkdir(share);
    const dataDir = join(dir.path, 'pc');
    const service = await openAsTheAppDoes(dataDir, share);
    const store = service.sharedStore();
    const { id } = (await service.call('incidents.create', { title: 'Bench incident', impact: 2, urgency: 2 })) as { id: string };
    const base = join(dir.path, 'baseline');
    await mkdir(base);
    const actions: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < n; i++) {
      // Interleaved, so both see the same disk conditions.
      const t0 = performance.now();
      const after = (await service.call('incidents.command', { id, command: { type: 'addEntry', kind: 'note', text: `Bench entry ${i}: called the vendor, waiting for the callback` } })) as {
        timeline: unknown[];
      };
      actions.push(performance.now() - t0);
      const bytes = JSON.stringify(after.timeline[after.timeline.length - 1]) + '\n';
      const t1 = performance.now();
      const tmp = join(base, `.${i}.tmp`);
      const fh = await open(tmp, 'wx');
      await fh.writeFile(bytes);
      await fh.sync();
      await fh.close();
      await rename(tmp, join(base, `${i}.json`));
      plain.push(performance.now() - t1);
    }
    await store!.flush(30_000);
    await service.close();
    actions.sort((a, b) => a - b);
    plain.sort((a, b) => a - b);
    return [
      emit({ name: 'store.commit.p50', value: pct(actions, 50), unit: 'ms', baseline: pct(plain, 50), ratio: pct(actions, 50) / pct(plain, 50), note: 'one addEntry call acknowledged after local fsync; baseline: same bytes to a new file + fsync + rename' }),
      emit({ name: 'store.commit.p99', value: pct(actions, 99), unit: 'ms', baseline: pct(plain, 99), ratio: pct(actions, 99) / pct(plain, 99) }),
    ];
  } finally {
    await dir.cleanup();
  }
}

// ------------------------------------------------------------------ burst

export async function benchBurst(total = 20_000, inFlight = 64, warmUp = 5_000): Promise<Line[]> {
  const dir = await temp('wf-bench-burst-');
  try {
    const share = join(dir.path, 'share');
    await mkdir(share);
    const dataDir = join(dir.path, 'pc');
    const service = await openAsTheAppDoes(dataDir, share);
    const store = service.sharedStore();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(((await service.call('incidents.create', { title: `Burst ${i}`, impact: 3, urgency: 3 })) as { id: string }).id);
    const burst = async (count: number) => {
      let started = 0;
      const lane = async () => {
        while (started < count) {
          const i = started++;
          await service.call('incidents.command', { id: ids[i % ids.length]!, command: { type: 'addEntry', kind: 'note', text: `burst ${i}` } });
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
    };
    // Sustained, not cold: the first thousands of calls in a fresh process run before the JIT has
    // compiled the path (3× slower per call); they are made, published and left out of the figure.
    await burst(warmUp);
    await store!.flush(30_000);
    const t0 = performance.now();
    await burst(total);
    const acked = performance.now() - t0;
    await store!.flush(120_000);
    const published = performance.now() - t0;
    await service.close();
    return [
      emit({ name: 'store.burst.acknowledged', value: total / (acked / 1000), unit: 'events/s', note: `${total} addEntry calls on 20 incidents, ${inFlight} in flight, one writer, after ${warmUp} warm-up calls` }),
      emit({ name: 'store.burst.published', value: total / (published / 1000), unit: 'events/s', note: 'until all are in segments on the share' }),
    ];
  } finally {
    await dir.cleanup();
  }
}

/**
 * The store alone: one writer appending ready-made events (as the service hands them over), 64
 * appends in flight, group-committed; events/s until acknowledged (local fsync) and until all are
 * in segments on the share. Against benchBurst, this leaves out what the service does per action
 * (validating the call, deciding, folding).
 */
export async function benchStoreBurst(total = 20_000, inFlight = 64): Promise<Line[]> {
  const dir = await temp('wf-bench-store-burst-');
  try {
    const share = join(dir.path, 'share');
    await mkdir(share);
    const store = openSharedStore({ dataDir: join(dir.path, 'pc'), sharedDir: share, writerId: 'burst-writer', pollMs: 1000 });
    await store.load();
    const start = Date.parse('2026-11-28T01:00:00Z');
    const events = Array.from({ length: total }, (_, i) => ({
      id: `burst-writer-${String(i + 1).padStart(9, '0')}`,
      stream: `INC-2026-BRST-${(i % 20) + 1}`,
      type: 'entry.added',
      hlc: `${String(start + i).padStart(15, '0')}:0000`,
      writerId: 'burst-writer',
      seq: i + 1,
      recordedAt: new Date(start + i).toISOString(),
      actor: 'Ana Ruiz',
      v: 1,
      data: { entryId: `e${i + 1}`, kind: 'note', text: `burst ${i}: called the vendor, waiting for the callback`, occurredAt: null, corrects: null },
    }));
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) await store.append([events[next++]!]);
      }),
    );
    const acked = performance.now() - t0;
    await store.flush(120_000);
    const published = performance.now() - t0;
    await store.close();
    return [
      emit({ name: 'store.appendBurst.acknowledged', value: total / (acked / 1000), unit: 'events/s', note: `${total} single-event appends to the store, ${inFlight} in flight, one writer` }),
      emit({ name: 'store.appendBurst.published', value: total / (published / 1000), unit: 'events/s', note: 'until all are in segments on the share' }),
    ];
  } finally {
    await dir.cleanup();
  }
}

// ------------------------------------------------------------------ open 1M events

const OPEN_WRITERS = 4;
/** Incidents still open in the large share: a control room's store is mostly history (closed incidents). */
const OPEN_ACTIVE = 50;

/**
 * Builds a share of `incidents` × `perIncident` events from OPEN_WRITERS writers, plus a snapshot
 * of all of it and the snapshot's checkpoint (built by the compaction's own code, timed). Each
 * incident is created, investigated, noted on, resolved and closed, except the newest
 * OPEN_ACTIVE, which are still being investigated.
 */
export async function buildLargeShare(share: string, incidents = 10_000, perIncident = 100): Promise<{ events: number; snapshot: string; checkpointMs: number }> {
  await mkdir(share, { recursive: true });
  const storeId = await initialiseSharedFolder(share, 'bench');
  const start = Date.parse('2026-01-05T08:00:00Z');
  const heads: Record<string, SnapshotHead> = {};
  const snapshotChunks: Buffer[] = [];
  let count = 0;
  for (let w = 0; w < OPEN_WRITERS; w++) {
    const writerId = `bench-writer-${w}`;
    const dir = join(share, 'writers', writerId);
    await mkdir(dir, { recursive: true });
    let seq = 0;
    let prev = ZERO_HASH;
    let segment: string[] = [];
    let snapText = '';
    const flushSegment = async () => {
      if (!segment.length) return;
      const first = seq - segment.length + 1;
      const records = chainRecords(segment, prev);
      prev = records[records.length - 1]!.hash;
      await writeFile(join(dir, segmentName(first, seq)), encodeSegment(writerId, first, seq, records));
      for (const r of records) snapText += encodeRecord(r);
      if (snapText.length > 8_000_000) {
        snapshotChunks.push(Buffer.from(snapText));
        snapText = '';
      }
      segment = [];
    };
    for (let i = w; i < incidents; i += OPEN_WRITERS) {
      const stream = `INC-2026-BNCH${w}-${i + 1}`;
      const closes = i < incidents - OPEN_ACTIVE;
      for (let k = 0; k < perIncident; k++) {
        seq++;
        const at = start + i * 60_000 + k * 1000;
        const common = { id: `${writerId}-${String(seq).padStart(9, '0')}`, stream, hlc: `${String(at).padStart(15, '0')}:0000`, writerId, seq, recordedAt: new Date(at).toISOString(), actor: 'Ana Ruiz', v: 1 };
        const status = (from: string, to: string, resolution?: { summary: string; code: string }) => ({ ...common, type: 'incident.statusChanged', data: { from, to, reason: '', ...(resolution ? { resolution } : {}) } });
        const event =
          k === 0
            ? { ...common, type: 'incident.created', data: { title: `Bench incident ${i}`, description: '', category: 'Network', services: ['Payments'], reporter: '', source: 'phone', tags: [], exercise: false, major: false, impact: 2, urgency: 2, priority: 'P3' } }
            : k === 1
              ? status('new', 'investigating')
              : closes && k === perIncident - 2
                ? status('investigating', 'resolved', { summary: 'Vendor replaced the line card', code: 'Vendor fix' })
                : closes && k === perIncident - 1
                  ? status('resolved', 'closed')
                  : { ...common, type: 'entry.added', data: { entryId: `e${seq}`, kind: 'note', text: `Update ${k}: still investigating with the vendor`, occurredAt: null, corrects: null } };
        segment.push(JSON.stringify(event));
        count++;
        if (segment.length === 2500) await flushSegment();
      }
    }
    await flushSegment();
    if (snapText) snapshotChunks.push(Buffer.from(snapText));
    heads[writerId] = { seq, hash: prev };
  }
  const body = Buffer.concat(snapshotChunks);
  const header: SnapshotHeader = { kind: 'watchfloor.snapshot', format: 1, storeId, heads, count, bodySha256: sha256Hex(body), createdAt: new Date().toISOString(), createdBy: 'bench' };
  const name = snapshotName(count, headsHash(heads));
  const headerLine = Buffer.from(JSON.stringify(header) + '\n');
  await writeFile(join(share, 'snapshots', name), Buffer.concat([headerLine, body]));
  const t0 = performance.now();
  const content = await buildCheckpoint(body, headerLine.length);
  if (!content) throw new Error('the bench snapshot got no checkpoint');
  const checkpoint = encodeCheckpoint({ snapshot: name, snapshotBodySha256: header.bodySha256, newestHlc: content.newestHlc, createdAt: header.createdAt, createdBy: 'bench' }, content.body);
  const checkpointMs = performance.now() - t0;
  await writeFile(join(share, 'snapshots', checkpointName(name)), checkpoint);
  return { events: count, snapshot: join(share, 'snapshots', name), checkpointMs };
}

/**
 * This process's peak RSS. Linux's ru_maxrss (process.resourceUsage) keeps the parent's RSS at
 * fork across exec, so a child of the bench (which has just built a large share in memory) would
 * report the parent's peak; VmHWM belongs to the child's own address space.
 */
function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Runs this file as a child process (own heap, own peak RSS) and returns its one JSON result. */
function child(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', fileURLToPath(import.meta.url), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`child ${args[0]} exited ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(last) as Record<string, number>);
    });
  });
}

/**
 * A PC opening the share as the app does (`openWorkspace`: the store, the SLA scheduler, the
 * notification centre, alert intake) until it is ready: `openWorkspace` has resolved (the
 * scheduler has looked at every active incident) and the console's list of active incidents has
 * answered. Then, apart: opening one closed incident (its first fold), a month of trends (every
 * incident folded once for its facts), and listing every incident with its whole timeline (every
 * event folded and kept: what an export of everything costs).
 */
async function childOpen(share: string, dataDir: string): Promise<void> {
  const t0 = performance.now();
  const service = await openWorkspace({ dataDir, version: 'bench', demo: false, sharedDir: share, sharePollMs: 60_000 });
  const { incidents: active } = (await service.call('incidents.list', { scope: 'active' })) as { incidents: Array<{ id: string; timeline: unknown[] }> };
  const openMs = performance.now() - t0;
  const maxRssMB = peakRssMB();
  const t1 = performance.now();
  const closed = (await service.call('incidents.get', { id: 'INC-2026-BNCH0-1' })) as { status: string; timeline: unknown[] };
  const firstGetMs = performance.now() - t1;
  if (closed.status !== 'closed' || closed.timeline.length === 0) throw new Error(`INC-2026-BNCH0-1 is ${closed.status} with ${closed.timeline.length} events`);
  const t3 = performance.now();
  const trends = (await service.call('trends.query', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', granularity: 'day' })) as { totals: { opened: number } };
  const trendsMs = performance.now() - t3;
  const trendsRssMB = peakRssMB();
  if (trends.totals.opened !== 10_000) throw new Error(`trends counted ${trends.totals.opened} incidents opened`);
  const t2 = performance.now();
  const { incidents } = (await service.call('incidents.list', { scope: 'all' })) as { incidents: Array<{ timeline: unknown[] }> };
  const allFoldedMs = performance.now() - t2;
  const events = incidents.reduce((n, i) => n + i.timeline.length, 0);
  const allFoldedRssMB = peakRssMB();
  await service.close();
  console.log(JSON.stringify({ openMs, active: active.length, firstGetMs, trendsMs, trendsRssMB, allFoldedMs, events, incidents: incidents.length, maxRssMB, allFoldedRssMB }));
}

async function childParse(snapshot: string): Promise<void> {
  const t0 = performance.now();
  const bytes = await readFile(snapshot);
  let start = bytes.indexOf(0x0a) + 1;
  let n = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    JSON.parse(bytes.toString('utf8', start + 130, end)); // the event JSON after "<hash> <prev> "
    n++;
    start = end + 1;
  }
  console.log(JSON.stringify({ parseMs: performance.now() - t0, events: n, maxRssMB: peakRssMB() }));
}

export async function benchOpenLarge(incidents = 10_000, perIncident = 100): Promise<Line[]> {
  const dir = await temp('wf-bench-open-');
  try {
    const share = join(dir.path, 'share');
    const tb = performance.now();
    const { events, snapshot, checkpointMs } = await buildLargeShare(share, incidents, perIncident);
    const buildMs = performance.now() - tb;
    const parsed = await child(['--child-parse', snapshot]);
    const opened = await child(['--child-open', share, join(dir.path, 'fresh-pc')]);
    if (opened.events !== events) throw new Error(`opened ${opened.events} of ${events} events`);
    const second = await child(['--child-open', share, join(dir.path, 'fresh-pc')]);
    // The same share without the checkpoint: what a new PC costs when it must parse and fold everything.
    await rm(snapshot.replace(/\.ndjson$/, '.state.json'));
    const parsing = await child(['--child-open', share, join(dir.path, 'parsing-pc')]);
    if (parsing.events !== events) throw new Error(`opened ${parsing.events} of ${events} events without the checkpoint`);
    const what = `${events} events, ${opened.incidents} incidents (${opened.active} active)`;
    return [
      emit({ name: 'store.open1M.snapshot', value: opened.openMs!, unit: 'ms', baseline: parsed.parseMs!, ratio: opened.openMs! / parsed.parseMs!, note: `${what}; new PC, the app's openWorkspace through the snapshot's checkpoint until the active list answers; baseline: read the snapshot + JSON.parse each event (build took ${Math.round(buildMs)} ms)` }),
      emit({ name: 'store.open1M.peakRss', value: opened.maxRssMB!, unit: 'MB', baseline: parsed.maxRssMB!, ratio: opened.maxRssMB! / parsed.maxRssMB! }),
      emit({ name: 'store.open1M.firstGet', value: opened.firstGetMs!, unit: 'ms', note: 'then opening one closed incident (100 events), folded from the local copy' }),
      emit({ name: 'store.open1M.firstTrends', value: opened.trendsMs!, unit: 'ms', note: `then a month of trends over all 10,000 incidents (each folded once for its facts, not kept); peak RSS so far ${Math.round(opened.trendsRssMB!)} MB` }),
      emit({ name: 'store.open1M.allFolded', value: opened.allFoldedMs!, unit: 'ms', note: `then listing every incident with its timeline (all ${events} events folded); peak RSS ${Math.round(opened.allFoldedRssMB!)} MB` }),
      emit({ name: 'store.open1M.restart', value: second.openMs!, unit: 'ms', baseline: parsed.parseMs!, ratio: second.openMs! / parsed.parseMs!, note: 'same PC again: from its local copies, nothing new on the share' }),
      emit({ name: 'store.open1M.restartPeakRss', value: second.maxRssMB!, unit: 'MB' }),
      emit({ name: 'store.open1M.withoutCheckpoint', value: parsing.openMs!, unit: 'ms', baseline: parsed.parseMs!, ratio: parsing.openMs! / parsed.parseMs!, note: `new PC, same share without the checkpoint (parse and fold every event); peak RSS ${Math.round(parsing.maxRssMB!)} MB` }),
      emit({ name: 'store.open1M.checkpointBuild', value: checkpointMs, unit: 'ms', note: 'the compacting PC folding the checkpoint (in slices, between its other work)' }),
    ];
  } finally {
    await dir.cleanup();
  }
}

// ------------------------------------------------------------------ propagation

export async function benchPropagation(writers = 3, rate = 10, seconds = 60, pollMs = 250): Promise<Line[]> {
  const dir = await temp('wf-bench-prop-');
  try {
    const share = join(dir.path, 'share');
    await mkdir(share);
    await initialiseSharedFolder(share, 'bench');
    const seenAt = new Map<string, number>();
    const dataDir = join(dir.path, 'observer');
    const service = await WorkspaceService.open({
      dataDir,
      version: 'bench',
      store: (writerId) => openSharedStore({ dataDir, sharedDir: share, writerId, pollMs }),
    });
    service.subscribe((m) => {
      if (m.kind !== 'incidents') return;
      const now = epochNow();
      for (const inc of m.incidents) for (const e of inc.timeline) if (!seenAt.has(e.id)) seenAt.set(e.id, now);
    });
    const ackAt = new Map<string, number>();
    const procs = Array.from({ length: writers }, (_, i) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, 'paced', '--data', join(dir.path, `w${i}`), '--share', share, '--writer', `paced-${i}`, '--rate', String(rate), '--seconds', String(seconds), '--poll', String(pollMs)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      createInterface({ input: proc.stdout! }).on('line', (l) => {
        const [tag, id, at] = l.split(' ');
        if (tag === 'acked') ackAt.set(id!, Number(at));
      });
      return new Promise<void>((resolve) => proc.on('exit', () => resolve()));
    });
    await Promise.all(procs);
    const deadline = Date.now() + 5000;
    while ([...ackAt.keys()].some((id) => !seenAt.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lat = [...ackAt].filter(([id]) => seenAt.has(id)).map(([id, at]) => seenAt.get(id)! - at).sort((a, b) => a - b);
    const missing = ackAt.size - lat.length;
    await service.close();
    return [
      emit({ name: 'store.propagation.p50', value: pct(lat, 50), unit: 'ms', note: `${writers} writer processes × ${rate} events/s × ${seconds} s = ${ackAt.size} events; polling ${pollMs} ms; ${missing} not seen` }),
      emit({ name: 'store.propagation.p99', value: pct(lat, 99), unit: 'ms' }),
    ];
  } finally {
    await dir.cleanup();
  }
}

// ------------------------------------------------------------------ polling CPU

async function childPoll(share: string, dataDir: string, seconds: number, pollMs: number): Promise<void> {
  const store = openSharedStore({ dataDir, sharedDir: share, writerId: 'poller', pollMs, compactAfterSegments: 0, snapshotReadThreshold: Infinity });
  const t0 = performance.now();
  const { events } = await store.load();
  const loadMs = performance.now() - t0;
  await store.syncNow();
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - w0;
  await store.close();
  console.log(JSON.stringify({ cpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100, loadMs, events: events.length }));
}

/** The same harness (node + tsx loader) doing nothing, for the polling baseline. */
async function childIdle(seconds: number): Promise<void> {
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ cpuPct: ((cpu.user + cpu.system) / 1000 / (performance.now() - w0)) * 100 }));
}

export async function benchPollingCpu(files = 10_000, writers = 10, seconds = 20, pollMs = 250): Promise<Line[]> {
  const dir = await temp('wf-bench-poll-');
  try {
    const share = join(dir.path, 'share');
    await mkdir(share);
    await initialiseSharedFolder(share, 'bench');
    for (let w = 0; w < writers; w++) {
      const writerId = `w${w}`;
      const wd = join(share, 'writers', writerId);
      await mkdir(wd, { recursive: true });
      let prev = ZERO_HASH;
      for (let s = 1; s <= files / writers; s++) {
        const at = Date.parse('2026-01-05T08:00:00Z') + s * 1000;
        const event = { id: `${writerId}-${s}-xxxxxxxx`, stream: `INC-2026-POLL${w}-1`, type: s === 1 ? 'incident.created' : 'entry.added', hlc: `${String(at).padStart(15, '0')}:0000`, writerId, seq: s, recordedAt: new Date(at).toISOString(), actor: 'x', v: 1, data: s === 1 ? { title: 't', impact: 3, urgency: 3, priority: 'P4' } : { entryId: `e${s}`, kind: 'note', text: 'x' } };
        const [rec] = chainRecords([JSON.stringify(event)], prev);
        prev = rec!.hash;
        await writeFile(join(wd, segmentName(s, s)), encodeSegment(writerId, s, s, [rec!]));
      }
    }
    const res = await child(['--child-poll', share, join(dir.path, 'poller'), String(seconds), String(pollMs)]);
    const idle = await child(['--child-idle', String(seconds)]);
    return [
      emit({
        name: 'store.polling.cpu',
        value: res.cpuPct!,
        unit: '% of one core',
        baseline: idle.cpuPct!,
        ratio: res.cpuPct! / idle.cpuPct!,
        note: `idle reader polling every ${pollMs} ms, ${files} segment files from ${writers} writers, over ${seconds} s; baseline: the same node+tsx process doing nothing`,
      }),
      emit({ name: 'store.polling.firstRead', value: res.loadMs!, unit: 'ms', note: `reading all ${files} segment files once (no snapshot)` }),
    ];
  } finally {
    await dir.cleanup();
  }
}

export async function runStoreBench(): Promise<Line[]> {
  return [...(await benchDurableCommit()), ...(await benchBurst()), ...(await benchStoreBurst()), ...(await benchPollingCpu()), ...(await benchPropagation()), ...(await benchOpenLarge())];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, ...rest] = process.argv.slice(2);
  const main =
    flag === '--child-open'
      ? () => childOpen(rest[0]!, rest[1]!)
      : flag === '--child-parse'
        ? () => childParse(rest[0]!)
        : flag === '--child-poll'
          ? () => childPoll(rest[0]!, rest[1]!, Number(rest[2]), Number(rest[3]))
          : flag === '--child-idle'
            ? () => childIdle(Number(rest[0]))
          : flag
            ? async () => {
                const fn = { commit: benchDurableCommit, burst: benchBurst, appendBurst: benchStoreBurst, open: benchOpenLarge, propagation: benchPropagation, polling: benchPollingCpu }[flag];
                if (!fn) throw new Error(`unknown benchmark ${flag}`);
                await fn();
              }
            : () => runStoreBench();
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
