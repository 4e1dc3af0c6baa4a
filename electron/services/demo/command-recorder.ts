import {
  CreateIncidentSchema,
  decide,
  decideCreate,
  IncidentCommandSchema,
  type CreateIncidentInput,
  type DecisionContext,
  type IncidentCommandInput,
  type PendingEvent,
} from '../../../shared/domain/commands';
import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../../shared/domain/events';
import type { IncidentState } from '../../../shared/domain/incident';
import { allowedTransitions, DEFAULT_LIFECYCLE, type LifecycleRules, type Status, type TransitionRule } from '../../../shared/domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../../../shared/domain/priority';
import { applyEvent } from '../../../shared/domain/reducer';
import { encodeHlc } from '../../../shared/time/hlc';
import type { TimedEvent } from '../workspace/timed-event';

export interface CommandRecorderOptions {
  /** Ids for tasks, checklist items and timeline entries; deterministic in the demo. */
  newId: () => string;
  matrix?: PriorityMatrix;
  lifecycle?: LifecycleRules;
}

/**
 * Builds past events by issuing the commands a person would have issued, each at its own moment,
 * against state folded as it goes: every event passes the same `decide()` rules as a live call,
 * and comes out as a TimedEvent for `WorkspaceService.importEvents`.
 *
 * Events of one incident must be issued in time order (the journal folds them by time), which
 * `record` enforces.
 */
export class CommandRecorder {
  readonly events: TimedEvent[] = [];
  readonly matrix: PriorityMatrix;
  readonly lifecycle: LifecycleRules;
  private readonly states = new Map<string, IncidentState>();
  private readonly lastAt = new Map<string, number>();
  private seq = 0;

  constructor(private readonly opts: CommandRecorderOptions) {
    this.matrix = opts.matrix ?? DEFAULT_PRIORITY_MATRIX;
    this.lifecycle = opts.lifecycle ?? DEFAULT_LIFECYCLE;
  }

  state(id: string): IncidentState | undefined {
    return this.states.get(id);
  }

  create(id: string, input: CreateIncidentInput, at: number, actor: string): IncidentState {
    if (this.states.has(id)) throw new Error(`Incident ${id} exists already`);
    this.record(decideCreate(id, CreateIncidentSchema.parse(input), this.context(at)), at, actor);
    return this.states.get(id)!;
  }

  /** Runs one command; returns the events it produced (to learn generated task/entry ids). */
  run(id: string, command: IncidentCommandInput, at: number, actor: string): PendingEvent[] {
    const state = this.states.get(id);
    if (!state) throw new Error(`No incident ${id}`);
    const pending = decide(state, IncidentCommandSchema.parse(command), this.context(at));
    this.record(pending, at, actor);
    return pending;
  }

  /**
   * Moves an incident to `to` along the shortest legal path of the lifecycle (e.g. New →
   * Investigating → Resolved), giving `reason`/`resolution` to the steps that need them.
   */
  moveTo(id: string, to: Status, at: number, actor: string, extras: { reason?: string; resolution?: { summary: string; code: string } } = {}): void {
    const state = this.states.get(id);
    if (!state) throw new Error(`No incident ${id}`);
    const path = lifecyclePath(this.lifecycle, state.status, state.heldFrom, to);
    if (!path) throw new Error(`${id} has no path from ${state.status} to ${to}`);
    for (const rule of path) {
      this.run(
        id,
        {
          type: 'transition',
          to: rule.to,
          reason: rule.requires.includes('reason') ? (extras.reason ?? '') : '',
          resolution: rule.to === 'resolved' ? extras.resolution : undefined,
        },
        at,
        actor,
      );
    }
  }

  private context(at: number): DecisionContext {
    return {
      now: new Date(at).toISOString(),
      newId: this.opts.newId,
      matrix: this.matrix,
      lifecycle: this.lifecycle,
      lookup: (id) => this.states.get(id),
    };
  }

  private record(pending: readonly PendingEvent[], at: number, actor: string): void {
    if (!Number.isFinite(at)) throw new Error(`Not a time: ${at}`);
    const recordedAt = new Date(at).toISOString();
    for (const p of pending) {
      const last = this.lastAt.get(p.stream);
      if (last !== undefined && at < last)
        throw new Error(`${p.stream}: ${p.type} at ${new Date(at).toISOString()} is before its previous event (${new Date(last).toISOString()})`);
      this.lastAt.set(p.stream, at);
      this.events.push({ stream: p.stream, type: p.type, data: p.data, at, actor });
      this.seq++;
      const envelope: EventEnvelope = {
        id: `recorder-${this.seq}`,
        stream: p.stream,
        type: p.type,
        hlc: encodeHlc({ millis: at, counter: 0 }),
        writerId: 'recorder',
        seq: this.seq,
        recordedAt,
        actor,
        v: CURRENT_EVENT_VERSION,
        data: p.data,
      };
      const next = applyEvent(this.states.get(p.stream), envelope, true);
      if (next) this.states.set(p.stream, next);
    }
  }
}

/**
 * Shortest sequence of legal transitions from one status to another. On hold and Cancelled are
 * never passed through, only reached when they are the target.
 */
export function lifecyclePath(rules: LifecycleRules, from: Status, heldFrom: Status | null, to: Status): TransitionRule[] | undefined {
  if (from === to) return [];
  const seen = new Set<Status>([from]);
  let frontier: Array<{ status: Status; heldFrom: Status | null; path: TransitionRule[] }> = [{ status: from, heldFrom, path: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      for (const rule of allowedTransitions(rules, node.status, node.heldFrom)) {
        if (seen.has(rule.to)) continue;
        if ((rule.to === 'on_hold' || rule.to === 'cancelled') && rule.to !== to) continue;
        const path = [...node.path, rule];
        if (rule.to === to) return path;
        seen.add(rule.to);
        next.push({ status: rule.to, heldFrom: rule.to === 'on_hold' ? node.status : null, path });
      }
    }
    frontier = next;
  }
  return undefined;
}
