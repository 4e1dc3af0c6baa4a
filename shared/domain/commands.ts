import { z } from 'zod';
import { EventPayloads, IncidentFieldsPatchSchema, IncidentFieldsSchema, type EventType, type PayloadOf } from './events';
import type { IncidentState } from './incident';
import { allowedTransitions, isActive, STATUS_LABELS, StatusSchema, type LifecycleRules, type TransitionRule } from './lifecycle';
import { LevelSchema, PrioritySchema, priorityFor, type PriorityMatrix } from './priority';
import {
  EntryKindSchema,
  INVERSE_RELATION,
  IsoTimeSchema,
  MilestoneSchema,
  RelationKindSchema,
  RoleSchema,
  TaskStatusSchema,
} from './vocabulary';

const reason = z.string().trim().max(2000);
const required = (what: string) => z.string().trim().min(1, `${what} is required`);

export const CreateIncidentSchema = IncidentFieldsSchema.extend({ impact: LevelSchema, urgency: LevelSchema });
export type CreateIncidentInput = z.input<typeof CreateIncidentSchema>;

/** Every change a person can make to an existing incident. */
export const IncidentCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('updateFields'), fields: IncidentFieldsPatchSchema, reason: reason.default('') }),
  z.object({
    type: z.literal('setPriority'),
    impact: LevelSchema,
    urgency: LevelSchema,
    override: PrioritySchema.nullable().default(null),
    reason: required('A reason'),
  }),
  z.object({
    type: z.literal('transition'),
    to: StatusSchema,
    reason: reason.default(''),
    resolution: z.object({ summary: z.string().trim(), code: z.string().trim() }).optional(),
    link: z.string().trim().max(40).optional(),
  }),
  z.object({ type: z.literal('setMilestone'), milestone: MilestoneSchema, at: IsoTimeSchema.nullable(), reason: required('A reason') }),
  z.object({ type: z.literal('recordReview'), outcome: z.enum(['done', 'waived']), reason: reason.default('') }),
  z.object({ type: z.literal('assignRole'), role: RoleSchema, person: required('A person') }),
  z.object({ type: z.literal('releaseRole'), role: RoleSchema }),
  z.object({ type: z.literal('joinResponder'), person: required('A person'), team: z.string().trim().max(120).default('') }),
  z.object({ type: z.literal('leaveResponder'), person: required('A person') }),
  z.object({
    type: z.literal('addTask'),
    title: required('A title').max(300),
    owner: z.string().trim().max(120).default(''),
    due: IsoTimeSchema.nullable().default(null),
    checklist: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  }),
  z.object({
    type: z.literal('updateTask'),
    taskId: z.string().min(1),
    status: TaskStatusSchema.optional(),
    owner: z.string().trim().max(120).optional(),
    due: IsoTimeSchema.nullable().optional(),
  }),
  z.object({ type: z.literal('toggleChecklist'), taskId: z.string().min(1), itemId: z.string().min(1), done: z.boolean() }),
  z.object({ type: z.literal('addRelation'), kind: RelationKindSchema, target: required('A target incident'), note: z.string().max(500).default('') }),
  z.object({ type: z.literal('removeRelation'), kind: RelationKindSchema, target: required('A target incident') }),
  z.object({ type: z.literal('addEntry'), kind: EntryKindSchema, text: required('Text').max(10_000), occurredAt: IsoTimeSchema.nullable().default(null) }),
  z.object({ type: z.literal('correctEntry'), entryId: z.string().min(1), text: required('Text').max(10_000) }),
]);
export type IncidentCommand = z.infer<typeof IncidentCommandSchema>;
export type IncidentCommandInput = z.input<typeof IncidentCommandSchema>;

/** A command refused by a domain rule; `rule` names it for API clients. */
export class DomainError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface DecisionContext {
  now: string;
  newId: () => string;
  matrix: PriorityMatrix;
  /** The published version of `matrix`, recorded on the events whose priority it computes. */
  matrixVersion?: number;
  lifecycle: LifecycleRules;
  /** Current state of other incidents, for relations. */
  lookup: (id: string) => IncidentState | undefined;
}

export interface PendingEvent<T extends EventType = EventType> {
  stream: string;
  type: T;
  data: PayloadOf<T>;
}

function ev<T extends EventType>(stream: string, type: T, data: z.input<(typeof EventPayloads)[T]>): PendingEvent<T> {
  return { stream, type, data: EventPayloads[type].parse(data) as PayloadOf<T> };
}

/** `{matrixVersion}` when the matrix gave the priority (no override) and its version is known; else nothing (no undefined key in the event). */
function matrixVersionOf(ctx: DecisionContext, override: string | null): { matrixVersion?: number } {
  return ctx.matrixVersion !== undefined && !override ? { matrixVersion: ctx.matrixVersion } : {};
}

export function decideCreate(id: string, input: z.infer<typeof CreateIncidentSchema>, ctx: DecisionContext): PendingEvent[] {
  return [ev(id, 'incident.created', { ...input, priority: priorityFor(input.impact, input.urgency, ctx.matrix), ...matrixVersionOf(ctx, null) })];
}

function checkTransition(s: IncidentState, c: Extract<IncidentCommand, { type: 'transition' }>, ctx: DecisionContext): TransitionRule {
  const allowed = allowedTransitions(ctx.lifecycle, s.status, s.heldFrom);
  const rule = allowed.find((t) => t.to === c.to);
  if (!rule) {
    const names = allowed.map((t) => STATUS_LABELS[t.to]).join(', ') || 'none';
    throw new DomainError(
      'lifecycle.illegalTransition',
      `${s.id} cannot go from ${STATUS_LABELS[s.status]} to ${STATUS_LABELS[c.to]}; allowed: ${names}`,
      'to',
    );
  }
  for (const need of rule.requires) {
    if (need === 'reason' && !c.reason) throw new DomainError('lifecycle.reasonRequired', `${rule.label} needs a reason`, 'reason');
    if (need === 'link' && !c.link) throw new DomainError('lifecycle.linkRequired', `${rule.label} needs a link to another incident`, 'link');
    if (need === 'resolution') {
      if (!c.resolution?.summary) throw new DomainError('lifecycle.resolutionRequired', 'Resolve needs a resolution summary', 'resolution.summary');
      if (!c.resolution.code) throw new DomainError('lifecycle.resolutionRequired', 'Resolve needs a resolution code', 'resolution.code');
      if (!ctx.lifecycle.resolutionCodes.includes(c.resolution.code))
        throw new DomainError('lifecycle.unknownResolutionCode', `Unknown resolution code "${c.resolution.code}"; use one of: ${ctx.lifecycle.resolutionCodes.join(', ')}`, 'resolution.code');
    }
    // A waiver only counts with its reason (a reason-less waiver can still arrive as an event).
    if (need === 'review' && ctx.lifecycle.reviewPriorities.includes(s.priority) && !(s.review?.outcome === 'done' || s.review?.reason.trim()))
      throw new DomainError('lifecycle.reviewRequired', `Closing a ${s.priority} needs the post-incident review marked done or waived with a reason`, 'review');
  }
  if (c.link === s.id) throw new DomainError('relation.self', 'An incident cannot be linked to itself', 'link');
  if (c.link && !ctx.lookup(c.link)) throw new DomainError('relation.unknownTarget', `No incident ${c.link}`, 'link');
  return rule;
}

/**
 * Closing and cancelling are final: the record can still be annotated and linked (problem
 * management), and the lifecycle rules alone say whether any transition leads out.
 */
const FINAL_STATUSES: readonly IncidentState['status'][] = ['closed', 'cancelled'];
const AFTER_FINAL: readonly IncidentCommand['type'][] = ['transition', 'addEntry', 'correctEntry', 'addRelation', 'removeRelation'];

/** The current values of the fields an edit names: what its writer saw (shared/domain/conflicts.ts). */
function previousFields(s: IncidentState, fields: Extract<IncidentCommand, { type: 'updateFields' }>['fields']) {
  const names = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => fields[k] !== undefined);
  return Object.fromEntries(names.map((k) => [k, s[k]]));
}

/** Validates a command against the incident's state and the organisation's rules; returns the events to record. */
export function decide(s: IncidentState, c: IncidentCommand, ctx: DecisionContext): PendingEvent[] {
  const id = s.id;
  if (FINAL_STATUSES.includes(s.status) && !AFTER_FINAL.includes(c.type))
    throw new DomainError('lifecycle.final', `${id} is ${STATUS_LABELS[s.status]}: only timeline entries, corrections and relations can be added now`, 'type');
  switch (c.type) {
    case 'updateFields':
      if (Object.keys(c.fields).length === 0) throw new DomainError('fields.empty', 'Nothing to change', 'fields');
      return [ev(id, 'incident.fieldsChanged', { fields: c.fields, reason: c.reason, previous: previousFields(s, c.fields) })];
    case 'setPriority': {
      const priority = c.override ?? priorityFor(c.impact, c.urgency, ctx.matrix);
      if (priority === s.priority && c.impact === s.impact && c.urgency === s.urgency && c.override === s.priorityOverride)
        throw new DomainError('priority.unchanged', `${id} already has impact ${c.impact}, urgency ${c.urgency}, ${priority}`);
      const previous = { impact: s.impact, urgency: s.urgency, override: s.priorityOverride, priority: s.priority };
      return [ev(id, 'incident.priorityChanged', { impact: c.impact, urgency: c.urgency, override: c.override, priority, reason: c.reason, previous, ...matrixVersionOf(ctx, c.override) })];
    }
    case 'transition': {
      const rule = checkTransition(s, c, ctx);
      // Only a transition that asks for a resolution records one (a Reopen must not carry the old one back).
      const resolution = rule.requires.includes('resolution') ? c.resolution : undefined;
      // Likewise a link only means something where it names the incident this one duplicates.
      const link = rule.requires.includes('link') || c.to === 'cancelled' ? c.link : undefined;
      const out: PendingEvent[] = [ev(id, 'incident.statusChanged', { from: s.status, to: c.to, reason: c.reason, resolution, link })];
      if (c.to === 'cancelled' && c.link) out.push(ev(c.link, 'relation.added', { kind: 'duplicated_by', target: id, note: c.reason }));
      return out;
    }
    case 'setMilestone':
      return [ev(id, 'incident.milestoneSet', { milestone: c.milestone, at: c.at, reason: c.reason, previous: s.milestones[c.milestone] ?? null })];
    case 'recordReview':
      if (c.outcome === 'waived' && !c.reason) throw new DomainError('review.reasonRequired', 'Waiving the review needs a reason', 'reason');
      return [ev(id, 'incident.reviewRecorded', { outcome: c.outcome, reason: c.reason })];
    case 'assignRole':
      if (s.roles[c.role] === c.person) throw new DomainError('role.unchanged', `${c.person} already holds that role`, 'person');
      return [ev(id, 'role.assigned', { role: c.role, person: c.person, previous: s.roles[c.role] ?? null })];
    case 'releaseRole': {
      const person = s.roles[c.role];
      if (!person) throw new DomainError('role.vacant', `Nobody holds the ${c.role} role`, 'role');
      return [ev(id, 'role.released', { role: c.role, person })];
    }
    case 'joinResponder':
      if (s.responders.some((r) => r.person === c.person && !r.leftAt)) throw new DomainError('responder.alreadyJoined', `${c.person} is already responding`, 'person');
      return [ev(id, 'responder.joined', { person: c.person, team: c.team })];
    case 'leaveResponder':
      if (!s.responders.some((r) => r.person === c.person && !r.leftAt)) throw new DomainError('responder.notJoined', `${c.person} is not responding`, 'person');
      return [ev(id, 'responder.left', { person: c.person })];
    case 'addTask':
      return [
        ev(id, 'task.added', {
          taskId: ctx.newId(),
          title: c.title,
          owner: c.owner,
          due: c.due,
          checklist: c.checklist.map((text) => ({ itemId: ctx.newId(), text })),
        }),
      ];
    case 'updateTask': {
      const task = s.tasks.find((t) => t.taskId === c.taskId);
      if (!task) throw new DomainError('task.unknown', `No task ${c.taskId} on ${id}`, 'taskId');
      const { type: _type, ...changes } = c;
      return [ev(id, 'task.updated', changes)];
    }
    case 'toggleChecklist': {
      const task = s.tasks.find((t) => t.taskId === c.taskId);
      if (!task?.checklist.some((i) => i.itemId === c.itemId)) throw new DomainError('task.unknownItem', `No checklist item ${c.itemId}`, 'itemId');
      return [ev(id, 'task.checklistToggled', { taskId: c.taskId, itemId: c.itemId, done: c.done })];
    }
    case 'addRelation': {
      if (c.target === id) throw new DomainError('relation.self', 'An incident cannot relate to itself', 'target');
      if (!ctx.lookup(c.target)) throw new DomainError('relation.unknownTarget', `No incident ${c.target}`, 'target');
      if (s.relations.some((r) => r.kind === c.kind && r.target === c.target)) throw new DomainError('relation.exists', 'That relation exists already', 'target');
      return [
        ev(id, 'relation.added', { kind: c.kind, target: c.target, note: c.note }),
        ev(c.target, 'relation.added', { kind: INVERSE_RELATION[c.kind], target: id, note: c.note }),
      ];
    }
    case 'removeRelation':
      if (!s.relations.some((r) => r.kind === c.kind && r.target === c.target)) throw new DomainError('relation.unknown', 'No such relation', 'target');
      return [
        ev(id, 'relation.removed', { kind: c.kind, target: c.target }),
        ev(c.target, 'relation.removed', { kind: INVERSE_RELATION[c.kind], target: id }),
      ];
    case 'addEntry':
      return [ev(id, 'entry.added', { entryId: ctx.newId(), kind: c.kind, text: c.text, occurredAt: c.occurredAt, corrects: null })];
    case 'correctEntry': {
      const original = s.entries.find((e) => e.entryId === c.entryId);
      if (!original) throw new DomainError('entry.unknown', `No timeline entry ${c.entryId}`, 'entryId');
      if (original.correctedBy) throw new DomainError('entry.alreadyCorrected', 'That entry was corrected already; correct the correction', 'entryId');
      return [ev(id, 'entry.added', { entryId: ctx.newId(), kind: original.kind, text: c.text, occurredAt: original.occurredAt === original.recordedAt ? null : original.occurredAt, corrects: c.entryId })];
    }
  }
}

export function isOpen(s: IncidentState): boolean {
  return isActive(s.status);
}
