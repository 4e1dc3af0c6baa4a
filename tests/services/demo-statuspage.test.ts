import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CURRENT_EVENT_VERSION, EventPayloads, type EventEnvelope } from '../../shared/domain/events';
import type { IncidentState } from '../../shared/domain/incident';
import { foldIncident } from '../../shared/domain/reducer';
import { encodeHlc } from '../../shared/time/hlc';
import {
  htmlToText,
  parseStatuspage,
  statuspageTimeline,
  statuspageToTimedEvents,
  type StatuspageImportOptions,
} from '../../electron/services/demo/statuspage-history';
import type { TimedEvent } from '../../electron/services/workspace/timed-event';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = (file: string): unknown => JSON.parse(readFileSync(join(root, '..', 'shared', 'data', 'statuspage', file), 'utf8'));
const HOUR = 3_600_000;

function options(extra: Partial<StatuspageImportOptions> = {}): StatuspageImportOptions {
  let n = 0;
  let incidents = 0;
  return { incidentId: () => `INC-2026-TEST-${++incidents}`, newId: () => `id-${++n}`, ...extra };
}

/** Folds timed events the way the journal would: by time, then in the order they were produced. */
function fold(events: readonly TimedEvent[]): Map<string, IncidentState> {
  const byStream = new Map<string, EventEnvelope[]>();
  [...events]
    .sort((a, b) => a.at - b.at)
    .forEach((e, seq) => {
      const env: EventEnvelope = {
        id: `ev-${seq}`,
        stream: e.stream,
        type: e.type,
        hlc: encodeHlc({ millis: e.at, counter: 0 }),
        writerId: 'w',
        seq,
        recordedAt: new Date(e.at).toISOString(),
        actor: e.actor,
        v: CURRENT_EVENT_VERSION,
        data: e.data,
      };
      byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), env]);
    });
  return new Map([...byStream].map(([id, evs]) => [id, foldIncident(evs)!]));
}

function only(events: readonly TimedEvent[]): IncidentState {
  const states = [...fold(events).values()];
  expect(states).toHaveLength(1);
  return states[0]!;
}

describe('statuspageToTimedEvents', () => {
  it('maps a critical incident: P1, its four updates in order, status changes, milestones and resolution', () => {
    const events = statuspageToTimedEvents(data('github_incident_rgy28jwprr1c.json'), options());
    for (const e of events) expect(EventPayloads[e.type].safeParse(e.data).success).toBe(true);
    const s = only(events);

    expect(s).toMatchObject({ id: 'INC-2026-TEST-1', title: 'Notifications degredation', impact: 1, urgency: 1, priority: 'P1', status: 'resolved' });
    expect(s.services).toEqual(['Notifications']); // from the updates' affected_components
    expect(s.tags).toContain('statuspage:rgy28jwprr1c');
    expect(s.entries.map((e) => [e.kind, e.text, e.recordedAt])).toEqual([
      ['status_update', 'We are investigating a delay in webhook delivery.', '2019-09-23T16:12:01.706Z'],
      ['status_update', 'Webhooks have recovered, GitHub updates via the Slack integration are behind as we work through the backlog', '2019-09-23T16:22:14.769Z'],
      ['status_update', 'A fix has been implemented and we are monitoring the results.', '2019-09-23T16:28:27.036Z'],
      ['status_update', 'The backlog has cleared and all notifications are operational.', '2019-09-23T16:37:46.707Z'],
    ]);
    const moves = s.timeline.filter((e) => e.type === 'incident.statusChanged').map((e) => `${(e.data as { from: string }).from}→${(e.data as { to: string }).to}`);
    // investigating and identified → Investigating; monitoring goes through Mitigated, as the lifecycle demands
    expect(moves).toEqual(['new→investigating', 'investigating→mitigated', 'mitigated→monitoring', 'monitoring→resolved']);
    expect(s.resolution).toEqual({ summary: 'The backlog has cleared and all notifications are operational.', code: 'Fixed' });
    expect(s.milestones.impactStarted).toBe('2019-09-23T16:12:01.644Z');
    expect(s.milestones.resolved).toBe('2019-09-23T16:37:46.707Z');
    expect(s.createdAt).toBe('2019-09-23T16:12:01.654Z');
  });

  it('closes resolved incidents when asked, waiving the review only where the lifecycle requires one', () => {
    const closeAfter = () => 2 * HOUR;
    const p1 = only(statuspageToTimedEvents(data('github_incident_rgy28jwprr1c.json'), options({ closeAfter, reviewWaiver: 'Vendor incident' })));
    expect(p1.status).toBe('closed');
    expect(p1.review).toEqual({ outcome: 'waived', reason: 'Vendor incident' });
    expect(p1.milestones.closed).toBe('2019-09-23T18:37:46.707Z');

    const p4 = only(statuspageToTimedEvents(data('github_incident_1cdsggtd2q5k.json'), options({ closeAfter })));
    expect(p4).toMatchObject({ impact: 2, urgency: 3, priority: 'P4', status: 'closed', review: null });
  });

  it('maps major → P2 and components → services; keeps all 30 updates', () => {
    const s = only(statuspageToTimedEvents(data('github_incident_f0mhbz9xn497.json'), options()));
    expect(s.priority).toBe('P2');
    expect(s.entries).toHaveLength(30);
    expect(s.services.length).toBeGreaterThanOrEqual(8);
    expect(s.status).toBe('resolved');
  });

  it('maps all 1,282 incidents to valid events; impact critical/major/minor/none → P1/P2/P3/P4', () => {
    const events = statuspageToTimedEvents(data('github_incidents_all_1282.json'), options({ closeAfter: () => HOUR }));
    for (const e of events) expect(EventPayloads[e.type].safeParse(e.data).success, e.type).toBe(true);
    const states = [...fold(events).values()];
    expect(states).toHaveLength(1282);
    expect(states.every((s) => s.status === 'closed')).toBe(true);
    const count = (p: string) => states.filter((s) => s.priority === p).length;
    expect([count('P1'), count('P2'), count('P3'), count('P4')]).toEqual([2, 199, 1048, 33]);
  });

  it('expands the pre-2018 single-update lists into separate timestamped updates', () => {
    const all = parseStatuspage(data('github_incidents_all_1282.json')).incidents;
    const legacy = all.find((i) => i.id === '1qhyzvdmm4mz') ?? all.find((i) => i.incident_updates.length === 1 && i.incident_updates[0]!.body?.startsWith('<ul>'))!;
    const tl = statuspageTimeline(legacy, { retitleDatedNames: true });
    const items = legacy.incident_updates[0]!.body!.match(/<li>/g)!.length;
    expect(tl.updates).toHaveLength(items);
    expect(tl.updates.every((u) => !/<\w+/.test(u.text))).toBe(true);
    expect(tl.updates.at(-1)!.status).toBe('resolved');
    expect(tl.updates.slice(0, -1).every((u) => u.status === 'investigating')).toBe(true);
    expect(tl.title).not.toMatch(/^Incident on \d{4}/);
    expect(tl.resolved).toBe(tl.updates.at(-1)!.at);
    if (items > 1) expect(tl.resolved! - tl.opened).toBeGreaterThan(0);
  });

  it('moves incidents into a window keeping each one’s own timing', () => {
    const json = data('github_incidents_latest50.json');
    const from = Date.parse('2025-03-01T00:00:00Z');
    const to = Date.parse('2026-02-28T00:00:00Z');
    const original = fold(statuspageToTimedEvents(json, options({ closeAfter: () => HOUR })));
    const moved = fold(statuspageToTimedEvents(json, options({ closeAfter: () => HOUR, placeInto: { from, to } })));
    const key = (s: IncidentState) => s.tags.find((t) => t.startsWith('statuspage:'))!;
    const byKey = new Map([...original.values()].map((s) => [key(s), s]));
    expect(moved.size).toBe(50);
    for (const s of moved.values()) {
      const o = byKey.get(key(s))!;
      const shift = Date.parse(s.createdAt) - Date.parse(o.createdAt);
      const times = (x: IncidentState) => x.timeline.map((e) => Date.parse(e.recordedAt) - Date.parse(x.createdAt));
      expect(times(s)).toEqual(times(o));
      expect(Date.parse(s.milestones.impactStarted!) - Date.parse(o.milestones.impactStarted!)).toBe(shift);
      expect(Date.parse(s.milestones.impactStarted!)).toBeGreaterThanOrEqual(from);
      expect(Date.parse(s.milestones.closed!)).toBeLessThanOrEqual(to);
    }
  });

  it('refuses JSON that is not Statuspage incident JSON', () => {
    expect(() => statuspageToTimedEvents({ incidents: [{ id: 'x' }] }, options())).toThrow(/Not Statuspage incident JSON/);
  });

  it('reduces HTML bodies to text', () => {
    expect(htmlToText('See <a href="https://x.example/a">the post</a> &amp; <strong>more</strong><br>next')).toBe('See the post (https://x.example/a) & more\nnext');
  });
});
