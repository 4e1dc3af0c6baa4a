import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { IncidentState } from '../../shared/domain/incident';
import { DEFAULT_ESCALATION_POLICIES, DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { ControllableClock } from '../../electron/services/scheduler/controllable-clock';
import { startSla } from '../../electron/services/scheduler/sla-runtime';
import type { EventStore } from '../../electron/services/journal/event-store';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../shared/domain/events';
import { encodeHlc } from '../../shared/time/hlc';
import { refusal } from '../support/refusal';
import { tempDir } from '../support/temp-dir';

/** policies.get / publishSla / publishEscalation against a real workspace (journal on disk) and its SLA scheduler. */

const MIN = 60_000;
const T0 = Date.parse('2026-11-27T14:02:00Z');

/** The SLA draft of the defaults with `edit` applied (what the settings screen sends). */
function slaDraft(edit: (d: Record<string, any>) => void = () => undefined): Record<string, unknown> {
  const { id: _id, version: _version, effectiveFrom: _from, ...draft } = structuredClone(DEFAULT_SLA_POLICY) as Record<string, any>;
  edit(draft);
  return draft;
}

describe('policy handlers', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let clock: ControllableClock;
  let service: WorkspaceService;
  let messages: StreamMessage[];
  const journal = () => readFile(join(dir.path, 'journal', 'events.ndjson'), 'utf8').catch(() => '');

  const open = async () => {
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock });
    messages = [];
    service.subscribe((m) => messages.push(m));
    await startSla(service, { testClock: clock });
  };
  const get = async () => (await service.call('policies.get', {})) as MethodOutput<'policies.get'>;
  const create = async (title: string) => (await service.call('incidents.create', { title, impact: 1, urgency: 2 })) as IncidentState; // P2

  beforeEach(async () => {
    dir = await tempDir('wf-policies-');
    clock = new ControllableClock({ now: () => T0 });
    await open();
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('policies.get answers the shipped defaults before anything is published', async () => {
    const state = await get();
    expect(state.sla.current).toEqual(DEFAULT_SLA_POLICY);
    expect(state.sla.versions).toEqual([{ policy: DEFAULT_SLA_POLICY, publishedBy: null, publishedAt: null, concurrent: false }]);
    expect(state.escalation.map((h) => h.id)).toEqual(DEFAULT_ESCALATION_POLICIES.map((p) => p.id));
  });

  it('publishSla records who and when as an event, numbers the version and tells every client; it survives a restart', async () => {
    clock.advance(5 * MIN);
    const state = (await service.call('policies.publishSla', { policy: slaDraft((d) => (d.priorities.P2.acknowledge.minutes = 20)) }, { actor: 'Dana' })) as MethodOutput<'policies.publishSla'>;
    expect(state.sla.current).toMatchObject({ id: 'default', version: 2, effectiveFrom: new Date(T0 + 5 * MIN).toISOString() });
    expect(state.sla.current.priorities.P2?.acknowledge?.minutes).toBe(20);
    expect(state.sla.versions[1]).toMatchObject({ publishedBy: 'Dana', publishedAt: new Date(T0 + 5 * MIN).toISOString(), concurrent: false });
    expect(messages).toContainEqual({ kind: 'policies' });
    const lines = (await journal()).trim().split('\n').filter((l) => l.includes('org.slaPolicy.published'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"stream":"org"');

    await service.call('policies.publishSla', { policy: slaDraft((d) => (d.priorities.P2.acknowledge.minutes = 25)) }, { actor: 'Sam' });
    await service.close();
    await open();
    const reopened = await get();
    expect(reopened.sla.versions.map((v) => [v.policy.version, v.publishedBy, v.policy.priorities.P2?.acknowledge?.minutes])).toEqual([
      [1, null, 15],
      [2, 'Dana', 20],
      [3, 'Sam', 25],
    ]);
    expect(service.allIncidents()).toEqual([]); // org events never become incidents
  });

  it('publishEscalation continues the policy\'s versions', async () => {
    const { version: _v, effectiveFrom: _f, ...major } = structuredClone(DEFAULT_ESCALATION_POLICIES[0]!);
    const state = (await service.call('policies.publishEscalation', { policy: { ...major, repeat: 2 } }, { actor: 'Dana' })) as MethodOutput<'policies.publishEscalation'>;
    expect(state.escalation.find((h) => h.id === 'major')?.current).toMatchObject({ version: 2, repeat: 2, effectiveFrom: new Date(T0).toISOString() });
  });

  const invalid: Array<{ name: string; method: 'policies.publishSla' | 'policies.publishEscalation'; input: unknown; field: string }> = [
    { name: 'a negative target', method: 'policies.publishSla', input: { policy: slaDraft((d) => (d.priorities.P2.acknowledge.minutes = -5)) }, field: 'policy.priorities.P2.acknowledge.minutes' },
    { name: 'a target that is not a number', method: 'policies.publishSla', input: { policy: slaDraft((d) => (d.priorities.P1.resolve.minutes = 'soon')) }, field: 'policy.priorities.P1.resolve.minutes' },
    { name: 'an unknown calendar', method: 'policies.publishSla', input: { policy: slaDraft((d) => (d.priorities.P3.acknowledge.calendar = 'paris-office')) }, field: 'policy.priorities.P3.acknowledge.calendar' },
    { name: 'a warning threshold over 99 %', method: 'policies.publishSla', input: { policy: slaDraft((d) => (d.warnAt = [75, 150])) }, field: 'policy.warnAt.1' },
    { name: 'an unknown time zone', method: 'policies.publishSla', input: { policy: slaDraft((d) => (d.calendars['london-office'].timeZone = 'Europe/Atlantis')) }, field: 'policy.calendars.london-office.timeZone' },
    { name: 'a misspelt clock', method: 'policies.publishSla', input: { policy: slaDraft((d) => (d.priorities.P2.acknowlege = { minutes: 5 })) }, field: 'policy.priorities.P2' },
    { name: 'a version given by the caller', method: 'policies.publishSla', input: { policy: slaDraft(), version: 7 }, field: '' },
    { name: 'no levels', method: 'policies.publishEscalation', input: { policy: { ...DEFAULT_ESCALATION_POLICIES[1]!, version: undefined, effectiveFrom: undefined, levels: [] } }, field: 'policy.levels' },
    {
      name: 'a level nobody is notified of',
      method: 'policies.publishEscalation',
      input: { policy: { id: 'x', kind: 'functional', levels: [{ kind: 'functional', notify: [], afterMinutes: 5 }] } },
      field: 'policy.levels.0.notify',
    },
  ];

  it.each(invalid)('refuses $name with invalid_input naming the field, and writes nothing', async ({ method, input, field }) => {
    const before = await journal();
    const body = await refusal(service.call(method, input, { actor: 'Dana' }));
    expect(body.code).toBe('invalid_input');
    expect(body.field ?? '').toBe(field);
    expect(await journal()).toBe(before);
    expect(messages.filter((m) => m.kind === 'policies')).toEqual([]);
    expect((await get()).sla.versions).toHaveLength(1);
  });

  it('refuses a publish from a read-only (wall token) caller', async () => {
    expect(await refusal(service.call('policies.publishSla', { policy: slaDraft() }, { readOnly: true }))).toMatchObject({ code: 'forbidden' });
  });

  it('a published policy changes what the running scheduler records, without a restart', async () => {
    const before = await create('Payroll export failing');
    clock.advance(MIN);
    await service.call('policies.publishSla', { policy: slaDraft((d) => (d.priorities.P2.acknowledge.minutes = 5)) }, { actor: 'Dana' });
    clock.advance(MIN);
    const after = await create('Badge readers offline');

    // 6 minutes after the second incident: its 5-minute acknowledge target has breached; the
    // first keeps the 15 minutes it was created under.
    await service.call('testing.advanceClock', { ms: 6 * MIN });
    const breaches = (id: string) => service.require(id).timeline.filter((e) => e.type === 'sla.breached').map((e) => e.id);
    expect(breaches(after.id)).toEqual([`breach:${after.id}:acknowledge:0`]);
    expect(breaches(before.id)).toEqual([]);
    const clocks = (await service.call('sla.clocks', {})) as MethodOutput<'sla.clocks'>;
    const ack = (id: string) => clocks.incidents.find((i) => i.id === id)!.clocks.find((c) => c.target === 'acknowledge')!;
    expect(ack(before.id).targetMs).toBe(15 * MIN);
    expect(ack(after.id).targetMs).toBe(5 * MIN);

    await service.call('testing.advanceClock', { ms: 8 * MIN });
    expect(breaches(before.id)).toEqual([`breach:${before.id}:acknowledge:0`]);
  });

  it('a version merged from another PC makes the running scheduler look at open incidents again', async () => {
    // Another PC's store delivers its events after load, as the shared folder does.
    let deliver: (events: unknown[]) => void = () => undefined;
    const stored: EventEnvelope[] = [];
    const store: EventStore = {
      load: async () => ({ events: [...stored], warnings: [] }),
      append: async (events) => void stored.push(...events),
      onRemoteEvents: (listener) => ((deliver = listener), () => undefined),
      close: async () => undefined,
    };
    await service.close();
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock, store });
    messages = [];
    service.subscribe((m) => messages.push(m));
    await startSla(service, { testClock: clock });
    const open = await create('Payroll export failing');

    // Its clock ran a minute behind: its version is effective from before the incident was created.
    const policy = { ...DEFAULT_SLA_POLICY, version: 2, effectiveFrom: new Date(T0 - MIN).toISOString(), priorities: { ...DEFAULT_SLA_POLICY.priorities, P2: { acknowledge: { minutes: 5, calendar: '24x7', pauseIn: [] } } } };
    deliver([{ id: 'remote-publish-1', stream: 'org', type: 'org.slaPolicy.published', hlc: encodeHlc({ millis: T0 + 1, counter: 0 }), writerId: 'writer-b', seq: 1, recordedAt: new Date(T0 - MIN).toISOString(), actor: 'Sam', v: CURRENT_EVENT_VERSION, data: { policy } }]);
    expect(messages).toContainEqual({ kind: 'policies' });
    expect((await get()).sla.versions.map((v) => [v.policy.version, v.publishedBy])).toEqual([
      [1, null],
      [2, 'Sam'],
    ]);

    // Without a second look the scheduler would sleep until the old 75 % warning (11¼ min).
    await service.call('testing.advanceClock', { ms: 6 * MIN });
    expect(service.require(open.id).timeline.filter((e) => e.type === 'sla.breached').map((e) => e.id)).toEqual([`breach:${open.id}:acknowledge:0`]);
  });
});
