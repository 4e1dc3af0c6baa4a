import { describe, expect, it } from 'vitest';
import { EMPTY_COALESCE_STATE, flushNotices, groupTitle, planNotices, summarise, type CoalesceState } from '../../shared/notifications/coalesce';
import type { Notification, NotificationKind } from '../../shared/notifications/model';
import { DEFAULT_NOTIFICATION_PREFERENCES, inQuietHours, NotificationPreferencesSchema, wantsDesktop } from '../../shared/notifications/preferences';

const T = Date.parse('2026-03-02T10:00:00Z');
const OPTS = { max: 3, windowMs: 10_000 };

let seq = 0;
function n(kind: NotificationKind, incident: string, extra: Partial<Notification> = {}): Notification {
  seq++;
  return {
    id: `n-${seq}`,
    kind,
    incidentId: incident,
    priority: 'P2',
    at: new Date(T).toISOString(),
    title: `${incident}: ${kind}`,
    body: `body ${seq}`,
    assignee: null,
    target: kind === 'sla.breached' || kind === 'sla.warning' ? 'update' : null,
    acknowledged: false,
    ...extra,
  };
}
const breaches = (count: number, from = 1) => Array.from({ length: count }, (_, i) => n('sla.breached', `INC-2026-AAAAAA-${from + i}`));

describe('burst coalescing', () => {
  it('shows up to max notifications individually, as they are', () => {
    const batch = [n('incident.p1', 'INC-1'), n('sla.breached', 'INC-2')];
    const plan = planNotices(EMPTY_COALESCE_STATE, batch, T, OPTS);
    expect(plan.show.map((s) => [s.title, s.incidentId, s.summary])).toEqual([
      ['INC-1: incident.p1', 'INC-1', false],
      ['INC-2: sla.breached', 'INC-2', false],
    ]);
    expect(plan.flushAt).toBeNull();
    expect(plan.state.recent).toEqual([T, T]);
  });

  it('summarises a burst larger than the budget at once: "5 incidents breached update cadence"', () => {
    const plan = planNotices(EMPTY_COALESCE_STATE, breaches(5), T, OPTS);
    expect(plan.show).toHaveLength(1);
    expect(plan.show[0]).toMatchObject({
      title: '5 incidents breached update cadence',
      body: 'INC-2026-AAAAAA-1, INC-2026-AAAAAA-2, INC-2026-AAAAAA-3 and 2 more',
      incidentId: null,
      summary: true,
    });
    expect(plan.show[0]!.ids).toHaveLength(5);
    expect(plan.flushAt).toBe(T + 10_000); // a hold: more may follow
  });

  it('holds what arrives during a burst and summarises it when the hold ends', () => {
    let state: CoalesceState = planNotices(EMPTY_COALESCE_STATE, breaches(5), T, OPTS).state;
    const during = planNotices(state, breaches(2, 10), T + 2000, OPTS);
    expect(during.show).toEqual([]);
    state = planNotices(during.state, [n('escalation.raised', 'INC-2026-AAAAAA-10')], T + 4000, OPTS).state;
    expect(flushNotices(state, T + 9999, OPTS).show).toEqual([]); // not yet
    const flushed = flushNotices(state, T + 10_000, OPTS);
    expect(flushed.show.map((s) => s.title)).toEqual(['2 incidents breached update cadence', 'INC-2026-AAAAAA-10: escalation.raised']);
    expect(flushed.state.holdUntil).toBeNull();
    expect(flushed.flushAt).toBeNull();
  });

  it('counts the window: a fourth notification within 10 s is held, one after the window shows', () => {
    let plan = planNotices(EMPTY_COALESCE_STATE, [n('sla.warning', 'A'), n('sla.warning', 'B'), n('sla.warning', 'C')], T, OPTS);
    expect(plan.show).toHaveLength(3);
    plan = planNotices(plan.state, [n('sla.warning', 'D')], T + 5000, OPTS);
    expect(plan.show).toEqual([]);
    expect(plan.flushAt).toBe(T + 15_000);
    // A later arrival after the hold ended flushes the held one first, then is judged on its own.
    const later = planNotices(plan.state, [n('incident.p1', 'E')], T + 16_000, OPTS);
    expect(later.show.map((s) => s.title)).toEqual(['D: sla.warning', 'E: incident.p1']);
  });

  it('groups by kind and target; more groups than max become one overall notice', () => {
    const mixed = [
      ...breaches(2),
      n('sla.breached', 'X', { target: 'acknowledge' }),
      n('sla.warning', 'Y'),
      n('escalation.raised', 'Z'),
      n('assigned', 'Z', { assignee: 'Ana' }),
    ];
    const out = summarise(mixed, 3);
    expect(out).toHaveLength(1);
    expect(out[0]!.title).toBe('6 new notifications');
    expect(out[0]!.body).toBe('3 × SLA breach, 1 × SLA warning, 1 × Escalation, 1 × Assigned to you — INC-2026-AAAAAA-1, INC-2026-AAAAAA-2, X and 2 more');
    const fewer = summarise([...breaches(2), n('sla.breached', 'X', { target: 'acknowledge' })], 3);
    expect(fewer.map((s) => s.title)).toEqual(['2 incidents breached update cadence', 'X: sla.breached']);
  });

  it('keeps the incident link when a group is about one incident, and the highest priority', () => {
    const out = summarise([n('sla.breached', 'INC-9', { priority: 'P3' }), n('sla.breached', 'INC-9', { priority: 'P1' })], 3);
    expect(out[0]).toMatchObject({ title: '1 incident breached update cadence', incidentId: 'INC-9', priority: 'P1' });
  });

  it('words every kind', () => {
    expect(groupTitle('sla.warning', 'resolve', 3, 3)).toBe('3 incidents close to breaching resolution target');
    expect(groupTitle('escalation.raised', null, 2, 4)).toBe('2 incidents escalated');
    expect(groupTitle('incident.p1', null, 4, 4)).toBe('4 new P1 incidents');
    expect(groupTitle('assigned', null, 2, 3)).toBe('3 new assignments for you');
  });
});

describe('desktop preferences', () => {
  const prefs = NotificationPreferencesSchema.parse({ kinds: ['sla.breached', 'incident.p1'], quietHours: { enabled: true, start: '22:00', end: '07:00', allowP1: true } });
  const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

  it('quiet hours wrap past midnight and exclude their end', () => {
    expect(inQuietHours(prefs, minute('21:59'))).toBe(false);
    expect(inQuietHours(prefs, minute('22:00'))).toBe(true);
    expect(inQuietHours(prefs, minute('03:00'))).toBe(true);
    expect(inQuietHours(prefs, minute('07:00'))).toBe(false);
    const day = NotificationPreferencesSchema.parse({ quietHours: { enabled: true, start: '12:00', end: '13:30' } });
    expect([minute('11:59'), minute('12:00'), minute('13:29'), minute('13:30')].map((m) => inQuietHours(day, m))).toEqual([false, true, true, false]);
    expect(inQuietHours(DEFAULT_NOTIFICATION_PREFERENCES, minute('03:00'))).toBe(false);
  });

  it('only chosen kinds pop up; during quiet hours only P1 (when allowed); nothing when switched off', () => {
    const breach = { kind: 'sla.breached' as const, priority: 'P2' as const };
    expect(wantsDesktop(prefs, breach, minute('10:00'))).toBe(true);
    expect(wantsDesktop(prefs, { kind: 'sla.warning', priority: 'P1' }, minute('10:00'))).toBe(false);
    expect(wantsDesktop(prefs, breach, minute('23:00'))).toBe(false);
    expect(wantsDesktop(prefs, { ...breach, priority: 'P1' }, minute('23:00'))).toBe(true);
    expect(wantsDesktop({ ...prefs, quietHours: { ...prefs.quietHours, allowP1: false } }, { ...breach, priority: 'P1' }, minute('23:00'))).toBe(false);
    expect(wantsDesktop({ ...prefs, enabled: false }, breach, minute('10:00'))).toBe(false);
  });

  it('defaults every kind on, sound on, no quiet hours', () => {
    expect(DEFAULT_NOTIFICATION_PREFERENCES).toEqual({
      enabled: true,
      kinds: ['sla.warning', 'sla.breached', 'escalation.raised', 'incident.p1', 'assigned'],
      quietHours: { enabled: false, start: '22:00', end: '07:00', allowP1: true },
      sound: true,
    });
  });
});
