import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { IncidentState } from '../../shared/domain/incident';
import { ControllableClock } from '../../electron/services/scheduler/controllable-clock';
import { startSla } from '../../electron/services/scheduler/sla-runtime';
import { LOCAL_SLA_FILE } from '../../electron/services/notifications/local-sla-store';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { startHost } from '../support/http-host';
import { refusal } from '../support/refusal';
import { tempDir } from '../support/temp-dir';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00Z');

describe('SLA API', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let clock: ControllableClock;
  let service: WorkspaceService;
  let messages: StreamMessage[];

  const open = async (withTestClock = true) => {
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock });
    messages = [];
    service.subscribe((m) => messages.push(m));
    if (withTestClock) await startSla(service, { testClock: clock, changeDelayMs: 0 });
  };
  const create = async (input: Record<string, unknown> = { title: 'Core switch failure', impact: 1, urgency: 1 }, actor?: string) =>
    (await service.call('incidents.create', input, { actor })) as IncidentState;

  beforeEach(async () => {
    dir = await tempDir('wf-sla-api-');
    clock = new ControllableClock({ now: () => T0 });
    await open();
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('workspace.info carries the host clock; testing.advanceClock moves it, runs the scheduler and tells clients', async () => {
    expect(((await service.call('workspace.info', {})) as MethodOutput<'workspace.info'>).now).toBe(T0);
    const inc = await create();
    const r = (await service.call('testing.advanceClock', { ms: 5 * MIN })) as MethodOutput<'testing.advanceClock'>;
    expect(r).toEqual({ now: T0 + 5 * MIN, recorded: 1 }); // the breach; no warning for a clock already breached
    expect(messages.filter((m) => m.kind === 'clock')).toEqual([{ kind: 'clock', now: T0 + 5 * MIN }]);
    expect(((await service.call('workspace.info', {})) as MethodOutput<'workspace.info'>).now).toBe(T0 + 5 * MIN);
    expect(service.require(inc.id).timeline.map((e) => e.id)).toContain(`breach:${inc.id}:acknowledge:0`);
    expect((await refusal(service.call('testing.advanceClock', { ms: -1 }))).code).toBe('invalid_input');
  });

  it('refuses testing.advanceClock with forbidden on a host without --test-clock', async () => {
    await service.close();
    await open(false);
    expect(await refusal(service.call('testing.advanceClock', { ms: MIN }))).toMatchObject({ code: 'forbidden' });
    expect(service.now()).toBe(T0);
  });

  it('sla.clocks answers for one or every active incident at the host now', async () => {
    const p1 = await create();
    const p3 = await create({ title: 'Printer jam', impact: 2, urgency: 2 });
    await service.call('testing.advanceClock', { ms: 2 * MIN });
    const all = (await service.call('sla.clocks', {})) as MethodOutput<'sla.clocks'>;
    expect(all.now).toBe(T0 + 2 * MIN);
    expect(all.incidents.map((i) => i.id).sort()).toEqual([p1.id, p3.id].sort());
    const one = (await service.call('sla.clocks', { id: p1.id })) as MethodOutput<'sla.clocks'>;
    expect(one.incidents).toHaveLength(1);
    expect(one.incidents[0]).toMatchObject({ id: p1.id, priority: 'P1', nearestText: 'acknowledge due in 3 min', escalation: { level: 0, nextLevel: 1, nextDueAt: T0 + 15 * MIN } });
    expect(one.incidents[0]!.clocks.map((c) => c.target)).toEqual(['acknowledge', 'firstUpdate', 'update', 'mitigate', 'resolve']);
    expect(one.incidents[0]!.risk).toBeCloseTo(0.4);
    expect((await refusal(service.call('sla.clocks', { id: 'INC-2026-NOPE-1' }))).code).toBe('not_found');
  });

  it('escalates and de-escalates by hand with a reason, recorded on the timeline', async () => {
    const inc = await create();
    expect(await refusal(service.call('incidents.escalate', { id: inc.id, reason: ' ' }))).toMatchObject({ code: 'invalid_input', field: 'reason' });
    await service.call('incidents.escalate', { id: inc.id, reason: 'Hospital reports radio outage' }, { actor: 'Ana Ruiz' });
    let s = (await service.call('sla.clocks', { id: inc.id })) as MethodOutput<'sla.clocks'>;
    expect(s.incidents[0]!.escalation).toMatchObject({ level: 1, name: 'On-call engineering' });
    await service.call('incidents.escalate', { id: inc.id, level: 3, reason: 'Regional impact' });
    expect(await refusal(service.call('incidents.escalate', { id: inc.id, level: 2, reason: 'again' }))).toMatchObject({ code: 'rule', rule: 'escalation.notHigher' });
    const after = (await service.call('incidents.deescalate', { id: inc.id, reason: 'Bridge staffed' })) as IncidentState;
    const raised = after.timeline.filter((e) => e.type === 'escalation.raised');
    expect(raised.map((e) => [e.actor, (e.data as { level: number; automatic: boolean }).level, (e.data as { automatic: boolean }).automatic])).toEqual([
      ['Ana Ruiz', 1, false],
      [service.settings.operatorName, 3, false],
    ]);
    expect(after.timeline.at(-1)).toMatchObject({ type: 'escalation.lowered', data: { from: 3, to: 2, reason: 'Bridge staffed' } });
    await service.call('incidents.deescalate', { id: inc.id, to: 0, reason: 'Resolved the radio issue' });
    s = (await service.call('sla.clocks', { id: inc.id })) as MethodOutput<'sla.clocks'>;
    expect(s.incidents[0]!.escalation!.level).toBe(0);
    expect(await refusal(service.call('incidents.deescalate', { id: inc.id, reason: 'x' }))).toMatchObject({ code: 'rule', rule: 'escalation.notLower' });
  });

  it('lists notifications per operator, acknowledges them on this machine only, and pushes both', async () => {
    const inc = await create();
    await service.call('incidents.command', { id: inc.id, command: { type: 'assignRole', role: 'coordinator', person: 'Ben Okafor' } }, { actor: 'Ana Ruiz' });
    await service.call('incidents.command', { id: inc.id, command: { type: 'assignRole', role: 'scribe', person: 'Ana Ruiz' } }, { actor: 'Ana Ruiz' }); // herself: no notification
    await service.call('testing.advanceClock', { ms: 4 * MIN });
    await service.call('testing.advanceClock', { ms: 1 * MIN });

    const ana = (await service.call('notifications.list', {}, { actor: 'Ana Ruiz' })) as MethodOutput<'notifications.list'>;
    const ben = (await service.call('notifications.list', {}, { actor: 'ben okafor' })) as MethodOutput<'notifications.list'>;
    expect(ana.notifications.map((n) => n.kind)).toEqual(['sla.breached', 'sla.warning', 'incident.p1']);
    expect(ben.notifications.map((n) => n.kind)).toEqual(['sla.breached', 'sla.warning', 'assigned', 'incident.p1']);
    expect(ben.notifications.find((n) => n.kind === 'assigned')).toMatchObject({ title: `${inc.id}: you are Incident coordinator`, assignee: 'Ben Okafor', incidentId: inc.id });
    expect(ben.unacknowledged).toBe(4);

    // The stream carried them as they happened (the assignment addressed to its assignee).
    const pushed = messages.flatMap((m) => (m.kind === 'notifications' ? m.added : []));
    expect(pushed.map((n) => n.kind)).toEqual(['incident.p1', 'assigned', 'sla.warning', 'sla.breached']);

    const breach = ben.notifications[0]!;
    const r = (await service.call('notifications.acknowledge', { ids: [breach.id] }, { actor: 'Ben Okafor' })) as MethodOutput<'notifications.acknowledge'>;
    expect(r).toEqual({ acknowledged: [breach.id], unacknowledged: 3 });
    expect(messages.at(-1)).toEqual({ kind: 'notifications', added: [], acknowledged: [breach.id], operator: 'Ben Okafor' });
    expect(((await service.call('notifications.list', {}, { actor: 'Ana Ruiz' })) as MethodOutput<'notifications.list'>).unacknowledged).toBe(3); // Ana's are hers
    const unacked = (await service.call('notifications.list', { unacknowledgedOnly: true }, { actor: 'Ben Okafor' })) as MethodOutput<'notifications.list'>;
    expect(unacked.notifications.map((n) => n.id)).not.toContain(breach.id);

    await service.call('notifications.acknowledge', { all: true }, { actor: 'Ben Okafor' });
    expect(((await service.call('notifications.list', {}, { actor: 'Ben Okafor' })) as MethodOutput<'notifications.list'>).unacknowledged).toBe(0);
    expect(await refusal(service.call('notifications.acknowledge', {}, { actor: 'Ben Okafor' }))).toMatchObject({ code: 'invalid_input', field: 'ids' });

    // Kept per machine (sla-local.json), never in the shared event log; survives a restart.
    const journal = await readFile(join(dir.path, 'journal', 'events.ndjson'), 'utf8');
    expect(journal).not.toContain('acknowledged');
    expect(JSON.parse(await readFile(join(dir.path, LOCAL_SLA_FILE), 'utf8')).acknowledged['ben okafor']).toHaveProperty(breach.id);
    await service.close();
    await open();
    expect(((await service.call('notifications.list', {}, { actor: 'Ben Okafor' })) as MethodOutput<'notifications.list'>).unacknowledged).toBe(0);
    expect(((await service.call('notifications.list', {}, { actor: 'Ana Ruiz' })) as MethodOutput<'notifications.list'>).unacknowledged).toBe(3);
  });

  it('counts what happened before this machine watched SLAs as seen, and drops what is older than a week', async () => {
    await service.importEvents([
      { stream: 'INC-2026-OLD-1', type: 'incident.created', at: T0 - 2 * 3_600_000, actor: 'Importer', data: { title: 'Old P1', description: '', category: '', services: [], reporter: '', source: 'phone', tags: [], exercise: false, major: false, impact: 1, urgency: 1, priority: 'P1' } },
      { stream: 'INC-2026-OLD-2', type: 'incident.created', at: T0 - 8 * 24 * 3_600_000, actor: 'Importer', data: { title: 'Ancient P1', description: '', category: '', services: [], reporter: '', source: 'phone', tags: [], exercise: false, major: false, impact: 1, urgency: 1, priority: 'P1' } },
    ]);
    const list = (await service.call('notifications.list', {})) as MethodOutput<'notifications.list'>;
    expect(list.notifications.map((n) => [n.incidentId, n.acknowledged])).toEqual([['INC-2026-OLD-1', true]]);
    expect(list.unacknowledged).toBe(0);
    // History arriving now (an import) is listed but not pushed as new.
    expect(messages.filter((m) => m.kind === 'notifications')).toEqual([]);
  });

  it('keeps desktop preferences per machine', async () => {
    const prefs = (await service.call('notifications.preferences', {})) as MethodOutput<'notifications.preferences'>;
    expect(prefs).toMatchObject({ enabled: true, sound: true, quietHours: { enabled: false } });
    await service.call('notifications.setPreferences', { ...prefs, sound: false, kinds: ['sla.breached'], quietHours: { enabled: true, start: '23:00', end: '06:30', allowP1: true } });
    await service.close();
    await open();
    expect(await service.call('notifications.preferences', {})).toMatchObject({ sound: false, kinds: ['sla.breached'], quietHours: { start: '23:00', end: '06:30' } });
    expect(await refusal(service.call('notifications.setPreferences', { quietHours: { start: '25:00' } }))).toMatchObject({ code: 'invalid_input' });
  });

  it('over HTTP: a wall (read-only) token may list but not acknowledge, escalate or move the clock', async () => {
    const host = await startHost({ service, version: 'test', token: 'full', wallToken: 'wall' });
    try {
      const inc = await create();
      const wall = { authorization: 'Bearer wall' };
      expect((await host.post('notifications.list', {}, wall)).status).toBe(200);
      for (const [method, body] of [
        ['notifications.acknowledge', { all: true }],
        ['incidents.escalate', { id: inc.id, reason: 'x' }],
        ['testing.advanceClock', { ms: 1 }],
      ] as const) {
        const res = await host.post(method, body, wall);
        expect(res.status, method).toBe(403);
      }
      const ok = await host.post('testing.advanceClock', { ms: MIN }, { authorization: 'Bearer full' });
      expect(ok.status).toBe(200);
    } finally {
      await host.close();
    }
  });
});
