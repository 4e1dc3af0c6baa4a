import { z } from 'zod';
import { LevelSchema, PrioritySchema } from './priority';
import { StatusSchema } from './lifecycle';
import { EntryKindSchema, MilestoneSchema, RelationKindSchema, SourceSchema, TaskStatusSchema } from './vocabulary';
import { EventEnvelopeSchema } from './events';
import { ConflictSchema } from './conflicts';

const MilestonesSchema = z.partialRecord(MilestoneSchema, z.string());

export const TaskStateSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  owner: z.string(),
  due: z.string().nullable(),
  status: TaskStatusSchema,
  checklist: z.array(z.object({ itemId: z.string(), text: z.string(), done: z.boolean() })),
  createdAt: z.string(),
});
export type TaskState = z.infer<typeof TaskStateSchema>;

export const EntryStateSchema = z.object({
  entryId: z.string(),
  eventId: z.string(),
  kind: EntryKindSchema,
  text: z.string(),
  author: z.string(),
  recordedAt: z.string(),
  /** Equals recordedAt unless the author backdated it. */
  occurredAt: z.string(),
  backdated: z.boolean(),
  corrects: z.string().nullable(),
  correctedBy: z.string().nullable(),
});
export type EntryState = z.infer<typeof EntryStateSchema>;

export const ResponderStateSchema = z.object({
  person: z.string(),
  team: z.string(),
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
});
export type ResponderState = z.infer<typeof ResponderStateSchema>;

export const IncidentStateSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  services: z.array(z.string()),
  reporter: z.string(),
  source: SourceSchema,
  tags: z.array(z.string()),
  exercise: z.boolean(),
  major: z.boolean(),
  impact: LevelSchema,
  urgency: LevelSchema,
  priorityOverride: PrioritySchema.nullable(),
  priority: PrioritySchema,
  status: StatusSchema,
  /** Status an on-hold incident resumes to. */
  heldFrom: StatusSchema.nullable(),
  resolution: z.object({ summary: z.string(), code: z.string() }).nullable(),
  review: z.object({ outcome: z.enum(['done', 'waived']), reason: z.string() }).nullable(),
  milestones: MilestonesSchema,
  roles: z.record(z.string(), z.string()),
  responders: z.array(ResponderStateSchema),
  tasks: z.array(TaskStateSchema),
  relations: z.array(z.object({ kind: RelationKindSchema, target: z.string(), note: z.string() })),
  entries: z.array(EntryStateSchema),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  /** HLC of the newest event folded in; lets clients tell "changed since I looked". */
  version: z.string(),
  /** Every event of the incident in fold order: the timeline. */
  timeline: z.array(EventEnvelopeSchema),
  /** Concurrent changes by two writers where the later one was kept, in fold order (shared/domain/conflicts.ts). Defaulted: older states have none. */
  conflicts: z.array(ConflictSchema).default([]),
});
export type IncidentState = z.infer<typeof IncidentStateSchema>;

/**
 * An incident's state without its timeline and entry list: what a folded-state checkpoint keeps
 * for each incident (about 1 kB), so a PC can list and watch incidents before it has folded their
 * events. Everything else an IncidentState says is here, exactly as the fold left it.
 */
export const IncidentSummarySchema = IncidentStateSchema.omit({ timeline: true, entries: true });
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export function summarize(state: IncidentState): IncidentSummary {
  const { timeline: _timeline, entries: _entries, ...summary } = state;
  return summary;
}
