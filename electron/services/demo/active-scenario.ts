import { z } from 'zod';
import { CreateIncidentSchema, type IncidentCommandInput, type PendingEvent } from '../../../shared/domain/commands';
import type { TimedEvent } from '../workspace/timed-event';
import { CommandRecorder } from './command-recorder';

const MINUTE = 60_000;

/**
 * One command of the scenario: a Watchfloor command (`type` and its fields) issued by `by` at
 * `at` minutes from now, with references instead of generated ids (see active-incidents.json).
 */
const StepSchema = z.looseObject({
  at: z.number().max(0),
  by: z.string().trim().min(1).optional(),
  type: z.string().min(1),
  /** Names the task or entry this step creates, for later steps. */
  ref: z.string().min(1).optional(),
});
type Step = z.infer<typeof StepSchema>;

export const ActiveScenarioSchema = z.object({
  incidents: z
    .array(
      z.object({
        key: z.string().min(1),
        openedAt: z.number().max(0),
        by: z.string().trim().min(1),
        fields: CreateIncidentSchema,
        steps: z.array(StepSchema).default([]),
      }),
    )
    .min(1),
});
export type ActiveScenario = z.infer<typeof ActiveScenarioSchema>;

export interface ScenarioOptions {
  now: number;
  /** Id of the incident opened at `opened`; called in opening order. */
  incidentId: (opened: number) => string;
  newId: () => string;
}

/** Plays the active-incident scenario through the domain's commands; every event lands at or before `now`. */
export function scenarioToTimedEvents(json: unknown, options: ScenarioOptions): TimedEvent[] {
  const parsed = ActiveScenarioSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Demo scenario: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const scenario = parsed.data;
  const { now } = options;
  const time = (minutes: number) => now + Math.round(minutes * MINUTE);
  const iso = (minutes: number) => new Date(time(minutes)).toISOString();

  const ids = new Map<string, string>();
  for (const inc of [...scenario.incidents].sort((a, b) => a.openedAt - b.openedAt)) {
    if (ids.has(inc.key)) throw new Error(`Demo scenario: incident key "${inc.key}" is used twice`);
    ids.set(inc.key, options.incidentId(time(inc.openedAt)));
  }
  const incidentRef = (key: unknown) => {
    const id = typeof key === 'string' ? ids.get(key) : undefined;
    if (!id) throw new Error(`no incident with key "${String(key)}"`);
    return id;
  };

  type Action = { at: number; order: number; incident: ActiveScenario['incidents'][number]; step?: Step; index: number };
  const actions: Action[] = scenario.incidents.flatMap((incident, i) => [
    { at: incident.openedAt, order: 0, incident, index: i },
    ...incident.steps.map((step, s) => {
      if (step.at < incident.openedAt) throw new Error(`Demo scenario: ${incident.key} step ${s} is before the incident opens`);
      return { at: step.at, order: 1, incident, step, index: s };
    }),
  ]);
  actions.sort((a, b) => a.at - b.at || a.order - b.order);

  const recorder = new CommandRecorder({ newId: options.newId });
  const entries = new Map<string, string>();
  const tasks = new Map<string, { taskId: string; items: string[] }>();
  for (const action of actions) {
    const { incident, step } = action;
    const id = ids.get(incident.key)!;
    if (!step) {
      recorder.create(id, incident.fields, time(incident.openedAt), incident.by);
      continue;
    }
    const refKey = (ref: string) => `${incident.key}:${ref}`;
    try {
      const command = toCommand(step, {
        iso,
        incidentRef,
        entry: (ref) => lookup(entries, refKey(ref), ref),
        task: (ref) => lookup(tasks, refKey(ref), ref),
      });
      const pending = recorder.run(id, command, time(step.at), step.by ?? incident.by);
      if (step.ref) remember(refKey(step.ref), pending, entries, tasks);
    } catch (err) {
      throw new Error(`Demo scenario: ${incident.key} step ${action.index} (${step.type}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return recorder.events;
}

interface Resolvers {
  iso: (minutes: number) => string;
  incidentRef: (key: unknown) => string;
  entry: (ref: string) => string;
  task: (ref: string) => { taskId: string; items: string[] };
}

/** Turns a scenario step into a command input, resolving references and relative times. */
function toCommand(step: Step, r: Resolvers): IncidentCommandInput {
  const { at: _at, by: _by, ref: _ref, ...rest } = step;
  const c: Record<string, unknown> = { ...rest };
  const minutes = (v: unknown) => (typeof v === 'number' ? r.iso(v) : v);
  if ('due' in c) c.due = minutes(c.due);
  if ('occurredAt' in c) c.occurredAt = minutes(c.occurredAt);
  if ('time' in c) {
    c.at = minutes(c.time);
    delete c.time;
  }
  if ('target' in c) c.target = r.incidentRef(c.target);
  if ('link' in c) c.link = r.incidentRef(c.link);
  if (typeof c.entry === 'string') {
    c.entryId = r.entry(c.entry);
    delete c.entry;
  }
  if (typeof c.task === 'string') {
    const task = r.task(c.task);
    c.taskId = task.taskId;
    delete c.task;
    if (typeof c.item === 'number') {
      const itemId = task.items[c.item];
      if (!itemId) throw new Error(`task has no checklist item ${c.item}`);
      c.itemId = itemId;
      delete c.item;
    }
  }
  return c as IncidentCommandInput;
}

function lookup<T>(map: Map<string, T>, key: string, ref: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`no earlier step with ref "${ref}"`);
  return value;
}

function remember(key: string, pending: readonly PendingEvent[], entries: Map<string, string>, tasks: Map<string, { taskId: string; items: string[] }>): void {
  if (entries.has(key) || tasks.has(key)) throw new Error(`ref "${key}" is used twice`);
  for (const p of pending) {
    if (p.type === 'entry.added') entries.set(key, (p as PendingEvent<'entry.added'>).data.entryId);
    if (p.type === 'task.added') {
      const data = (p as PendingEvent<'task.added'>).data;
      tasks.set(key, { taskId: data.taskId, items: data.checklist.map((i) => i.itemId) });
    }
  }
  if (!entries.has(key) && !tasks.has(key)) throw new Error(`ref "${key}" is on a step that creates no task or entry`);
}
