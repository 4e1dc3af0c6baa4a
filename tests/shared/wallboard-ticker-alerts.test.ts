import { describe, expect, it } from 'vitest';
import type { AlertGroupDto, CriticalAlert } from '../../shared/contract/alerts-api';
import { NO_FILTERS } from '../../shared/wallboard/filters';
import { latestSignificant, newerFirst } from '../../shared/wallboard/ticker';
import { alertOnBoard, alertTickerItem, criticalFromInbox, rememberAlerts } from '../../shared/wallboard/ticker-alerts';
import { mergeTicker } from '../../shared/wallboard/ticker-feed';
import { iso, T0, Writer } from './helpers';

const MIN = 60_000;

const critical = (min: number, title = 'API 5xx above 20 %', extra: Partial<CriticalAlert> = {}): CriticalAlert => ({
  groupId: 'prom-prod/{}:{alertname="ApiErrors"}',
  source: 'prom-prod',
  title,
  at: iso(T0 + min * MIN),
  incidentId: null,
  exercise: false,
  ...extra,
});

type Alert = AlertGroupDto['alerts'][number];

function alert(title: string, over: Partial<Alert> = {}): Alert {
  return {
    dedupKey: title,
    format: 'generic',
    status: 'firing',
    acknowledged: false,
    severity: 'critical',
    rawSeverity: 'critical',
    title,
    description: '',
    labels: {},
    annotations: {},
    links: [],
    startsAt: iso(T0),
    endsAt: null,
    exercise: false,
    flag: null,
    placeholder: false,
    firstSeenAt: iso(T0),
    lastSeenAt: iso(T0),
    lastChangedAt: iso(T0),
    count: 1,
    fires: 1,
    ...over,
  };
}

function group(id: string, alerts: Alert[], over: Partial<AlertGroupDto> = {}): AlertGroupDto {
  return {
    id,
    source: id.split('/')[0]!,
    groupKey: id.split('/')[1]!,
    format: 'generic',
    title: alerts[0]!.title,
    severity: 'critical',
    peakSeverity: 'critical',
    labels: {},
    alerts,
    firstSeenAt: iso(T0),
    lastSeenAt: iso(T0),
    lastChangedAt: iso(T0),
    count: alerts.length,
    duplicates: 0,
    firing: true,
    firingCount: alerts.length,
    acknowledged: false,
    truncatedAlerts: 0,
    exercise: false,
    flag: null,
    incidentId: null,
    incidentCreated: false,
    dismissed: null,
    ...over,
  };
}

describe('critical alerts on the ticker', () => {
  it('reads the firing critical alerts of the inbox since a moment, as the stream announces them', () => {
    const groups = [
      group('prom/db', [
        alert('DB down', { firstSeenAt: iso(T0 + 5 * MIN) }),
        alert('DB slow', { severity: 'high', firstSeenAt: iso(T0 + 6 * MIN) }),
        alert('DB disk', { status: 'resolved', firstSeenAt: iso(T0 + 7 * MIN) }),
        // fired again at 50: its last change, not its first sighting
        alert('DB replica', { fires: 2, firstSeenAt: iso(T0 - 600 * MIN), lastChangedAt: iso(T0 + 50 * MIN) }),
        alert('DB old', { firstSeenAt: iso(T0 - 10 * MIN) }),
      ]),
      group('cap/test', [alert('Siren test', { firstSeenAt: iso(T0 + 8 * MIN) })], { flag: 'test' }),
      group('gen/noise', [alert('Noise', { firstSeenAt: iso(T0 + 9 * MIN) })], { dismissed: { reason: 'known', at: null } }),
      group('gen/drill', [alert('Drill', { firstSeenAt: iso(T0 + 10 * MIN) })], { exercise: true, incidentId: 'INC-2026-ABC123-1' }),
    ];
    const got = criticalFromInbox(groups, T0);
    expect(got.map((a) => [a.title, a.at])).toEqual([
      ['DB down', iso(T0 + 5 * MIN)],
      ['DB replica', iso(T0 + 50 * MIN)],
      ['Drill', iso(T0 + 10 * MIN)],
    ]);
    expect(got[2]).toMatchObject({ groupId: 'gen/drill', source: 'gen', exercise: true, incidentId: 'INC-2026-ABC123-1' });
  });

  it('remembers each alert once, newest first, bounded; a re-fire moves it up', () => {
    const loaded = rememberAlerts([], [critical(1, 'A'), critical(3, 'B')]);
    expect(loaded.map((a) => a.summary)).toEqual(['B', 'A']);
    // the stream repeats A (seen on load) and announces C
    const live = rememberAlerts(loaded, [critical(1, 'A'), critical(4, 'C')]);
    expect(live.map((a) => a.summary)).toEqual(['C', 'B', 'A']);
    expect(live[2]).toBe(loaded[1]); // unchanged items keep their identity (the ticker skips re-rendering)
    expect(rememberAlerts(live, [critical(9, 'A')]).map((a) => a.summary)).toEqual(['A', 'C', 'B']);
    const many = Array.from({ length: 30 }, (_, i) => critical(i, `#${i}`));
    const bounded = rememberAlerts([], many, 5);
    expect(bounded.map((a) => a.summary)).toEqual(['#29', '#28', '#27', '#26', '#25']);
    expect(rememberAlerts([], [{ ...critical(0), at: 'not a time' }])).toEqual([]);
  });

  it('merges alerts with incident changes newest first, at most the limit', () => {
    const w = new Writer('writer-wall', { tag: 'wall' });
    w.now = T0 + 2 * MIN;
    const a = w.create({ title: 'Card payments failing', impact: 1, urgency: 1 });
    w.now = T0 + 4 * MIN;
    const b = w.create({ title: 'VPN down', impact: 2, urgency: 2 });
    const changes = latestSignificant([w.get(a), w.get(b)], 6);
    const alerts = rememberAlerts([], [critical(1, 'early'), critical(3, 'between'), critical(5, 'latest')]);
    const merged = mergeTicker(changes, alerts, 6);
    expect(merged.map((t) => (t.kind === 'alert' ? `alert ${t.summary}` : t.text))).toEqual([
      'alert latest',
      'New P3: VPN down',
      'alert between',
      'New P1: Card payments failing',
      'alert early',
    ]);
    expect(mergeTicker(changes, alerts, 2).map((t) => t.kind)).toEqual(['alert', 'created']);
    expect(mergeTicker([], [], 6)).toEqual([]);
    // a flood of newer alerts takes half the ticker while incident changes can fill the rest
    const flood = rememberAlerts([], Array.from({ length: 10 }, (_, i) => critical(10 + i, `flood ${i}`)));
    const changes5 = [...changes, ...changes, ...changes].map((t, i) => ({ ...t, key: `${t.key}-${i}` })).sort(newerFirst);
    const summary = (list: ReturnType<typeof mergeTicker>) => list.map((t) => (t.kind === 'alert' ? t.summary : t.text));
    expect(summary(mergeTicker(changes5, flood, 6))).toEqual(['flood 9', 'flood 8', 'flood 7', 'New P3: VPN down', 'New P3: VPN down', 'New P3: VPN down']);
    // with only two changes, the alerts take the other four places
    expect(summary(mergeTicker(changes, flood, 6))).toEqual(['flood 9', 'flood 8', 'flood 7', 'flood 6', 'New P3: VPN down', 'New P1: Card payments failing']);
    expect(mergeTicker([], flood, 6)).toHaveLength(6);
  });

  it('puts an alert on the boards of its incident, an unattached one on unfiltered boards', () => {
    const w = new Writer('writer-wall', { tag: 'wall' });
    const id = w.create({ title: 'Payments', impact: 1, urgency: 1, category: 'Network' });
    const incidents = { [id]: w.get(id) };
    const network = { ...NO_FILTERS, categories: ['network'] };
    const storage = { ...NO_FILTERS, categories: ['storage'] };
    const attached = alertTickerItem(critical(1, 'x', { incidentId: id }));
    const loose = alertTickerItem(critical(1, 'y'));
    const drill = alertTickerItem(critical(1, 'z', { exercise: true }));
    expect(alertOnBoard(attached, network, incidents)).toBe(true);
    expect(alertOnBoard(attached, storage, incidents)).toBe(false);
    expect(alertOnBoard(loose, NO_FILTERS, incidents)).toBe(true);
    expect(alertOnBoard(loose, network, incidents)).toBe(false);
    expect(alertOnBoard(loose, { ...NO_FILTERS, exercise: 'exclude' }, incidents)).toBe(true);
    expect(alertOnBoard(drill, { ...NO_FILTERS, exercise: 'exclude' }, incidents)).toBe(false);
    expect(alertOnBoard(drill, { ...NO_FILTERS, exercise: 'only' }, incidents)).toBe(true);
    expect(alertOnBoard(loose, { ...NO_FILTERS, exercise: 'only' }, incidents)).toBe(false);
  });
});
