import { describe, expect, it } from 'vitest';
import { AlertEventPayloads, ALERT_EVENT_TYPES, type AlertEvent } from '../../shared/alerts/events';
import {
  applyAlert,
  applyAlertDetailed,
  applyInboxEvent,
  emptyInbox,
  firingAt,
  foldInbox,
  groupId,
  needsTriage,
  sortedGroups,
  type AlertInbox,
  type AlertOutcome,
} from '../../shared/alerts/inbox';
import type { NormalisedAlert } from '../../shared/alerts/model';
import { parsePagerDuty } from '../../shared/alerts/pagerduty';
import { alertsOf, ctx, plus } from '../fixtures/alerts/load';

const T = '2026-11-27T19:00:00.000Z';
const AM_01 = 'alertmanager/am0.25_generated_01_firing_single.json';
const AM_02 = 'alertmanager/am0.25_generated_02_firing_truncated.json';
const AM_03 = 'alertmanager/am0.25_generated_03_firing_two_alerts.json';
const AM_04 = 'alertmanager/am0.25_generated_04_resolved.json';
const AM_05 = 'alertmanager/am0.25_generated_05_mixed_firing_resolved.json';
const MSTEAMS = 'alertmanager/msteams_prom_post_request.json';
const PD_01 = 'pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json';
const PD_02 = 'pagerduty-events-v2/am0.25_generated_pd_v2_02_trigger_two_alerts.json';
const PD_04 = 'pagerduty-events-v2/am0.25_generated_pd_v2_04_resolve.json';
const PD_05 = 'pagerduty-events-v2/am0.25_generated_pd_v2_05_retrigger_partial.json';
const CAP_ALERT = 'cap/01_flood_warning_alert.xml';
const CAP_UPDATE = 'cap/02_flood_warning_update.xml';
const CAP_CANCEL = 'cap/03_flood_warning_cancel.xml';

const G_ERRORS = groupId('prom-prod', '{}:{alertname="HighErrorRate", service="checkout-api"}');
const G_CRASH = groupId('prom-prod', '{}:{alertname="KubePodCrashLooping", service="payments"}');
const INCIDENT = 'INC-2026-K7Q2-14';

/** Applies fixtures in order, each received at `base + minutes`; returns the inbox and the outcomes. */
function feed(steps: Array<[file: string, minutes: number]>, inbox: AlertInbox = emptyInbox(), base = T) {
  const outcomes: AlertOutcome[] = [];
  for (const [file, minutes] of steps) {
    for (const a of alertsOf(file, plus(base, minutes))) {
      const r = applyAlertDetailed(inbox, a);
      inbox = r.inbox;
      outcomes.push(r.outcome);
    }
  }
  return { inbox, outcomes };
}

function only(inbox: AlertInbox) {
  const groups = Object.values(inbox.groups);
  expect(groups).toHaveLength(1);
  return groups[0]!;
}

/** The alert with a later start, as Alertmanager sends it when the condition comes back. */
function refiring(a: NormalisedAlert, startsAt: string, receivedAt: string): NormalisedAlert {
  return { ...a, status: 'firing', startsAt, endsAt: null, receivedAt };
}

describe('alert inbox: grouping', () => {
  it('groups by groupKey, identifies alerts by dedupKey', () => {
    const { inbox, outcomes } = feed([
      [AM_03, 0],
      [AM_01, 1],
    ]);
    expect(outcomes).toEqual(['new-group', 'new-alert', 'new-group']);
    expect(Object.keys(inbox.groups).sort()).toEqual([G_ERRORS, G_CRASH].sort());
    const crash = inbox.groups[G_CRASH]!;
    expect(crash).toMatchObject({ source: 'prom-prod', format: 'alertmanager', count: 2, firing: true, firingCount: 2, severity: 'warning', title: 'Pod is crash looping.', firstSeenAt: T, lastSeenAt: T });
    expect(crash.alerts.map((a) => a.dedupKey)).toEqual(['0b237aefc9452c52', '69dd874623d1ec29']);
    // Labels every alert shares (the pod differs).
    expect(crash.labels).toEqual({ alertname: 'KubePodCrashLooping', container: 'payments-worker', env: 'prod', namespace: 'payments', service: 'payments', severity: 'warning' });
  });

  it('03 then 05: one alert resolves, the other stays firing (a duplicate within the window)', () => {
    const { inbox, outcomes } = feed([
      [AM_03, 0],
      [AM_05, 5],
    ]);
    expect(outcomes).toEqual(['new-group', 'new-alert', 'resolved', 'duplicate']);
    const g = only(inbox);
    expect(g).toMatchObject({ count: 4, duplicates: 1, firing: true, firingCount: 1, lastSeenAt: plus(T, 5), lastChangedAt: plus(T, 5) });
    expect(g.alerts.map((a) => [a.dedupKey, a.status, a.endsAt])).toEqual([
      ['0b237aefc9452c52', 'resolved', '2026-11-27T19:00:12.736Z'],
      ['69dd874623d1ec29', 'firing', null],
    ]);
  });

  it('01 then 04: the group resolves; a later start re-fires it', () => {
    let { inbox } = feed([
      [AM_01, 0],
      [AM_04, 7],
    ]);
    expect(only(inbox)).toMatchObject({ firing: false, firingCount: 0, severity: 'critical' });
    const [a] = alertsOf(AM_01);
    const r = applyAlertDetailed(inbox, refiring(a!, '2026-11-27T19:30:00.000Z', plus(T, 31)));
    inbox = r.inbox;
    expect(r.outcome).toBe('refired');
    expect(only(inbox).alerts[0]).toMatchObject({ status: 'firing', startsAt: '2026-11-27T19:30:00.000Z', endsAt: null, fires: 2, count: 3 });
    expect(only(inbox).firing).toBe(true);
  });

  it('02: keeps the number of alerts Alertmanager left out, from the latest notification', () => {
    let { inbox } = feed([[AM_02, 0]]);
    expect(only(inbox).truncatedAlerts).toBe(2);
    const next = alertsOf(AM_02, plus(T, 5)).map((a) => ({ ...a, truncatedAlerts: 0 }));
    for (const a of next) inbox = applyAlert(inbox, a);
    expect(only(inbox).truncatedAlerts).toBe(0);
  });

  it('an alert stays in the group it was first seen in (same alert routed to a second receiver)', () => {
    let { inbox } = feed([[AM_01, 0]]);
    const [a] = alertsOf(AM_01, plus(T, 1));
    const r = applyAlertDetailed(inbox, { ...a!, groupKey: '{}/{team="web"}:{alertname="HighErrorRate"}' });
    inbox = r.inbox;
    expect(r.outcome).toBe('duplicate');
    expect(Object.keys(inbox.groups)).toEqual([G_ERRORS]);
  });

  it('keeps sources apart: the same keys from two sources are two groups', () => {
    let inbox = emptyInbox();
    for (const source of ['prom-prod', 'prom-dr']) for (const a of alertsOf(AM_01, T, source)) inbox = applyAlert(inbox, a);
    expect(Object.keys(inbox.groups).sort()).toEqual([groupId('prom-dr', '{}:{alertname="HighErrorRate", service="checkout-api"}'), G_ERRORS].sort());
  });

  it('the msteams capture without fingerprints deduplicates by its derived key', () => {
    const { inbox, outcomes } = feed([
      [MSTEAMS, 0],
      [MSTEAMS, 5],
    ]);
    expect(outcomes).toEqual(['new-group', 'duplicate']);
    expect(only(inbox).alerts).toHaveLength(1);
  });

  it('severity is the most severe firing alert; peakSeverity remembers the worst', () => {
    let { inbox } = feed([[AM_03, 0]]);
    const [first] = alertsOf(AM_03, plus(T, 1));
    inbox = applyAlert(inbox, { ...first!, dedupKey: 'critical-one', severity: 'critical', title: 'All pods crash looping' });
    expect(only(inbox)).toMatchObject({ severity: 'critical', peakSeverity: 'critical', title: 'All pods crash looping' });
    inbox = applyAlert(inbox, { ...first!, dedupKey: 'critical-one', severity: 'critical', status: 'resolved', endsAt: plus(T, 2), receivedAt: plus(T, 2) });
    expect(only(inbox)).toMatchObject({ severity: 'warning', peakSeverity: 'critical', title: 'Pod is crash looping.' });
  });

  it('does not change the inbox it is given', () => {
    const { inbox } = feed([[AM_03, 0]]);
    const before = structuredClone(inbox);
    for (const a of alertsOf(AM_05, plus(T, 5))) applyAlert(inbox, a);
    expect(inbox).toEqual(before);
  });
});

describe('alert inbox: dedup window', () => {
  // [minutes between notifications, window minutes, outcome of the second one]
  const cases: Array<[number, number, AlertOutcome]> = [
    [0, 15, 'duplicate'],
    [5, 15, 'duplicate'],
    [15, 15, 'duplicate'],
    [16, 15, 'repeated'],
    [240, 15, 'repeated'],
    [1, 0, 'repeated'],
    [0, 0, 'duplicate'],
  ];

  it.each(cases)('same state %i min later, window %i min → %s', (gap, window, expected) => {
    const { outcomes } = feed(
      [
        [AM_01, 0],
        [AM_01, gap],
      ],
      emptyInbox({ dedupWindowMs: window * 60_000 }),
    );
    expect(outcomes).toEqual(['new-group', expected]);
  });

  it('duplicates only raise the count; the window slides with each one; a repeat after it counts as a change', () => {
    const { inbox, outcomes } = feed([
      [AM_01, 0],
      [AM_01, 10],
      [AM_01, 20],
      [AM_01, 30],
      [AM_01, 50],
    ]);
    expect(outcomes).toEqual(['new-group', 'duplicate', 'duplicate', 'duplicate', 'repeated']);
    expect(only(inbox)).toMatchObject({ count: 5, duplicates: 3, firstSeenAt: T, lastSeenAt: plus(T, 50), lastChangedAt: plus(T, 50) });
    expect(only(inbox).alerts[0]).toMatchObject({ count: 5, fires: 1, lastChangedAt: plus(T, 50) });
  });

  it('a duplicate changes nothing but count and last seen', () => {
    const { inbox } = feed([[AM_01, 0]]);
    const [a] = alertsOf(AM_01, plus(T, 3));
    const after = applyAlert(inbox, { ...a!, title: 'changed wording' });
    const g = only(after);
    expect(g.alerts[0]!.title).toBe('checkout-api 5xx ratio above 5% for 5m');
    expect(g).toMatchObject({ count: 2, duplicates: 1, lastSeenAt: plus(T, 3), lastChangedAt: T });
  });
});

describe('alert inbox: out of order', () => {
  it('resolved before firing: the late firing notification is stale', () => {
    const { inbox, outcomes } = feed([
      [AM_04, 0],
      [AM_01, 2],
    ]);
    expect(outcomes).toEqual(['new-group', 'stale']);
    expect(only(inbox)).toMatchObject({ firing: false, count: 2, duplicates: 0, lastChangedAt: T });
    expect(only(inbox).alerts[0]).toMatchObject({ status: 'resolved', fires: 0 });
  });

  it('a resolve older than the current start is stale', () => {
    let { inbox } = feed([
      [AM_01, 0],
      [AM_04, 7],
    ]);
    const [a] = alertsOf(AM_01);
    inbox = applyAlert(inbox, refiring(a!, '2026-11-27T19:30:00.000Z', plus(T, 31)));
    const [late] = alertsOf(AM_04, plus(T, 32));
    const r = applyAlertDetailed(inbox, late!);
    expect(r.outcome).toBe('stale');
    expect(only(r.inbox).firing).toBe(true);
  });
});

describe('alert inbox: PagerDuty', () => {
  it('trigger/resolve share the dedup key: one alert, resolved', () => {
    const { inbox, outcomes } = feed(
      [
        [PD_01, 0],
        [PD_04, 7],
      ],
      emptyInbox(),
    );
    expect(outcomes).toEqual(['new-group', 'resolved']);
    expect(only(inbox)).toMatchObject({ firing: false, count: 2, title: '[RESOLVED] HighErrorRate checkout-api (prod checkout-api shop critical)' });
  });

  it('05_retrigger_partial within the window is a duplicate of 02; after it, a repeat with the new summary', () => {
    expect(feed([[PD_02, 0], [PD_05, 5]]).outcomes).toEqual(['new-group', 'duplicate']);
    const later = feed([[PD_02, 0], [PD_05, 20]]);
    expect(later.outcomes).toEqual(['new-group', 'repeated']);
    expect(only(later.inbox).title).toBe('[FIRING:1] KubePodCrashLooping payments (payments-worker prod payments warning)');
  });

  it('acknowledge keeps the content; acknowledge after resolve is dropped; trigger after resolve re-fires', () => {
    const key = { routing_key: '0'.repeat(32), dedup_key: '500cdcc59dbd473f4f364481761ff6e4bc6cd515bf0346701c535a56c755a54a' };
    const pd = (body: object, minutes: number) => {
      const r = parsePagerDuty(body, ctx(plus(T, minutes)));
      if (!r.ok) throw new Error(r.error);
      return r.alerts[0]!;
    };
    let { inbox } = feed([[PD_01, 0]]);
    let r = applyAlertDetailed(inbox, pd({ ...key, event_action: 'acknowledge' }, 2));
    expect(r.outcome).toBe('updated');
    expect(only(r.inbox)).toMatchObject({ acknowledged: true, title: '[FIRING:1] HighErrorRate checkout-api (prod checkout-api shop critical)', severity: 'critical' });
    r = applyAlertDetailed(r.inbox, pd({ ...key, event_action: 'resolve' }, 4));
    expect(r.outcome).toBe('resolved');
    expect(only(r.inbox)).toMatchObject({ acknowledged: false, firing: false, severity: 'critical' });
    r = applyAlertDetailed(r.inbox, pd({ ...key, event_action: 'acknowledge' }, 5));
    expect(r.outcome).toBe('stale');
    inbox = r.inbox;
    const [again] = alertsOf(PD_01, plus(T, 6));
    r = applyAlertDetailed(inbox, again!);
    expect(r.outcome).toBe('refired');
    expect(only(r.inbox).alerts[0]).toMatchObject({ status: 'firing', fires: 2, acknowledged: false });
  });

  it('a status-only event for an unknown alert makes a placeholder the next trigger fills', () => {
    const r1 = parsePagerDuty({ routing_key: '0'.repeat(32), dedup_key: 'db-1', event_action: 'acknowledge' }, ctx(T));
    if (!r1.ok) throw new Error(r1.error);
    let inbox = applyAlert(emptyInbox(), r1.alerts[0]!);
    expect(only(inbox).alerts[0]).toMatchObject({ placeholder: true, title: 'Acknowledged: db-1', acknowledged: true });
    const r2 = parsePagerDuty({ routing_key: '0'.repeat(32), dedup_key: 'db-1', event_action: 'trigger', payload: { summary: 'DB down', source: 'db-1', severity: 'critical' } }, ctx(plus(T, 1)));
    if (!r2.ok) throw new Error(r2.error);
    inbox = applyAlert(inbox, r2.alerts[0]!);
    expect(only(inbox).alerts[0]).toMatchObject({ placeholder: false, title: 'DB down', severity: 'critical' });
  });
});

describe('alert inbox: CAP Update and Cancel chains', () => {
  it('Alert → Update → Cancel: the update supersedes, the cancel resolves everything', () => {
    let { inbox, outcomes } = feed([[CAP_ALERT, 0]], emptyInbox(), '2026-03-02T08:46:00.000Z');
    const gid = groupId('prom-prod', 'warnings@hydro.example.org,HYD-2026-0302-0017');
    expect(inbox.groups[gid]).toMatchObject({ firing: true, severity: 'high' });

    ({ inbox, outcomes } = feed([[CAP_UPDATE, 0]], inbox, '2026-03-02T13:11:00.000Z'));
    expect(outcomes).toEqual(['resolved', 'new-alert']);
    let g = inbox.groups[gid]!;
    expect(g).toMatchObject({ firing: true, firingCount: 1, severity: 'critical', title: 'Severe flood warning: River Severn at Worcester & Diglis' });
    // The superseded warning keeps its own content.
    expect(g.alerts.map((a) => [a.dedupKey, a.status, a.title])).toEqual([
      ['warnings@hydro.example.org,HYD-2026-0302-0017', 'resolved', 'Flood warning: River Severn at Worcester'],
      ['warnings@hydro.example.org,HYD-2026-0302-0031', 'firing', 'Severe flood warning: River Severn at Worcester & Diglis'],
    ]);

    ({ inbox, outcomes } = feed([[CAP_CANCEL, 0]], inbox, '2026-03-03T06:31:00.000Z'));
    expect(outcomes).toEqual(['duplicate', 'resolved']);
    g = inbox.groups[gid]!;
    expect(g).toMatchObject({ firing: false, severity: 'critical', peakSeverity: 'critical' });
    expect(g.alerts.every((a) => a.status === 'resolved' && !a.placeholder)).toBe(true);
    expect(Object.keys(inbox.groups)).toEqual([gid]);
  });

  it('Cancel first: placeholders, then the late original fills them without re-firing', () => {
    let { inbox } = feed([[CAP_CANCEL, 0]], emptyInbox(), '2026-03-03T06:31:00.000Z');
    const g0 = only(inbox);
    expect(g0.alerts.every((a) => a.placeholder && a.status === 'resolved')).toBe(true);
    const r = applyAlertDetailed(inbox, alertsOf(CAP_ALERT, '2026-03-03T06:32:00.000Z')[0]!);
    inbox = r.inbox;
    expect(r.outcome).toBe('stale');
    const g = only(inbox);
    expect(g.firing).toBe(false);
    expect(g.alerts[0]).toMatchObject({ placeholder: false, status: 'resolved', title: 'Flood warning: River Severn at Worcester', severity: 'high' });
  });

  it('firingAt honours CAP expires', () => {
    const { inbox } = feed([[CAP_ALERT, 0]], emptyInbox(), '2026-03-02T08:46:00.000Z');
    const g = only(inbox);
    expect(firingAt(g, '2026-03-02T20:00:00.000Z')).toBe(true);
    expect(firingAt(g, '2026-03-03T09:00:00.000Z')).toBe(false);
  });
});

describe('alert inbox: events', () => {
  const received = (file: string, minutes: number): AlertEvent[] => alertsOf(file, plus(T, minutes)).map((data) => ({ type: 'alert.received', data, recordedAt: plus(T, minutes) }));
  const ref = { source: 'prom-prod', groupKey: '{}:{alertname="KubePodCrashLooping", service="payments"}' };

  it('every event payload schema accepts what the inbox is given, and the stored (JSON) alert parses back equal', () => {
    expect(ALERT_EVENT_TYPES).toEqual(['alert.received', 'alert.dismissed', 'alert.restored', 'alert.attached', 'alert.detached', 'alert.incidentCreated']);
    for (const e of received(AM_05, 0)) expect(AlertEventPayloads['alert.received'].parse(JSON.parse(JSON.stringify(e.data)))).toEqual(e.data);
    expect(AlertEventPayloads['alert.dismissed'].safeParse({ ...ref, reason: '' }).success).toBe(false);
    expect(AlertEventPayloads['alert.attached'].safeParse({ ...ref, incidentId: 'not-an-id' }).success).toBe(false);
    expect(AlertEventPayloads['alert.attached'].parse({ ...ref, incidentId: INCIDENT })).toEqual({ ...ref, incidentId: INCIDENT, reason: '' });
    expect(AlertEventPayloads['alert.incidentCreated'].safeParse({ ...ref, incidentId: INCIDENT, auto: true, severity: 'warning' }).success).toBe(true);
    expect(AlertEventPayloads['alert.received'].safeParse({ ...received(AM_01, 0)[0]!.data, source: 'has space' }).success).toBe(false);
  });

  it('dismissed groups stay dismissed through duplicates and come back on a new firing alert or a re-fire', () => {
    let inbox = foldInbox([...received(AM_03, 0), { type: 'alert.dismissed', data: { ...ref, reason: 'Known flapping pods' }, recordedAt: plus(T, 1) }]);
    expect(inbox.groups[G_CRASH]!.dismissed).toEqual({ reason: 'Known flapping pods', at: plus(T, 1) });
    expect(needsTriage(inbox.groups[G_CRASH]!)).toBe(false);
    for (const e of received(AM_03, 5)) inbox = applyInboxEvent(inbox, e);
    expect(inbox.groups[G_CRASH]!.dismissed).not.toBeNull();
    const [a] = alertsOf(AM_03, plus(T, 6));
    inbox = applyAlert(inbox, { ...a!, dedupKey: 'third-pod' });
    expect(inbox.groups[G_CRASH]!.dismissed).toBeNull();

    inbox = applyInboxEvent(inbox, { type: 'alert.dismissed', data: { ...ref, reason: 'Still flapping' } });
    for (const e of received(AM_05, 7)) inbox = applyInboxEvent(inbox, e);
    expect(inbox.groups[G_CRASH]!.dismissed).toMatchObject({ reason: 'Still flapping', at: null });
    const [gone] = alertsOf(AM_05, plus(T, 40));
    inbox = applyAlert(inbox, refiring(gone!, '2026-11-27T19:39:00.000Z', plus(T, 40)));
    expect(inbox.groups[G_CRASH]!.dismissed).toBeNull();

    inbox = applyInboxEvent(inbox, { type: 'alert.dismissed', data: { ...ref, reason: 'Noise' } });
    inbox = applyInboxEvent(inbox, { type: 'alert.restored', data: { ...ref, reason: '' } });
    expect(inbox.groups[G_CRASH]!.dismissed).toBeNull();
  });

  it('attach, detach and incident creation', () => {
    let inbox = foldInbox([...received(AM_03, 0), { type: 'alert.attached', data: { ...ref, incidentId: INCIDENT, reason: '' } }]);
    expect(inbox.groups[G_CRASH]).toMatchObject({ incidentId: INCIDENT, incidentCreated: false });
    expect(needsTriage(inbox.groups[G_CRASH]!)).toBe(false);
    inbox = applyInboxEvent(inbox, { type: 'alert.detached', data: { ...ref, incidentId: 'INC-2026-K7Q2-99', reason: '' } });
    expect(inbox.groups[G_CRASH]!.incidentId).toBe(INCIDENT);
    inbox = applyInboxEvent(inbox, { type: 'alert.detached', data: { ...ref, incidentId: INCIDENT, reason: 'wrong incident' } });
    expect(inbox.groups[G_CRASH]!.incidentId).toBeNull();
    expect(needsTriage(inbox.groups[G_CRASH]!)).toBe(true);
    inbox = applyInboxEvent(inbox, { type: 'alert.incidentCreated', data: { ...ref, incidentId: INCIDENT, auto: true, severity: 'warning' } });
    expect(inbox.groups[G_CRASH]).toMatchObject({ incidentId: INCIDENT, incidentCreated: true });
    // A re-fire keeps the incident.
    for (const e of received(AM_05, 5)) inbox = applyInboxEvent(inbox, e);
    expect(inbox.groups[G_CRASH]!.incidentId).toBe(INCIDENT);
  });

  it('events for unknown groups and other event types leave the inbox alone', () => {
    const base = foldInbox(received(AM_01, 0));
    const after = foldInbox([
      ...received(AM_01, 0),
      { type: 'alert.dismissed', data: { source: 'prom-prod', groupKey: 'nope', reason: 'x' } },
      { type: 'incident.created', data: { title: 'x' } },
      { type: 'alert.somethingNew', data: {} },
    ]);
    expect(after).toEqual(base);
  });

  it('folding recorded events equals applying the alerts one by one', () => {
    const events = [...received(AM_03, 0), ...received(AM_01, 1), ...received(AM_05, 5), ...received(AM_04, 8)];
    let direct = emptyInbox();
    for (const e of events) if (e.type === 'alert.received') direct = applyAlert(direct, e.data);
    expect(foldInbox(events)).toEqual(direct);
    expect(foldInbox(events, { dedupWindowMs: 0 }).groups[G_CRASH]!.duplicates).toBe(0);
  });

  it('sortedGroups: needing triage first, then firing, by severity, newest change first', () => {
    let { inbox } = feed([
      [AM_03, 0],
      [AM_02, 1],
      [AM_01, 2],
      [AM_04, 3],
    ]);
    inbox = applyInboxEvent(inbox, { type: 'alert.dismissed', data: { source: 'prom-prod', groupKey: '{}/{team="storage"}:{alertname="DiskSpaceLow", service="postgres"}', reason: 'Capacity ticket open' } });
    expect(sortedGroups(inbox).map((g) => g.title)).toEqual(['Pod is crash looping.', 'Filesystem has less than 10% space left.', 'checkout-api 5xx ratio above 5% for 5m']);
  });

  it('CAP test messages never need triage', () => {
    const { inbox } = feed([['cap/05_system_test.xml', 0]]);
    expect(only(inbox)).toMatchObject({ firing: true, flag: 'test' });
    expect(needsTriage(only(inbox))).toBe(false);
  });
});
