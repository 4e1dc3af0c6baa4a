/**
 * The alert inbox: deduplication and grouping as a pure fold over recorded alert events.
 *
 * - An alert is `source` + `dedupKey`; a group is `source` + `groupKey`. An alert stays in the
 *   group it was first seen in (the same Alertmanager alert routed to two receivers is one alert).
 * - Every notification raises the group's `count`. A notification that repeats an alert's state
 *   (status and acknowledgement) within `dedupWindowMs` of the alert's previous one is a
 *   *duplicate*: it only raises the count and `lastSeenAt` (the window slides with each repeat).
 *   The same firing state after the window is a *repeat* (a reminder, e.g. Alertmanager's
 *   `repeat_interval`): the content is refreshed and the group counts as changed. A resolved
 *   alert reported resolved again is always a duplicate.
 * - Firing after resolved is a *re-fire*: the alert starts again and a dismissed group comes back.
 *   A new firing alert in a dismissed group brings it back too.
 * - Out-of-order delivery: Alertmanager, Grafana and generic alerts carry their own times, so a
 *   firing notification that started before the alert's known end, or a resolve that ended before
 *   its current start, is *stale*: counted, not applied. PagerDuty events carry no such times and
 *   apply in arrival order, as in PagerDuty; an acknowledge never reopens an alert. A CAP message
 *   never fires again once an Update or Cancel resolved it (its identifier is used once).
 * - A status-only notification (PagerDuty acknowledge/resolve without payload, CAP Cancel) keeps
 *   the content the inbox has; content it creates is a placeholder that the next full
 *   notification replaces, even a stale one.
 */
import { AlertEventPayloads, type AlertEvent } from './events';
import {
  SEVERITY_RANK,
  maxSeverity,
  type AlertFlag,
  type AlertFormat,
  type AlertLink,
  type AlertSeverity,
  type AlertStatus,
  type NormalisedAlert,
} from './model';

export const DEFAULT_DEDUP_WINDOW_MS = 15 * 60_000;

export interface InboxAlert {
  dedupKey: string;
  format: AlertFormat;
  status: AlertStatus;
  acknowledged: boolean;
  severity: AlertSeverity;
  rawSeverity: string;
  title: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links: AlertLink[];
  startsAt: string;
  endsAt: string | null;
  exercise: boolean;
  flag: AlertFlag | null;
  /** The content came from a status-only notification. */
  placeholder: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Last notification that was not a duplicate or stale. */
  lastChangedAt: string;
  /** Notifications for this alert, duplicates included. */
  count: number;
  /** Times it started firing: 1 after the first firing, +1 per re-fire; 0 if only seen resolved. */
  fires: number;
}

export interface AlertGroup {
  /** `source/groupKey` (source ids have no "/"). */
  id: string;
  source: string;
  groupKey: string;
  format: AlertFormat;
  /** Title of the lead alert: the most severe firing one, earliest first. */
  title: string;
  /** Most severe firing alert; when none fires, most severe of all. */
  severity: AlertSeverity;
  /** Most severe ever seen in the group. */
  peakSeverity: AlertSeverity;
  /** Labels every (non-placeholder) alert of the group shares. */
  labels: Record<string, string>;
  alerts: InboxAlert[];
  firstSeenAt: string;
  lastSeenAt: string;
  lastChangedAt: string;
  /** Notifications received, duplicates included. */
  count: number;
  /** Of which duplicates within the dedup window. */
  duplicates: number;
  /** Any alert firing. */
  firing: boolean;
  firingCount: number;
  /** Every firing alert acknowledged by the sender. */
  acknowledged: boolean;
  /** Alerts the sender left out of its latest notification. */
  truncatedAlerts: number;
  exercise: boolean;
  flag: AlertFlag | null;
  incidentId: string | null;
  /** The incident was created from this group (not merely attached). */
  incidentCreated: boolean;
  dismissed: { reason: string; at: string | null } | null;
}

export interface AlertInbox {
  dedupWindowMs: number;
  groups: Readonly<Record<string, AlertGroup>>;
  /** `source/dedupKey` → group id. */
  alertIndex: Readonly<Record<string, string>>;
}

export type AlertOutcome =
  | 'new-group'
  | 'new-alert'
  | 'duplicate'
  | 'repeated'
  | 'updated'
  | 'refired'
  | 'resolved'
  | 'stale';

export function emptyInbox(opts: { dedupWindowMs?: number } = {}): AlertInbox {
  return { dedupWindowMs: opts.dedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS, groups: {}, alertIndex: {} };
}

export function groupId(source: string, groupKey: string): string {
  return `${source}/${groupKey}`;
}

export function alertId(source: string, dedupKey: string): string {
  return `${source}/${dedupKey}`;
}

const ms = (iso: string): number => Date.parse(iso);
const later = (a: string, b: string): string => (ms(a) >= ms(b) ? a : b);

function content(a: NormalisedAlert): Pick<
  InboxAlert,
  'format' | 'severity' | 'rawSeverity' | 'title' | 'description' | 'labels' | 'annotations' | 'links' | 'exercise' | 'flag' | 'placeholder'
> {
  return {
    format: a.format,
    severity: a.severity,
    rawSeverity: a.rawSeverity,
    title: a.title,
    description: a.description,
    labels: a.labels,
    annotations: a.annotations,
    links: a.links,
    exercise: a.exercise,
    flag: a.flag,
    placeholder: a.statusOnly,
  };
}

function newAlert(a: NormalisedAlert): InboxAlert {
  return {
    dedupKey: a.dedupKey,
    ...content(a),
    status: a.status,
    acknowledged: a.status === 'firing' && a.acknowledged,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    firstSeenAt: a.receivedAt,
    lastSeenAt: a.receivedAt,
    lastChangedAt: a.receivedAt,
    count: 1,
    fires: a.status === 'firing' ? 1 : 0,
  };
}

function isStale(prev: InboxAlert, a: NormalisedAlert): boolean {
  if (a.status === 'firing' && prev.status === 'resolved') {
    if (a.acknowledged) return true;
    // A CAP message is never sent again once updated or cancelled: a copy arriving later is old.
    if (a.format === 'cap') return true;
    if (a.format === 'pagerduty') return false;
    return prev.endsAt !== null && ms(a.startsAt) <= ms(prev.endsAt);
  }
  // CAP resolves name their messages explicitly (and CAP `onset` may lie in the future).
  if (a.status === 'resolved' && prev.status === 'firing' && a.format !== 'pagerduty' && a.format !== 'cap') {
    return a.endsAt !== null && ms(a.endsAt) < ms(prev.startsAt);
  }
  return false;
}

function merge(prev: InboxAlert, a: NormalisedAlert, windowMs: number): { next: InboxAlert; outcome: AlertOutcome } {
  const t = a.receivedAt;
  const seen = { count: prev.count + 1, lastSeenAt: later(t, prev.lastSeenAt) };
  // A placeholder takes the first full content that comes, whatever the outcome.
  const fill = prev.placeholder && !a.statusOnly ? content(a) : {};

  if (isStale(prev, a)) return { next: { ...prev, ...fill, ...seen }, outcome: 'stale' };

  const sameState = prev.status === a.status && (a.status === 'resolved' || prev.acknowledged === a.acknowledged);
  // Within the window, or a resolved alert said resolved again (no news at any distance).
  if (sameState && (a.status === 'resolved' || ms(t) - ms(prev.lastSeenAt) <= windowMs)) {
    return { next: { ...prev, ...fill, ...seen }, outcome: 'duplicate' };
  }

  const refreshed = a.statusOnly ? fill : content(a);
  const changed = { ...prev, ...refreshed, ...seen, lastChangedAt: t };
  if (sameState) {
    return { next: a.statusOnly ? changed : { ...changed, startsAt: a.startsAt, endsAt: a.endsAt }, outcome: 'repeated' };
  }
  if (a.status === 'firing' && prev.status === 'resolved') {
    return { next: { ...changed, status: 'firing', acknowledged: a.acknowledged, startsAt: a.startsAt, endsAt: a.endsAt, fires: prev.fires + 1 }, outcome: 'refired' };
  }
  if (a.status === 'resolved') {
    return { next: { ...changed, status: 'resolved', acknowledged: false, endsAt: a.endsAt ?? t }, outcome: 'resolved' };
  }
  return { next: { ...changed, acknowledged: a.acknowledged }, outcome: 'updated' };
}

function byLead(a: InboxAlert, b: InboxAlert): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || ms(a.firstSeenAt) - ms(b.firstSeenAt);
}

function commonLabels(alerts: InboxAlert[]): Record<string, string> {
  const real = alerts.filter((a) => !a.placeholder);
  const from = real.length ? real : alerts;
  const [first, ...rest] = from;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first.labels).filter(([k, v]) => rest.every((a) => a.labels[k] === v)));
}

/** The alert that speaks for the group: the most severe firing one (earliest first); else of all. */
export function leadAlert(group: Pick<AlertGroup, 'alerts'>): InboxAlert {
  const firing = group.alerts.filter((a) => a.status === 'firing');
  return [...(firing.length ? firing : group.alerts)].sort(byLead)[0]!;
}

/** Recomputes what derives from the alerts. */
function derive(g: Omit<AlertGroup, 'title' | 'severity' | 'labels' | 'firing' | 'firingCount' | 'acknowledged' | 'exercise' | 'flag'> & { peakSeverity: AlertSeverity }): AlertGroup {
  const firing = g.alerts.filter((a) => a.status === 'firing');
  const lead = leadAlert(g);
  return {
    ...g,
    title: lead.title,
    severity: lead.severity,
    peakSeverity: g.alerts.reduce((s, a) => maxSeverity(s, a.severity), g.peakSeverity),
    labels: commonLabels(g.alerts),
    firing: firing.length > 0,
    firingCount: firing.length,
    acknowledged: firing.length > 0 && firing.every((a) => a.acknowledged),
    exercise: g.alerts.some((a) => a.exercise),
    flag: lead.flag ?? g.alerts.find((a) => a.flag)?.flag ?? null,
  };
}

function put(inbox: AlertInbox, g: AlertGroup, aid: string): AlertInbox {
  return {
    ...inbox,
    groups: { ...inbox.groups, [g.id]: g },
    alertIndex: inbox.alertIndex[aid] === g.id ? inbox.alertIndex : { ...inbox.alertIndex, [aid]: g.id },
  };
}

/** Adds one received alert; says what it did, for notifications and auto-create. */
export function applyAlertDetailed(inbox: AlertInbox, alert: NormalisedAlert): { inbox: AlertInbox; outcome: AlertOutcome; group: AlertGroup } {
  const aid = alertId(alert.source, alert.dedupKey);
  const gid = inbox.alertIndex[aid] ?? groupId(alert.source, alert.groupKey);
  const group = inbox.groups[gid];
  const t = alert.receivedAt;

  if (!group) {
    const g = derive({
      id: gid,
      source: alert.source,
      groupKey: alert.groupKey,
      format: alert.format,
      peakSeverity: alert.severity,
      alerts: [newAlert(alert)],
      firstSeenAt: t,
      lastSeenAt: t,
      lastChangedAt: t,
      count: 1,
      duplicates: 0,
      truncatedAlerts: alert.truncatedAlerts,
      incidentId: null,
      incidentCreated: false,
      dismissed: null,
    });
    return { inbox: put(inbox, g, aid), outcome: 'new-group', group: g };
  }

  const seen = { count: group.count + 1, lastSeenAt: later(t, group.lastSeenAt) };
  const idx = group.alerts.findIndex((a) => a.dedupKey === alert.dedupKey);
  if (idx < 0) {
    const g = derive({
      ...group,
      ...seen,
      alerts: [...group.alerts, newAlert(alert)],
      lastChangedAt: later(t, group.lastChangedAt),
      truncatedAlerts: alert.truncatedAlerts,
      dismissed: alert.status === 'firing' ? null : group.dismissed,
    });
    return { inbox: put(inbox, g, aid), outcome: 'new-alert', group: g };
  }

  const { next, outcome } = merge(group.alerts[idx]!, alert, inbox.dedupWindowMs);
  const quiet = outcome === 'duplicate' || outcome === 'stale';
  const g = derive({
    ...group,
    ...seen,
    alerts: group.alerts.map((a, i) => (i === idx ? next : a)),
    duplicates: group.duplicates + (outcome === 'duplicate' ? 1 : 0),
    lastChangedAt: quiet ? group.lastChangedAt : later(t, group.lastChangedAt),
    truncatedAlerts: outcome === 'stale' ? group.truncatedAlerts : alert.truncatedAlerts,
    dismissed: outcome === 'refired' ? null : group.dismissed,
  });
  return { inbox: put(inbox, g, aid), outcome, group: g };
}

/** Adds one received alert. */
export function applyAlert(inbox: AlertInbox, alert: NormalisedAlert): AlertInbox {
  return applyAlertDetailed(inbox, alert).inbox;
}

function update(inbox: AlertInbox, source: string, groupKey: string, change: (g: AlertGroup) => AlertGroup): AlertInbox {
  const g = inbox.groups[groupId(source, groupKey)];
  return g ? { ...inbox, groups: { ...inbox.groups, [g.id]: change(g) } } : inbox;
}

/** Applies one recorded alert event; other event types and unknown groups leave the inbox as it is. */
export function applyInboxEvent(inbox: AlertInbox, e: AlertEvent | { type: string; data: unknown; recordedAt?: string }): AlertInbox {
  const ev = e as AlertEvent;
  switch (ev.type) {
    case 'alert.received':
      return applyAlert(inbox, ev.data);
    case 'alert.dismissed':
      return update(inbox, ev.data.source, ev.data.groupKey, (g) => ({ ...g, dismissed: { reason: ev.data.reason, at: ev.recordedAt ?? null } }));
    case 'alert.restored':
      return update(inbox, ev.data.source, ev.data.groupKey, (g) => ({ ...g, dismissed: null }));
    case 'alert.attached':
      return update(inbox, ev.data.source, ev.data.groupKey, (g) => ({ ...g, incidentId: ev.data.incidentId, incidentCreated: false, dismissed: null }));
    case 'alert.detached':
      return update(inbox, ev.data.source, ev.data.groupKey, (g) => (g.incidentId === ev.data.incidentId ? { ...g, incidentId: null, incidentCreated: false } : g));
    case 'alert.incidentCreated':
      return update(inbox, ev.data.source, ev.data.groupKey, (g) => ({ ...g, incidentId: ev.data.incidentId, incidentCreated: true, dismissed: null }));
    default:
      return inbox;
  }
}

/**
 * Folds recorded events, in the order given (sort with `compareEvents` first, as for incidents).
 * Events of other types are skipped, so a whole journal can be passed.
 */
export function foldInbox(events: Iterable<AlertEvent | { type: string; data: unknown; recordedAt?: string }>, opts: { dedupWindowMs?: number } = {}): AlertInbox {
  let inbox = emptyInbox(opts);
  for (const e of events) if (Object.hasOwn(AlertEventPayloads, e.type)) inbox = applyInboxEvent(inbox, e);
  return inbox;
}

/** Firing at `now`: a firing alert whose known end (CAP `expires`) has not passed. */
export function firingAt(group: AlertGroup, now: string): boolean {
  return group.alerts.some((a) => a.status === 'firing' && (a.endsAt === null || ms(a.endsAt) > ms(now)));
}

/** Waiting for a coordinator: firing, not dismissed, not attached, and not a test/draft/system message. */
export function needsTriage(group: AlertGroup): boolean {
  return group.firing && !group.dismissed && !group.incidentId && !group.flag;
}

/** Groups for a list: needing triage first, then firing, by severity, most recently changed first. */
export function sortedGroups(inbox: AlertInbox): AlertGroup[] {
  const rank = (g: AlertGroup) => (needsTriage(g) ? 2 : g.firing ? 1 : 0);
  return Object.values(inbox.groups).sort(
    (a, b) => rank(b) - rank(a) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || ms(b.lastChangedAt) - ms(a.lastChangedAt) || (a.id < b.id ? -1 : 1),
  );
}
