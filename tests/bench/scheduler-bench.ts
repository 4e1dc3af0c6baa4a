/**
 * SLA scheduler benchmark. `benchScheduler()` prints JSON lines {name, value, unit, baseline, ratio, note}:
 *
 * - scheduler.cpuPerMinute.1000 — the real SlaScheduler (electron/services/scheduler) over 1,000
 *   active incidents of mixed priority and age for one simulated hour (injected clock and timers;
 *   recorded events are folded back into the incidents and streamed to it, as the workspace does),
 *   CPU per simulated minute; baseline: a poller that evaluates every incident every second.
 * - scheduler.wakesPerHour.1000 — timer wakes in that hour (at most one timer at a time), against
 *   3,600 polls.
 * - scheduler.firstPass.1000 — the start-up pass over all 1,000 incidents (what a host pays once
 *   when it opens), against one poll of them all (the same work: the first pass is a poll).
 * - sla.clocks.1000 — the `sla.clocks` API call for all 1,000 active incidents on a real
 *   WorkspaceService (clocks, nearest, risk, escalation), warm; baseline: the first (cold) call.
 * - renderer.tick.1000 — one display tick of 1,000 countdowns with the cached snapshots
 *   (shared/sla/snapshot.ts: recomputed only at the next change), against recomputing them all.
 *
 * Times are CPU milliseconds of this process (user + system). Run: `npx tsx tests/bench/scheduler-bench.ts`.
 */
import type { StreamMessage } from '../../shared/contract/stream';
import type { EventEnvelope } from '../../shared/domain/events';
import type { IncidentState } from '../../shared/domain/incident';
import { foldInto } from '../../shared/domain/reducer';
import { dueBreaches, dueWarnings } from '../../shared/sla/due';
import { dueEscalations } from '../../shared/sla/escalation';
import { escalationPolicyFor } from '../../shared/sla/escalation-policy';
import { describeClock } from '../../shared/sla/describe';
import type { DueEvent } from '../../shared/sla/events';
import { policyFor } from '../../shared/sla/policy';
import { computeSnapshot, DEFAULT_ORG_POLICIES, slaSnapshot } from '../../shared/sla/snapshot';
import { encodeHlc } from '../../shared/time/hlc';
import { SlaScheduler, type SchedulerWorkspace, type Timers } from '../../electron/services/scheduler/sla-scheduler';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { makeIncidents } from './sla-bench';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Wednesday 11 March 2026, 11:00 London: inside office hours (business calendars count). */
const NOW = Date.parse('2026-03-11T11:00:00Z');

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  note: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function emit(line: Line): void {
  console.log(JSON.stringify({ ...line, value: round(line.value), baseline: round(line.baseline), ratio: round(line.ratio) }));
}

function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function cpuOf(fn: () => Promise<void> | void): Promise<number> {
  const start = cpu();
  await fn();
  return cpu() - start;
}

/** The workspace as the scheduler sees it (see `view()`), in memory: recorded events are folded in and streamed. */
class MemoryWorkspace {
  readonly incidents = new Map<string, IncidentState>();
  private readonly listeners = new Set<(m: StreamMessage) => void>();
  private seq = 0;
  recorded = 0;
  constructor(
    list: readonly IncidentState[],
    public now: number,
  ) {
    for (const i of list) this.incidents.set(i.id, i);
  }
  view(): SchedulerWorkspace {
    return {
      watchedIncidents: () => [...this.incidents.values()],
      incident: (id) => this.incidents.get(id),
      now: () => this.now,
      subscribe: (l) => this.subscribe(l),
      recordEngineEvents: (e) => this.recordEngineEvents(e),
    };
  }
  subscribe(l: (m: StreamMessage) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  async recordEngineEvents(events: readonly DueEvent[]): Promise<number> {
    const changed = new Map<string, IncidentState>();
    for (const e of events) {
      const before = changed.get(e.stream) ?? this.incidents.get(e.stream);
      if (!before || before.timeline.some((x) => x.id === e.id)) continue;
      const env: EventEnvelope = { id: e.id, stream: e.stream, type: e.type, hlc: encodeHlc({ millis: this.now, counter: this.seq % 1000 }), writerId: 'bench', seq: ++this.seq, recordedAt: new Date(this.now).toISOString(), actor: 'Watchfloor SLA', v: 1, data: e.data };
      const after = foldInto(before, env);
      if (after) changed.set(e.stream, after);
    }
    for (const [id, s] of changed) this.incidents.set(id, s);
    this.recorded += changed.size;
    if (changed.size) for (const l of this.listeners) l({ kind: 'incidents', incidents: [...changed.values()] });
    return changed.size;
  }
}

class ManualTimers implements Timers {
  pending: (() => void) | undefined;
  setTimeout(fn: () => void): unknown {
    this.pending = fn;
    return 1;
  }
  clearTimeout(): void {
    this.pending = undefined;
  }
}

/** What a poller does every second for every incident: everything that might be due. */
function poll(incidents: readonly IncidentState[], now: number): number {
  let due = 0;
  for (const s of incidents) {
    const sla = policyFor(s, DEFAULT_ORG_POLICIES.sla)!;
    const esc = escalationPolicyFor(s, DEFAULT_ORG_POLICIES.escalation);
    due += dueBreaches(s, sla, now, { notBefore: NOW }).length + dueWarnings(s, sla, now).length;
    if (esc) due += dueEscalations(s, esc, now).length;
  }
  return due;
}

export async function benchScheduler(): Promise<void> {
  const incidents = makeIncidents(1000, NOW);
  // New identities: per-incident caches (history, snapshots) start cold, as after opening a workspace.
  const fresh = () => incidents.map((i) => ({ ...i }));
  poll(incidents.slice(0, 20), NOW); // compile the policy calendars once, for both sides alike
  const onePoll = await cpuOf(() => void poll(fresh(), NOW));

  // 1. The scheduler over one simulated hour.
  const ws = new MemoryWorkspace(fresh(), NOW);
  const timers = new ManualTimers();
  const scheduler = new SlaScheduler(ws.view(), { notBefore: NOW, timers });
  const firstPass = await cpuOf(() => scheduler.start());
  let wakes = 0;
  const hour = await cpuOf(async () => {
    for (;;) {
      const at = scheduler.armedFor;
      if (at === null || at > NOW + HOUR || !timers.pending) break;
      ws.now = at;
      const fire = timers.pending;
      timers.pending = undefined;
      wakes++;
      fire();
      await scheduler.wake();
    }
  });
  await scheduler.stop();

  // Baseline: a poller over the same incidents (10 simulated seconds, scaled to a minute).
  const polled = await cpuOf(() => {
    for (let s = 0; s < 10; s++) poll(incidents, NOW + s * 1000);
  });
  const perMinute = hour / 60;
  const pollPerMinute = (polled * 60) / 10;
  emit({ name: 'scheduler.cpuPerMinute.1000', value: perMinute, unit: 'ms CPU / simulated min', baseline: pollPerMinute, ratio: pollPerMinute / perMinute, note: `1,000 active incidents, 1 simulated hour, ${wakes} wakes, ${scheduler.stats.looks} incident looks, ${ws.recorded} incident updates recorded; baseline polls every incident every second` });
  emit({ name: 'scheduler.wakesPerHour.1000', value: wakes, unit: 'timer wakes / simulated h', baseline: 3600, ratio: 3600 / wakes, note: 'one timer at a time; includes the 60 s safety wake' });
  emit({ name: 'scheduler.firstPass.1000', value: firstPass, unit: 'ms CPU', baseline: onePoll, ratio: onePoll / firstPass, note: 'start-up pass (looks at every incident once, arms the timer); baseline: one poll of all incidents; both with cold per-incident caches' });

  // 2. sla.clocks for 1,000 incidents through the real service.
  const dir = await tempDir('wf-sched-bench-');
  try {
    const events = incidents.flatMap((i) => i.timeline);
    const service = await WorkspaceService.open({
      dataDir: dir.path,
      version: 'bench',
      clock: { now: () => NOW },
      store: { load: async () => ({ events, warnings: [] }), append: async () => undefined, close: async () => undefined },
    });
    const cold = await cpuOf(async () => void (await service.call('sla.clocks', {})));
    const warm: number[] = [];
    for (let r = 0; r < 10; r++) warm.push(await cpuOf(async () => void (await service.call('sla.clocks', {}))));
    warm.sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)]!;
    emit({ name: 'sla.clocks.1000', value: median, unit: 'ms CPU', baseline: cold, ratio: cold / median, note: 'sla.clocks over 1,000 active incidents (all clocks, nearest, risk, escalation), median of 10 warm calls; baseline: the first call (cold caches)' });
    await service.close();

    // 3. A display tick: 1,000 countdown texts.
    const states = service.allIncidents();
    const texts = (snap: (i: IncidentState, t: number) => ReturnType<typeof computeSnapshot>, t: number) => {
      let n = 0;
      for (const i of states) {
        const s = snap(i, t);
        if (s.nearest) n += describeClock(s.nearest, t).length;
      }
      return n;
    };
    texts(slaSnapshot, NOW); // fill the cache
    const cachedTicks: number[] = [];
    const freshTicks: number[] = [];
    for (let s = 1; s <= 10; s++) {
      cachedTicks.push(await cpuOf(() => void texts(slaSnapshot, NOW + s * 1000)));
      freshTicks.push(await cpuOf(() => void texts(computeSnapshot, NOW + s * 1000)));
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const cached = Math.max(med(cachedTicks), 0.001);
    emit({ name: 'renderer.tick.1000', value: cached, unit: 'ms CPU / tick', baseline: med(freshTicks), ratio: med(freshTicks) / cached, note: '1,000 countdown texts per one-second tick with cached snapshots (recomputed at the next change only); baseline: recomputing every snapshot each tick' });
  } finally {
    await dir.cleanup();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) await benchScheduler();
