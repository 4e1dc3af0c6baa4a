/**
 * The incident report as data: everything the printed report shows, computed from the incident's
 * folded state (pure, so it is unit-tested without a browser). The timeline sentences come from
 * the console's timeline model, so the report reads exactly like the screen.
 */
import type { IncidentState, TaskState } from '../../../../shared/domain/incident';
import { IMPACT_LABELS, URGENCY_LABELS, priorityFor, type PriorityMatrix } from '../../../../shared/domain/priority';
import { MILESTONE_LABELS, MilestoneSchema, type Milestone } from '../../../../shared/domain/vocabulary';
import { computeClocks, type SlaClock } from '../../../../shared/sla/clocks';
import { DEFAULT_SLA_POLICY } from '../../../../shared/sla/defaults';
import { describeClock } from '../../../../shared/sla/describe';
import { policyFor, type SlaPolicy } from '../../../../shared/sla/policy';
import { buildTimeline, type TimelineItem } from '../console/timeline-model';
import type { ReportTime } from './report-time';

export interface ClockRow {
  clock: SlaClock;
  /** "acknowledge met", "resolution breached 2 h ago", "update met 12 min late". */
  text: string;
  outcome: 'Met' | 'Met late' | 'Breached' | 'Running' | 'At risk' | 'Paused' | 'Not applicable';
}

export interface MilestoneRow {
  milestone: Milestone;
  label: string;
  at: string | null;
}

export interface WriterCoverage {
  writerId: string;
  events: number;
  firstSeq: number;
  lastSeq: number;
}

export interface IncidentReportModel {
  incident: IncidentState;
  /** The moment the SLA outcomes are measured at: the resolution for a resolved/closed incident, else now. */
  slaAt: number;
  slaAtLabel: 'resolution' | 'now' | 'cancellation';
  slaPolicy: SlaPolicy | undefined;
  clocks: ClockRow[];
  /** Recorded SLA events on the timeline. */
  breachesRecorded: number;
  warningsRecorded: number;
  matrixPriority: string;
  impactLabel: string;
  urgencyLabel: string;
  milestones: MilestoneRow[];
  roles: Array<{ role: string; person: string }>;
  tasks: TaskState[];
  openTasks: number;
  /** Stakeholder updates (status_update entries) with their corrections, oldest first. */
  updates: Array<Extract<TimelineItem, { type: 'entry' }>>;
  timeline: TimelineItem[];
  /** Which writers' events the report covers (from the timeline envelopes). */
  coverage: WriterCoverage[];
  /** Events on the timeline (all of them, including ones folded into corrections). */
  eventCount: number;
}

function outcomeOf(c: SlaClock): ClockRow['outcome'] {
  switch (c.state) {
    case 'breached':
      return c.metAt !== null ? 'Met late' : 'Breached';
    case 'met':
      return 'Met';
    case 'warning':
      return 'At risk';
    case 'paused':
      return 'Paused';
    case 'running':
      return 'Running';
    case 'not_applicable':
      return 'Not applicable';
  }
}

/** When the SLA outcomes are read: resolved/closed at the resolution, cancelled at cancellation, else now. */
export function slaMoment(incident: IncidentState, now: number): { at: number; label: IncidentReportModel['slaAtLabel'] } {
  const updated = Date.parse(incident.updatedAt) || now;
  if (incident.status === 'resolved' || incident.status === 'closed') {
    const resolved = incident.milestones.resolved ? Date.parse(incident.milestones.resolved) : NaN;
    // The resolution milestone can be backdated; the clocks stop at the status change, so read them after it.
    const statusChange = [...incident.timeline].reverse().find((e) => e.type === 'incident.statusChanged' && (e.data as { to?: string }).to === 'resolved');
    const at = Math.max(Number.isFinite(resolved) ? resolved : 0, statusChange ? Date.parse(statusChange.recordedAt) : 0);
    return { at: at || updated, label: 'resolution' };
  }
  if (incident.status === 'cancelled') return { at: updated, label: 'cancellation' };
  return { at: Math.max(now, updated), label: 'now' };
}

export function coverageOf(incident: Pick<IncidentState, 'timeline'>): WriterCoverage[] {
  const by = new Map<string, WriterCoverage>();
  for (const e of incident.timeline) {
    const w = by.get(e.writerId);
    if (!w) by.set(e.writerId, { writerId: e.writerId, events: 1, firstSeq: e.seq, lastSeq: e.seq });
    else {
      w.events++;
      w.firstSeq = Math.min(w.firstSeq, e.seq);
      w.lastSeq = Math.max(w.lastSeq, e.seq);
    }
  }
  return [...by.values()].sort((a, b) => a.writerId.localeCompare(b.writerId));
}

const TASK_ORDER: Record<TaskState['status'], number> = { open: 0, in_progress: 1, done: 2, cancelled: 3 };

export function buildIncidentReport(
  incident: IncidentState,
  opts: { now: number; time: ReportTime; matrix: PriorityMatrix; policies?: readonly SlaPolicy[]; writerName?: (writerId: string) => string | undefined },
): IncidentReportModel {
  const { at, label } = slaMoment(incident, opts.now);
  const policy = policyFor(incident, opts.policies ?? [DEFAULT_SLA_POLICY]);
  const clocks = policy
    ? computeClocks(incident, policy, at).map((clock) => ({ clock, text: describeClock(clock, at), outcome: outcomeOf(clock) }))
    : [];
  const timeline = buildTimeline(incident, (iso) => opts.time.dateTime(iso), opts.writerName);
  const updates = timeline.filter((i): i is Extract<TimelineItem, { type: 'entry' }> => i.type === 'entry' && i.kind === 'status_update');
  const milestones = MilestoneSchema.options.map((m) => ({ milestone: m, label: MILESTONE_LABELS[m], at: incident.milestones[m] ?? null }));
  const tasks = [...incident.tasks].sort((a, b) => TASK_ORDER[a.status] - TASK_ORDER[b.status] || a.createdAt.localeCompare(b.createdAt));
  return {
    incident,
    slaAt: at,
    slaAtLabel: label,
    slaPolicy: policy,
    clocks,
    breachesRecorded: incident.timeline.filter((e) => e.type === 'sla.breached').length,
    warningsRecorded: incident.timeline.filter((e) => e.type === 'sla.warning').length,
    matrixPriority: priorityFor(incident.impact, incident.urgency, opts.matrix),
    impactLabel: IMPACT_LABELS[incident.impact],
    urgencyLabel: URGENCY_LABELS[incident.urgency],
    milestones,
    roles: Object.entries(incident.roles)
      .filter(([, person]) => person)
      .map(([role, person]) => ({ role, person })),
    tasks,
    openTasks: tasks.filter((t) => t.status === 'open' || t.status === 'in_progress').length,
    updates,
    timeline,
    coverage: coverageOf(incident),
    eventCount: incident.timeline.length,
  };
}
