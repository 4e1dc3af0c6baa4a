import { z } from 'zod';

export const IsoTimeSchema = z.iso.datetime({ offset: true });

export const SourceSchema = z.enum(['phone', 'monitoring', 'email', 'walk-in', 'another team', 'chat', 'other']);
export type Source = z.infer<typeof SourceSchema>;

export const MilestoneSchema = z.enum([
  'impactStarted',
  'detected',
  'reported',
  'acknowledged',
  'mitigated',
  'resolved',
  'closed',
]);
export type Milestone = z.infer<typeof MilestoneSchema>;

export const MILESTONE_LABELS: Record<Milestone, string> = {
  impactStarted: 'Impact started',
  detected: 'Detected',
  reported: 'Reported',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** Built-in roles; organisations may add their own (any other non-empty string). */
export const BUILTIN_ROLES = ['coordinator', 'communications', 'operations', 'scribe', 'liaison'] as const;
export const RoleSchema = z.string().trim().min(1).max(60);

export const ROLE_LABELS: Record<string, string> = {
  coordinator: 'Incident coordinator',
  communications: 'Communications lead',
  operations: 'Operations lead',
  scribe: 'Scribe',
  liaison: 'Liaison',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

export const EntryKindSchema = z.enum(['note', 'decision', 'action', 'communication', 'external', 'status_update']);
export type EntryKind = z.infer<typeof EntryKindSchema>;

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  note: 'Note',
  decision: 'Decision',
  action: 'Action taken',
  communication: 'Communication sent',
  external: 'External contact',
  status_update: 'Status update',
};

export const TaskStatusSchema = z.enum(['open', 'in_progress', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const RelationKindSchema = z.enum(['parent', 'child', 'duplicate_of', 'duplicated_by', 'related', 'caused_by', 'causes']);
export type RelationKind = z.infer<typeof RelationKindSchema>;

/** Each relation is recorded on both incidents; this names the other side's view. */
export const INVERSE_RELATION: Record<RelationKind, RelationKind> = {
  parent: 'child',
  child: 'parent',
  duplicate_of: 'duplicated_by',
  duplicated_by: 'duplicate_of',
  related: 'related',
  caused_by: 'causes',
  causes: 'caused_by',
};

export const IncidentIdSchema = z.string().regex(/^[A-Z]{2,5}-\d{4}-[A-Z0-9]{2,6}-\d{1,9}$/, 'not an incident id');
