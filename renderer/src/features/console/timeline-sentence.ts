import { isKnownEvent, type EventEnvelope, type IncidentEvent } from '../../../../shared/domain/events';
import type { TaskState } from '../../../../shared/domain/incident';
import { STATUS_LABELS } from '../../../../shared/domain/lifecycle';
import type { Priority } from '../../../../shared/domain/priority';
import { MILESTONE_LABELS, roleLabel, type TaskStatus } from '../../../../shared/domain/vocabulary';
import { SLA_TARGET_LABELS } from '../../../../shared/sla/policy';
import { RELATION_LABELS } from './relation-labels';

export interface SentenceContext {
  /** Formats a time for display (local or UTC, as the operator wants). */
  time: (iso: string) => string;
  /** Tasks of the incident, to name a task or checklist item an event refers to. */
  tasks: readonly Pick<TaskState, 'taskId' | 'title' | 'checklist'>[];
  /** Priority before this event (for "P3 → P1"); undefined when unknown. */
  previousPriority?: Priority;
}

export interface Sentence {
  text: string;
  /** Secondary line: reason, resolution, note. */
  detail?: string;
}

export const UNKNOWN_EVENT_TEXT = 'unknown event (newer version)';

const quote = (s: string) => `“${s}”`;

export const FIELD_LABELS: Record<string, string> = {
  title: 'title',
  description: 'description',
  category: 'category',
  services: 'affected services',
  reporter: 'reporter',
  source: 'source',
  tags: 'tags',
  exercise: 'exercise',
  major: 'major incident',
};

function fieldChange(key: string, value: unknown): string {
  const label = FIELD_LABELS[key] ?? key;
  if (typeof value === 'boolean') return `${label} ${value ? 'on' : 'off'}`;
  if (Array.isArray(value)) return `${label} to ${value.length ? value.join(', ') : '(none)'}`;
  if (key === 'description') return 'description';
  const text = String(value ?? '');
  return `${label} to ${text ? quote(text) : '(empty)'}`;
}

const TASK_STATUS_VERBS: Record<TaskStatus, string> = {
  open: 'reopened',
  in_progress: 'in progress',
  done: 'done',
  cancelled: 'cancelled',
};

function taskName(ctx: SentenceContext, taskId: string): string {
  const task = ctx.tasks.find((t) => t.taskId === taskId);
  return task ? quote(task.title) : 'a task';
}

function withDetail(text: string, ...details: Array<string | undefined | false>): Sentence {
  const detail = details.filter((d): d is string => Boolean(d)).join(' · ');
  return detail ? { text, detail } : { text };
}

const reasonOf = (reason: string | undefined) => (reason ? `Reason: ${reason}` : undefined);

/** One timeline event as a sentence a person reads at a glance. */
export function describeEvent(raw: EventEnvelope, ctx: SentenceContext): Sentence {
  if (!isKnownEvent(raw)) return { text: UNKNOWN_EVENT_TEXT, detail: `${raw.type} v${raw.v}` };
  const e = raw as IncidentEvent;
  switch (e.type) {
    case 'incident.created': {
      const d = e.data;
      return withDetail(`Incident opened as ${d.priority} (impact ${d.impact} × urgency ${d.urgency})`, quote(d.title), d.major && 'Major incident', d.exercise && 'Exercise');
    }
    case 'incident.fieldsChanged': {
      const parts = Object.entries(e.data.fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => fieldChange(k, v));
      return withDetail(parts.length ? `Changed ${parts.join('; ')}` : 'Changed details', reasonOf(e.data.reason));
    }
    case 'incident.priorityChanged': {
      const d = e.data;
      const from = ctx.previousPriority && ctx.previousPriority !== d.priority ? `${ctx.previousPriority} → ` : '';
      const how = d.override ? `override; matrix impact ${d.impact} × urgency ${d.urgency}` : `impact ${d.impact} × urgency ${d.urgency}`;
      return withDetail(`Priority ${from}${d.priority} (${how})`, reasonOf(d.reason));
    }
    case 'incident.statusChanged': {
      const d = e.data;
      return withDetail(
        `Status ${STATUS_LABELS[d.from]} → ${STATUS_LABELS[d.to]}`,
        d.resolution && `Resolution (${d.resolution.code}): ${d.resolution.summary}`,
        d.link && `Duplicate of ${d.link}`,
        reasonOf(d.reason),
      );
    }
    case 'incident.milestoneSet': {
      const d = e.data;
      const label = MILESTONE_LABELS[d.milestone];
      return withDetail(d.at ? `${label} set to ${ctx.time(d.at)}` : `${label} cleared`, reasonOf(d.reason));
    }
    case 'incident.reviewRecorded':
      return withDetail(`Post-incident review ${e.data.outcome === 'done' ? 'marked done' : 'waived'}`, reasonOf(e.data.reason));
    case 'role.assigned': {
      const { role, person, previous } = e.data;
      const label = roleLabel(role);
      if (previous && previous !== person) return { text: `${previous} hands ${label} role to ${person}` };
      if (e.actor === person) return { text: `${person} takes ${label} role` };
      return { text: `${e.actor} assigns ${label} role to ${person}` };
    }
    case 'role.released': {
      const { role, person } = e.data;
      if (e.actor === person) return { text: `${person} releases ${roleLabel(role)} role` };
      return { text: `${e.actor} releases ${person} from ${roleLabel(role)} role` };
    }
    case 'responder.joined':
      return { text: `${e.data.person} joins as responder${e.data.team ? ` (${e.data.team})` : ''}` };
    case 'responder.left':
      return { text: `${e.data.person} leaves the response` };
    case 'task.added': {
      const d = e.data;
      const owner = d.owner ? ` for ${d.owner}` : '';
      const due = d.due ? `, due ${ctx.time(d.due)}` : '';
      const items = d.checklist.length ? `${d.checklist.length} checklist item${d.checklist.length === 1 ? '' : 's'}` : undefined;
      return withDetail(`Task added: ${quote(d.title)}${owner}${due}`, items);
    }
    case 'task.updated': {
      const d = e.data;
      const parts: string[] = [];
      if (d.status) parts.push(TASK_STATUS_VERBS[d.status]);
      if (d.owner !== undefined) parts.push(d.owner ? `reassigned to ${d.owner}` : 'owner removed');
      if (d.due !== undefined) parts.push(d.due ? `due ${ctx.time(d.due)}` : 'due time removed');
      return { text: `Task ${taskName(ctx, d.taskId)}: ${parts.join(', ') || 'updated'}` };
    }
    case 'task.checklistToggled': {
      const d = e.data;
      const item = ctx.tasks.find((t) => t.taskId === d.taskId)?.checklist.find((c) => c.itemId === d.itemId);
      return { text: `${d.done ? 'Ticked' : 'Unticked'} ${item ? quote(item.text) : 'a checklist item'} on task ${taskName(ctx, d.taskId)}` };
    }
    case 'relation.added':
      return withDetail(`Linked: ${RELATION_LABELS[e.data.kind].toLowerCase()} ${e.data.target}`, e.data.note && `Note: ${e.data.note}`);
    case 'relation.removed':
      return { text: `Link removed: ${RELATION_LABELS[e.data.kind].toLowerCase()} ${e.data.target}` };
    case 'entry.added':
      return { text: e.data.text };
    case 'sla.warning':
      return { text: `SLA warning: ${SLA_TARGET_LABELS[e.data.target]} target ${e.data.level}% used`, detail: e.data.dueAt ? `Due ${ctx.time(e.data.dueAt)}` : undefined };
    case 'sla.breached':
      return { text: `SLA breached: ${SLA_TARGET_LABELS[e.data.target]} target (${e.data.targetMinutes} min, ${e.data.priority})`, detail: `At ${ctx.time(e.data.breachedAt)}` };
    case 'escalation.raised':
      return withDetail(
        `${e.data.automatic ? 'Escalated automatically' : 'Escalated'} to level ${e.data.level}${e.data.name ? ` (${e.data.name})` : ''}`,
        e.data.notify.length > 0 && `Notify: ${e.data.notify.map((r) => r.name).join(', ')}`,
        reasonOf(e.data.reason),
      );
    case 'escalation.lowered':
      return withDetail(e.data.to === 0 ? 'De-escalated: no longer escalated' : `De-escalated from level ${e.data.from} to ${e.data.to}`, reasonOf(e.data.reason));
    case 'alert.received':
      return withDetail(`Alert ${e.data.status}: ${quote(e.data.title)}`, `${e.data.source} · ${e.data.severity}`);
    case 'alert.dismissed':
    case 'alert.restored':
    case 'alert.attached':
    case 'alert.detached':
    case 'alert.incidentCreated':
      return { text: `Alert group ${e.data.groupKey} (${e.data.source}): ${e.type.slice('alert.'.length)}` };
    case 'org.slaPolicy.published':
    case 'org.escalationPolicy.published':
      return { text: `Policy published: ${e.data.policy.name || e.data.policy.id} v${e.data.policy.version}` };
    case 'org.directory.published':
      return { text: `Directory published: v${e.data.version}` };
    case 'org.templates.published':
      return { text: `Update templates published: v${e.data.version}` };
    case 'org.priorityMatrix.published':
      return { text: `Priority matrix published: v${e.data.version}` };
    case 'org.lifecycle.published':
      return { text: `Lifecycle rules published: v${e.data.version}` };
  }
}
