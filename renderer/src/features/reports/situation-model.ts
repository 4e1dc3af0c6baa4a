/**
 * The situation report as data: every active incident at one moment, for a shift handover or an
 * executive briefing (pure; unit-tested).
 */
import type { IncidentState } from '../../../../shared/domain/incident';
import { ACTIVE_STATUSES, STATUS_LABELS, isActive, type Status } from '../../../../shared/domain/lifecycle';
import { PRIORITIES, priorityRank, type Priority } from '../../../../shared/domain/priority';
import { describeClock } from '../../../../shared/sla/describe';
import { computeSnapshot, clockTone, type OrgPolicies } from '../../../../shared/sla/snapshot';

export interface SituationRow {
  incident: IncidentState;
  /** From impact start when recorded, else from creation, to the report's moment. */
  elapsedMs: number;
  nearestText: string | null;
  nearestTone: 'breached' | 'warning' | 'ok' | 'paused';
  risk: number | undefined;
  escalationLevel: number;
  escalationName: string | null;
  coordinator: string | null;
  latestUpdate: { text: string; at: string; author: string } | null;
  openTasks: Array<{ title: string; owner: string; status: 'open' | 'in_progress' }>;
}

export interface SituationSummary {
  active: number;
  byPriority: Record<Priority, number>;
  byStatus: Array<{ status: Status; label: string; count: number }>;
  major: number;
  exercises: number;
  /** Incidents with a live breached clock / at risk (warning). */
  breached: number;
  atRisk: number;
  unassigned: number;
  openTasks: number;
}

export interface SituationModel {
  at: number;
  rows: SituationRow[];
  summary: SituationSummary;
}

/** The latest stakeholder update (status_update), else the latest entry of any kind; corrections read as corrected. */
export function latestUpdateOf(incident: IncidentState): SituationRow['latestUpdate'] {
  const current = incident.entries.filter((e) => !e.corrects);
  const byId = new Map(incident.entries.map((e) => [e.entryId, e]));
  const pick = (kind?: string) =>
    current.filter((e) => !kind || e.kind === kind).reduce<(typeof current)[number] | undefined>((best, e) => (!best || e.occurredAt >= best.occurredAt ? e : best), undefined);
  const entry = pick('status_update') ?? pick();
  if (!entry) return null;
  let latest = entry;
  const seen = new Set<string>();
  while (latest.correctedBy && !seen.has(latest.entryId)) {
    seen.add(latest.entryId);
    const next = byId.get(latest.correctedBy);
    if (!next) break;
    latest = next;
  }
  return { text: latest.text, at: entry.occurredAt, author: entry.author };
}

export function buildSituation(incidents: readonly IncidentState[], now: number, policies?: OrgPolicies): SituationModel {
  const rows: SituationRow[] = incidents
    .filter((i) => isActive(i.status))
    .map((incident): SituationRow => {
      const at = Math.max(now, Date.parse(incident.updatedAt) || now);
      const snap = computeSnapshot(incident, at, policies);
      const nearest = snap.nearest;
      const tone = clockTone(nearest);
      const start = Date.parse(incident.milestones.impactStarted ?? incident.createdAt);
      return {
        incident,
        elapsedMs: Math.max(0, at - start),
        nearestText: nearest ? describeClock(nearest, at) : null,
        nearestTone: tone === 'ok' && nearest?.state === 'paused' ? 'paused' : tone,
        risk: snap.risk,
        escalationLevel: snap.escalation?.level ?? 0,
        escalationName: snap.escalation?.current?.name ?? null,
        coordinator: incident.roles.coordinator ?? null,
        latestUpdate: latestUpdateOf(incident),
        openTasks: incident.tasks
          .filter((t): t is typeof t & { status: 'open' | 'in_progress' } => t.status === 'open' || t.status === 'in_progress')
          .map((t) => ({ title: t.title, owner: t.owner, status: t.status })),
      };
    })
    .sort(
      (a, b) =>
        priorityRank(a.incident.priority) - priorityRank(b.incident.priority) ||
        Number(b.incident.major) - Number(a.incident.major) ||
        (b.risk ?? -1) - (a.risk ?? -1) ||
        a.incident.createdAt.localeCompare(b.incident.createdAt),
    );
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const r of rows) byPriority[r.incident.priority]++;
  const byStatus = ACTIVE_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: rows.filter((r) => r.incident.status === status).length })).filter(
    (s) => s.count > 0,
  );
  return {
    at: now,
    rows,
    summary: {
      active: rows.length,
      byPriority,
      byStatus,
      major: rows.filter((r) => r.incident.major).length,
      exercises: rows.filter((r) => r.incident.exercise).length,
      breached: rows.filter((r) => r.nearestTone === 'breached').length,
      atRisk: rows.filter((r) => r.nearestTone === 'warning').length,
      unassigned: rows.filter((r) => !r.coordinator).length,
      openTasks: rows.reduce((n, r) => n + r.openTasks.length, 0),
    },
  };
}
