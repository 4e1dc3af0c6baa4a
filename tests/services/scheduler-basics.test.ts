import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { IncidentState } from '../../shared/domain/incident';
import { startSla, type SlaRuntime } from '../../electron/services/scheduler/sla-runtime';
import type { Timers } from '../../electron/services/scheduler/sla-scheduler';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';

/**
 * The SLA scheduler against a real workspace (journal on disk) with an injected clock and
 * injected timers: the test decides what time it is and fires the one timer by hand.
 */

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday

/** setTimeout/clearTimeout that only record; `fire()` runs the pending callback. */
class ManualTimers implements Timers {
  pending = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  maxPending = 0;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    this.maxPending = Math.max(this.maxPending, this.pending.size);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fire(): void {
    const entries = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of entries) t.fn();
  }
}

describe('SLA scheduler', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let now: number;
  let timers: ManualTimers;
  let service: WorkspaceService;
  let runtime: SlaRuntime;
  let messages: StreamMessage[];
  let n = 0;

  /** The sleep cap (60 s by default) is lifted so the armed time shows what the scheduler waits for. */
  const open = async (maxSleepMs = 24 * 60 * MIN) => {
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock: { now: () => now }, newId: () => `id-${String(++n).padStart(8, '0')}` });
    messages = [];
    service.subscribe((m) => messages.push(m));
    runtime = await startSla(service, { timers, maxSleepMs, changeDelayMs: 0 }); // each change looked at as it happens: the test reads the result at once
  };
  const scheduler = () => runtime.scheduler!;
  /** Lets the scheduler finish what the last change started. */
  const settle = () => scheduler().wake();
  const at = async (t: number) => {
    now = t;
    await settle();
  };
  const create = async (input: Record<string, unknown> = { title: 'Core switch failure', impact: 1, urgency: 1 }) => {
    const i = (await service.call('incidents.create', input)) as IncidentState;
    await settle();
    return i;
  };
  const sla = (inc: IncidentState, type: string) => service.require(inc.id).timeline.filter((e) => e.type === type);
  const ids = (inc: IncidentState, type: string) => sla(inc, type).map((e) => e.id);

  beforeEach(async () => {
    dir = await tempDir('wf-sched-');
    now = T0;
    timers = new ManualTimers();
    await open();
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('sleeps until the next change and records the acknowledge breach once, at the right moment', async () => {
    const inc = await create();
    // One timer, armed for the first thing that changes: 75 % of the 5-minute acknowledge target.
    expect(timers.pending.size).toBe(1);
    expect(scheduler().armedFor).toBe(T0 + 225_000);
    expect([...timers.pending.values()][0]!.ms).toBe(225_000);

    now = T0 + 225_000;
    timers.fire();
    await settle();
    expect(ids(inc, 'sla.warning')).toEqual([`warn:${inc.id}:acknowledge:0:75`]);
    expect(scheduler().armedFor).toBe(T0 + 270_000); // 90 %

    await at(T0 + 270_000);
    expect(ids(inc, 'sla.warning')).toEqual([`warn:${inc.id}:acknowledge:0:75`, `warn:${inc.id}:acknowledge:0:90`]);
    expect(scheduler().armedFor).toBe(T0 + 5 * MIN);

    await at(T0 + 5 * MIN - 1);
    expect(ids(inc, 'sla.breached')).toEqual([]);
    await at(T0 + 5 * MIN);
    expect(ids(inc, 'sla.breached')).toEqual([`breach:${inc.id}:acknowledge:0`]);
    const breach = sla(inc, 'sla.breached')[0]!;
    expect(breach.data).toMatchObject({ target: 'acknowledge', breachedAt: new Date(T0 + 5 * MIN).toISOString(), priority: 'P1', targetMinutes: 5 });
    expect(breach.actor).toBe('Watchfloor SLA');

    // Waking again, or after a restart, adds nothing.
    await at(T0 + 6 * MIN);
    await settle();
    expect(ids(inc, 'sla.breached')).toHaveLength(1);
    await service.close();
    await open();
    await settle();
    expect(ids(inc, 'sla.breached')).toEqual([`breach:${inc.id}:acknowledge:0`]);
    expect(timers.maxPending).toBe(1);
  });

  it('raises automatic escalation to level 2 after 30 minutes without acknowledgement or progress', async () => {
    const inc = await create();
    await at(T0 + 14 * MIN);
    expect(ids(inc, 'escalation.raised')).toEqual([]);
    await at(T0 + 15 * MIN);
    expect(ids(inc, 'escalation.raised')).toEqual([`esc:${inc.id}:1:0`]);
    await at(T0 + 31 * MIN);
    expect(ids(inc, 'escalation.raised')).toEqual([`esc:${inc.id}:1:0`, `esc:${inc.id}:2:0`]);
    const level2 = sla(inc, 'escalation.raised')[1]!;
    expect(level2.data).toMatchObject({ level: 2, automatic: true, name: 'Duty manager', dueAt: new Date(T0 + 30 * MIN).toISOString() });

    const clocks = (await service.call('sla.clocks', { id: inc.id })) as MethodOutput<'sla.clocks'>;
    expect(clocks.incidents[0]!.escalation).toMatchObject({ level: 2, name: 'Duty manager', nextLevel: 3, nextDueAt: T0 + 60 * MIN });
    // Both target breaches that fell due meanwhile are there too, once each.
    expect(ids(inc, 'sla.breached')).toEqual([`breach:${inc.id}:acknowledge:0`, `breach:${inc.id}:firstUpdate:0`]);
  });

  it('catches up in one pass after a jump, in due order, and a jump back in time records nothing new', async () => {
    const inc = await create();
    await at(T0 + 61 * MIN);
    expect(ids(inc, 'escalation.raised')).toEqual([`esc:${inc.id}:1:0`, `esc:${inc.id}:2:0`, `esc:${inc.id}:3:0`]);
    const before = service.require(inc.id).timeline.length;
    await at(T0 + 20 * MIN);
    expect(service.require(inc.id).timeline).toHaveLength(before);
  });

  it('a stakeholder update meets the first-update target and restarts the cadence clock', async () => {
    const inc = await create({ title: 'Payment gateway timeouts', impact: 1, urgency: 2 }); // P2: first update 30 min, cadence 60 min
    await at(T0 + 10 * MIN);
    const passes = scheduler().stats.passes;
    await service.call('incidents.command', { id: inc.id, command: { type: 'addEntry', kind: 'status_update', text: 'We are on it' } });
    // The change alone makes the scheduler look again (no wake, no polling) and re-arm its one timer.
    await new Promise((r) => setTimeout(r, 50));
    expect(scheduler().stats.passes).toBeGreaterThan(passes);
    expect(scheduler().armedFor).toBe(scheduler().nextWake());
    const clocks = ((await service.call('sla.clocks', { id: inc.id })) as MethodOutput<'sla.clocks'>).incidents[0]!.clocks;
    expect(clocks.find((c) => c.target === 'firstUpdate')).toMatchObject({ state: 'met', metAt: T0 + 10 * MIN });
    expect(clocks.find((c) => c.target === 'update')).toMatchObject({ state: 'running', startedAt: T0 + 10 * MIN, dueAt: T0 + 70 * MIN });

    await at(T0 + 69 * MIN);
    expect(ids(inc, 'sla.breached').filter((id) => id.includes(':update:') || id.includes(':firstUpdate:'))).toEqual([]);
    await service.call('incidents.command', { id: inc.id, command: { type: 'addEntry', kind: 'status_update', text: 'Still on it' } });
    await settle();
    await at(T0 + 128 * MIN); // the second cycle (from 69 min) is due at 129 min
    expect(ids(inc, 'sla.breached').filter((id) => id.includes('pdate'))).toEqual([]);
    await at(T0 + 129 * MIN);
    expect(ids(inc, 'sla.breached').filter((id) => id.includes('pdate'))).toEqual([`breach:${inc.id}:update:${69 * 60}`]);
    // The warning of the first cadence cycle was recorded, then the clock restarted.
    expect(ids(inc, 'sla.warning')).toContain(`warn:${inc.id}:update:600:90`);
  });

  it('an acknowledgement stops the acknowledge clock, and recomputation follows the change', async () => {
    const inc = await create();
    await at(T0 + 2 * MIN);
    await service.call('incidents.command', { id: inc.id, command: { type: 'transition', to: 'acknowledged' } });
    await settle();
    await at(T0 + 6 * MIN);
    expect(ids(inc, 'sla.breached')).toEqual([]);
    expect(ids(inc, 'sla.warning')).toEqual([]);
  });

  it('does not flood the timeline with breaches from before this machine watched SLAs', async () => {
    // An incident whose history (imported) started 2 h 30 min before the scheduler's first start.
    await service.close();
    await dir.cleanup();
    dir = await tempDir('wf-sched-');
    now = T0;
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock: { now: () => now } });
    await service.importEvents([
      { stream: 'INC-2026-OLD-1', type: 'incident.created', at: T0 - 150 * MIN, actor: 'Importer', data: { title: 'Old outage', description: '', category: '', services: [], reporter: '', source: 'phone', tags: [], exercise: false, major: false, impact: 1, urgency: 1, priority: 'P1' } },
    ]);
    runtime = await startSla(service, { timers, maxSleepMs: 24 * 60 * MIN, changeDelayMs: 0 });
    await settle();
    const old = service.require('INC-2026-OLD-1');
    expect(ids(old, 'sla.breached')).toEqual([]); // acknowledge, first update, mitigation: all before T0
    expect(ids(old, 'escalation.raised')).toEqual([]);
    await at(T0 + 90 * MIN); // resolution (4 h from creation) breaches now: after T0, so recorded
    expect(ids(old, 'sla.breached')).toEqual(['breach:INC-2026-OLD-1:resolve:0']);
  });

  it('records warnings too and pushes a notification for each warning and breach', async () => {
    const inc = await create();
    messages.length = 0;
    await at(T0 + 4 * MIN);
    await at(T0 + 5 * MIN);
    const pushed = messages.flatMap((m) => (m.kind === 'notifications' ? m.added : []));
    expect(pushed.map((p) => [p.kind, p.id])).toEqual([
      ['sla.warning', `warn:${inc.id}:acknowledge:0:75`],
      ['sla.breached', `breach:${inc.id}:acknowledge:0`],
    ]);
    expect(pushed[1]!.title).toBe(`${inc.id}: acknowledge target breached`);
  });

  it('keeps one timer for many incidents and wakes for the earliest', async () => {
    const made: IncidentState[] = [];
    for (let i = 0; i < 20; i++) {
      now = T0 + i * 1000;
      made.push(await create({ title: `Incident ${i}`, impact: 1 + (i % 3), urgency: 1 + ((i >> 1) % 3) }));
    }
    expect(timers.pending.size).toBe(1);
    expect(timers.maxPending).toBe(1);
    expect(scheduler().armedFor).toBe(scheduler().nextWake());
    expect(scheduler().nextWake()).toBe(T0 + 225_000); // the first P1's 75 % warning
  });

  it('never sleeps longer than the cap, so a late timer (machine asleep) is caught up', async () => {
    await service.close();
    await open(60_000);
    await create({ title: 'Printer jam', impact: 3, urgency: 3 }); // P5: nothing due for hours
    expect(scheduler().armedFor).toBe(T0 + 60_000);
  });
});
