/**
 * The inbox projection (electron/services/alerts/inbox-projection.ts): alert-stream events in
 * any arrival order, in any split into deliveries, with copies of the same event id, give the
 * inbox the pure fold gives for the events in store order; the dedup window refolds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_STREAM } from '../../shared/alerts/events';
import { foldInbox } from '../../shared/alerts/inbox';
import { compareEvents, CURRENT_EVENT_VERSION, type EventEnvelope } from '../../shared/domain/events';
import { encodeHlc } from '../../shared/time/hlc';
import { InboxProjection } from '../../electron/services/alerts/inbox-projection';
import { alertsOf, plus, RECEIVED } from '../fixtures/alerts/load';

function envelope(i: number, writer: string, type: string, data: unknown, at: string): EventEnvelope {
  return { id: `ev-${writer}-${String(i).padStart(4, '0')}`, stream: ALERT_STREAM, type, hlc: encodeHlc({ millis: Date.parse(at), counter: 0 }), writerId: writer, seq: i, recordedAt: at, actor: 'test', v: CURRENT_EVENT_VERSION, data };
}

/** A realistic history: firing, duplicates, a second group, a resolve, a dismissal, a re-fire, an attach. */
function history(): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  let i = 0;
  const add = (type: string, data: unknown, minutes: number, writer = 'pc-a') => events.push(envelope(++i, writer, type, data, plus(RECEIVED, minutes)));
  for (const a of alertsOf('alertmanager/am0.25_generated_01_firing_single.json', plus(RECEIVED, 0))) add('alert.received', a, 0);
  for (const a of alertsOf('alertmanager/am0.25_generated_01_firing_single.json', plus(RECEIVED, 1))) add('alert.received', a, 1, 'pc-b');
  for (const a of alertsOf('alertmanager/am0.25_generated_03_firing_two_alerts.json', plus(RECEIVED, 2))) add('alert.received', a, 2);
  add('alert.dismissed', { source: 'prom-prod', groupKey: '{}:{alertname="KubePodCrashLooping", service="payments"}', reason: 'known' }, 3, 'pc-b');
  for (const a of alertsOf('alertmanager/am0.25_generated_04_resolved.json', plus(RECEIVED, 20))) add('alert.received', a, 20);
  for (const a of alertsOf('alertmanager/am0.25_generated_05_mixed_firing_resolved.json', plus(RECEIVED, 21))) add('alert.received', a, 21, 'pc-b');
  add('alert.attached', { source: 'prom-prod', groupKey: '{}:{alertname="HighErrorRate", service="checkout-api"}', incidentId: 'INC-2026-AAAAAA-1', reason: '' }, 22);
  for (const a of alertsOf('alertmanager/am0.25_generated_01_firing_single.json', plus(RECEIVED, 40))) add('alert.received', { ...a, startsAt: plus(RECEIVED, 39) }, 40, 'pc-b');
  return events;
}

const expected = (events: EventEnvelope[], windowMs?: number) => foldInbox([...events].sort(compareEvents).map((e) => ({ type: e.type, data: e.data, recordedAt: e.recordedAt })), { dedupWindowMs: windowMs });

describe('inbox projection', () => {
  it('folds any arrival order and any split into deliveries like the pure fold in store order', () => {
    const events = history();
    const want = expected(events).groups;
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 }), (order, sizes) => {
        const p = new InboxProjection(undefined, () => Date.parse(RECEIVED));
        let at = 0;
        for (let k = 0; at < order.length; k++) {
          const n = sizes[k % sizes.length]!;
          p.ingest(order.slice(at, at + n));
          at += n;
        }
        expect(p.inbox.groups).toEqual(want);
        // A copy delivered again (the shared folder re-sends) changes nothing.
        expect(p.ingest([order[0]!])).toBeUndefined();
        expect(p.inbox.groups).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the copy of an event id that sorts first, whichever arrived first', () => {
    const [first] = alertsOf('alertmanager/am0.25_generated_01_firing_single.json');
    const late = envelope(1, 'pc-b', 'alert.received', first, plus(RECEIVED, 5));
    const early = { ...envelope(1, 'pc-a', 'alert.received', { ...first!, title: 'Earlier copy' }, plus(RECEIVED, 1)), id: late.id };
    const p = new InboxProjection();
    p.ingest([late]);
    p.ingest([early]);
    expect(Object.values(p.inbox.groups)[0]!.title).toBe('Earlier copy');
    expect(Object.values(p.inbox.groups)[0]!.count).toBe(1);
    expect(p.has(late.id)).toBe(true);
  });

  it('reports the changed groups, newly firing criticals, and incidents whose alerts all resolved', () => {
    const events = history();
    const p = new InboxProjection(undefined, () => Date.parse(plus(RECEIVED, 41)));
    const first = p.ingest(events.slice(0, 1))!;
    expect(first.groups.map((g) => g.id)).toEqual(['prom-prod/{}:{alertname="HighErrorRate", service="checkout-api"}']);
    expect(first.critical).toEqual([]); // received 41 minutes ago: history, not news
    const attach = events.findIndex((e) => e.type === 'alert.attached');
    p.ingest(events.slice(1, attach + 1));
    // Re-fire after the attach (a new critical, announced), then a resolve of the attached group.
    const refire = p.ingest(events.slice(attach + 1))!;
    expect(refire.critical.map((c) => [c.groupId, c.incidentId])).toEqual([['prom-prod/{}:{alertname="HighErrorRate", service="checkout-api"}', 'INC-2026-AAAAAA-1']]);
    const [resolved] = alertsOf('alertmanager/am0.25_generated_04_resolved.json', plus(RECEIVED, 45));
    const change = p.ingest([envelope(99, 'pc-a', 'alert.received', { ...resolved!, endsAt: plus(RECEIVED, 44) }, plus(RECEIVED, 45))])!;
    expect(change.monitoringSuggested).toEqual(['INC-2026-AAAAAA-1']);
    expect(p.groupsOf('INC-2026-AAAAAA-1').map((g) => g.firing)).toEqual([false]);
  });

  it('refolds with a new dedup window', () => {
    const events = history();
    const p = new InboxProjection();
    p.ingest(events);
    const checkout = 'prom-prod/{}:{alertname="HighErrorRate", service="checkout-api"}';
    expect(p.inbox.groups[checkout]!.duplicates).toBe(1);
    p.setDedupWindow(0);
    expect(p.inbox.groups).toEqual(expected(events, 0).groups);
    expect(p.inbox.groups[checkout]!.duplicates).toBe(0);
  });
});
