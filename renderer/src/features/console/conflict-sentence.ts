import type { Conflict, ConflictValue } from '../../../../shared/domain/conflicts';
import { STATUS_LABELS, type Status } from '../../../../shared/domain/lifecycle';
import { MILESTONE_LABELS, roleLabel, type Milestone } from '../../../../shared/domain/vocabulary';
import { FIELD_LABELS } from './timeline-sentence';

export interface ConflictContext {
  /** Formats a time for display (local or UTC, as the operator wants). */
  time: (iso: string) => string;
  /** The name a writer (a PC) goes by, from presence; undefined when this PC has not seen it. */
  writerName: (writerId: string) => string | undefined;
}

/** The label shown beside a concurrent change; with an icon, so it is never told by colour alone. */
export const CONFLICT_MARK = 'Concurrent change';

const MAX_TEXT = 60;
const quote = (s: string) => `“${s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s}”`;

function person(side: Conflict['winner'], ctx: ConflictContext): string {
  const desk = ctx.writerName(side.writerId);
  return desk && desk !== side.actor ? `${side.actor} (${desk})` : side.actor;
}

function split(field: string): [kind: string, name: string] {
  const i = field.indexOf(':');
  return i < 0 ? [field, ''] : [field.slice(0, i), field.slice(i + 1)];
}

function what(field: string): string {
  const [kind, name] = split(field);
  if (kind === 'role') return `the ${roleLabel(name)} role`;
  if (kind === 'field') return `the ${FIELD_LABELS[name] ?? name}`;
  if (kind === 'milestone') return `the ${MILESTONE_LABELS[name as Milestone] ?? name} time`;
  return `the ${kind}`;
}

function valueText(field: string, v: ConflictValue, ctx: ConflictContext): string {
  const [kind] = split(field);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return v.override ? `${v.priority} (override)` : `${v.priority} (impact ${v.impact} × urgency ${v.urgency})`;
  }
  if (kind === 'status' && typeof v === 'string') return STATUS_LABELS[v as Status] ?? v;
  if (kind === 'role') return v === null ? 'vacant' : String(v);
  if (kind === 'milestone') return typeof v === 'string' ? ctx.time(v) : 'cleared';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  return v ? quote(v) : '(empty)';
}

/**
 * One conflict as a sentence: "Ana Ruiz (Desk A) and Bo Chen (Desk B) both changed the status at
 * 14:02 — Resolved (later) kept, On hold overridden". The overridden change's author comes first:
 * it sorts first (HLC order).
 */
export function describeConflict(c: Conflict, ctx: ConflictContext): string {
  return (
    `${person(c.loser, ctx)} and ${person(c.winner, ctx)} both changed ${what(c.field)} at ${ctx.time(c.at)} — ` +
    `${valueText(c.field, c.winner.value, ctx)} (later) kept, ${valueText(c.field, c.loser.value, ctx)} overridden`
  );
}
