/**
 * Critical alerts on the wall board's ticker (issue #8: "new critical alerts … show on the wall
 * board's ticker"): from the `alerts` stream's `critical` list as they arrive, and from the inbox
 * on load, so a board opened after the alert still shows it.
 */
import type { AlertGroupDto, CriticalAlert } from '../contract/alerts-api';
import type { IncidentState } from '../domain/incident';
import { hasFilters, matchesFilters, type BoardFilters } from './filters';
import { newerFirst } from './ticker';

/** A critical alert as the ticker shows it: source, summary, when (its age), the incident it belongs to. */
export interface AlertTickerItem {
  /** One per alert (group and title): a re-fire replaces the earlier item instead of repeating it. */
  key: string;
  kind: 'alert';
  groupId: string;
  source: string;
  summary: string;
  incidentId: string | null;
  exercise: boolean;
  at: string;
  /** `at` as epoch ms (parsed once). */
  atMs: number;
}

/** How far back the inbox is read on load: one shift; older alerts still firing are the inbox's business. */
export const RECENT_CRITICAL_MS = 12 * 60 * 60_000;

/** Alerts a board remembers (it shows only the newest few, merged with incident changes). */
export const REMEMBERED_ALERTS = 20;

export function alertTickerItem(a: CriticalAlert): AlertTickerItem {
  return {
    key: `alert:${a.groupId}:${a.title}`,
    kind: 'alert',
    groupId: a.groupId,
    source: a.source,
    summary: a.title,
    incidentId: a.incidentId,
    exercise: a.exercise,
    at: a.at,
    atMs: Date.parse(a.at),
  };
}

/**
 * The critical alerts firing in the inbox that started firing since `since`, as the stream
 * announces them: not CAP test/draft/system messages, not in a dismissed group; the time is when
 * it (last) started firing.
 */
export function criticalFromInbox(groups: readonly AlertGroupDto[], since: number): CriticalAlert[] {
  const out: CriticalAlert[] = [];
  for (const g of groups) {
    if (g.flag || g.dismissed) continue;
    for (const a of g.alerts) {
      if (a.status !== 'firing' || a.severity !== 'critical' || a.flag) continue;
      // A re-fire changes the alert, so its last change is (close to) when it fired again.
      const at = a.fires > 1 ? a.lastChangedAt : a.firstSeenAt;
      if (Date.parse(at) >= since) out.push({ groupId: g.id, source: g.source, title: a.title, at, incidentId: g.incidentId, exercise: g.exercise || a.exercise });
    }
  }
  return out;
}

/**
 * `known` with `incoming` added, newest first, at most `cap`: one item per key (the newest), so
 * an alert seen on load and again on the stream, or firing again, is listed once.
 */
export function rememberAlerts(known: readonly AlertTickerItem[], incoming: readonly CriticalAlert[], cap = REMEMBERED_ALERTS): AlertTickerItem[] {
  const byKey = new Map(known.map((k) => [k.key, k]));
  for (const a of incoming) {
    const item = alertTickerItem(a);
    if (!Number.isFinite(item.atMs)) continue;
    const had = byKey.get(item.key);
    if (!had || item.atMs > had.atMs) byKey.set(item.key, item);
  }
  return [...byKey.values()].sort(newerFirst).slice(0, Math.max(0, cap));
}

/**
 * Whether an alert belongs on a board: one attached to an incident follows that incident's match;
 * an unattached one shows on boards that filter by nothing but exercises (it has no team,
 * location, category or priority yet).
 */
export function alertOnBoard(item: AlertTickerItem, filters: BoardFilters, incidents: Readonly<Record<string, IncidentState>>): boolean {
  if (filters.exercise === 'only' && !item.exercise) return false;
  if (filters.exercise === 'exclude' && item.exercise) return false;
  const incident = item.incidentId ? incidents[item.incidentId] : undefined;
  if (incident) return matchesFilters(incident, filters);
  return !hasFilters({ ...filters, exercise: 'include' });
}
