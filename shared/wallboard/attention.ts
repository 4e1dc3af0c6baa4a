import type { IncidentState } from '../domain/incident';
import { isActive } from '../domain/lifecycle';
import { becamePriorityAt } from './facts';
import type { BoardSla } from './sla';

export type AttentionKind = 'new-p1' | 'breach' | 'overdue';

export interface AttentionReason {
  kind: AttentionKind;
  /**
   * What an acknowledgement covers. It names the occurrence, not just the incident: a P1 that is
   * lowered and raised again, a breach of a later cycle, or an update that goes overdue again after
   * a new update (a new cadence cycle), asks again.
   */
  key: string;
  label: string;
}

export const ATTENTION_LABELS: Record<AttentionKind, string> = {
  'new-p1': 'New P1',
  breach: 'SLA breached',
  overdue: 'Update overdue',
};

/**
 * Every reason the incident would ask for attention, acknowledged or not: it became P1, an SLA
 * clock breached (one reason per breached clock), or its stakeholder update is overdue (the SLA
 * update clock — first update, then the cadence — breached). `sla` is the board's evaluation.
 */
export function attentionCandidates(incident: IncidentState, sla: BoardSla | undefined): AttentionReason[] {
  if (!isActive(incident.status)) return [];
  const out: AttentionReason[] = [];
  const p1Since = becamePriorityAt(incident, 'P1');
  if (p1Since) out.push({ kind: 'new-p1', key: `${incident.id}|p1|${p1Since}`, label: ATTENTION_LABELS['new-p1'] });
  for (const c of sla?.breaches ?? [])
    out.push({ kind: 'breach', key: `${incident.id}|breach|${c.target}|${c.cycle}`, label: `${capitalise(c.label)} breached` });
  const o = sla?.overdue;
  if (o) out.push({ kind: 'overdue', key: `${incident.id}|overdue|${o.target}|${o.cycle}`, label: ATTENTION_LABELS.overdue });
  return out;
}

/** Reasons the incident's tile should pulse: the candidates nobody acknowledged on this board yet. */
export function attentionReasons(incident: IncidentState, sla: BoardSla | undefined, acknowledged: ReadonlySet<string>): AttentionReason[] {
  return attentionCandidates(incident, sla).filter((r) => !acknowledged.has(r.key));
}

/** The kinds among reasons, deduplicated, in a fixed order ("new-p1 breach overdue"): a primitive keeps tiles memoisable. */
export function attentionKinds(reasons: readonly AttentionReason[]): string {
  const kinds = new Set(reasons.map((r) => r.kind));
  return (['new-p1', 'breach', 'overdue'] as const).filter((k) => kinds.has(k)).join(' ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
