import type { IncidentState } from '../domain/incident';
import { isActive } from '../domain/lifecycle';
import { DEFAULT_UPDATE_CADENCE, isUpdateOverdue, type UpdateCadence } from './cadence';
import { becamePriorityAt, lastUpdateAt } from './facts';

export type AttentionKind = 'new-p1' | 'overdue';

export interface AttentionReason {
  kind: AttentionKind;
  /**
   * What an acknowledgement covers. It names the occurrence, not just the incident: a P1 that is
   * lowered and raised again, or an update that goes overdue again after a new update, asks again.
   */
  key: string;
  label: string;
}

export const ATTENTION_LABELS: Record<AttentionKind, string> = {
  'new-p1': 'New P1',
  overdue: 'Update overdue',
};

/** Every reason the incident would ask for attention, acknowledged or not. */
export function attentionCandidates(incident: IncidentState, now: number, cadence: UpdateCadence = DEFAULT_UPDATE_CADENCE): AttentionReason[] {
  if (!isActive(incident.status)) return [];
  const out: AttentionReason[] = [];
  const p1Since = becamePriorityAt(incident, 'P1');
  if (p1Since) out.push({ kind: 'new-p1', key: `${incident.id}|p1|${p1Since}`, label: ATTENTION_LABELS['new-p1'] });
  if (isUpdateOverdue(incident, now, cadence))
    out.push({ kind: 'overdue', key: `${incident.id}|overdue|${lastUpdateAt(incident)}`, label: ATTENTION_LABELS.overdue });
  return out;
}

/**
 * Reasons the incident's tile should pulse: it became P1, or its stakeholder update is overdue,
 * and nobody acknowledged that on this board yet.
 */
export function attentionReasons(
  incident: IncidentState,
  acknowledged: ReadonlySet<string>,
  now: number,
  cadence: UpdateCadence = DEFAULT_UPDATE_CADENCE,
): AttentionReason[] {
  return attentionCandidates(incident, now, cadence).filter((r) => !acknowledged.has(r.key));
}
