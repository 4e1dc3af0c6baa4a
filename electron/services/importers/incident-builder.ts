import {
  CreateIncidentSchema,
  decide,
  decideCreate,
  type CreateIncidentInput,
  type DecisionContext,
  type IncidentCommand,
  type PendingEvent,
} from '../../../shared/domain/commands';
import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../../shared/domain/events';
import type { IncidentState } from '../../../shared/domain/incident';
import { isActive, STATUS_LABELS, type LifecycleRules, type Status } from '../../../shared/domain/lifecycle';
import type { PriorityMatrix } from '../../../shared/domain/priority';
import { applyEvent } from '../../../shared/domain/reducer';
import { encodeHlc } from '../../../shared/time/hlc';
import { lifecyclePath } from '../demo/command-recorder';
import type { TimedEvent } from '../workspace/timed-event';

/** Adjustments an import made, counted by kind (shown in the summary). */
export class ImportNotes {
  private readonly counts = new Map<string, number>();

  add(message: string, n = 1): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + n);
  }

  list(): Array<{ message: string; count: number }> {
    return [...this.counts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
  }
}

export interface BuilderOptions {
  matrix: PriorityMatrix;
  lifecycle: LifecycleRules;
  notes: ImportNotes;
  /** Reason of the review waiver recorded before closing a priority whose Close needs a review. */
  reviewWaiver: string;
}

/**
 * One imported incident, built the way a person would have: every change is a command that passes
 * `decide()` against the state folded so far (as the demo's CommandRecorder does), at the source's
 * own times. Times never go backwards within the incident (an earlier one is moved up and noted).
 * Lean on purpose (a full event log has ~100,000 of these): commands are built typed, so they skip
 * the command schema (the events `decide()` makes are still parsed by their payload schemas), and
 * the folded state keeps no timeline.
 */
export class IncidentBuilder {
  private current: IncidentState | undefined;
  private readonly out: TimedEvent[] = [];
  private last = Number.NEGATIVE_INFINITY;
  private now = 0;
  private n = 0;
  private readonly ctx: DecisionContext;

  constructor(
    readonly id: string,
    /** Event ids are `<prefix><n>`, n counting from 0 in the order events are decided. */
    private readonly prefix: string,
    private readonly opts: BuilderOptions,
  ) {
    const self = this;
    this.ctx = {
      get now() {
        return new Date(self.now).toISOString();
      },
      // Entry/task ids only need to be unique within the incident, and the same on every import.
      newId: () => `imp-${++this.n}`,
      matrix: opts.matrix,
      lifecycle: opts.lifecycle,
      lookup: (other) => (other === id ? this.current : undefined),
    };
  }

  get state(): IncidentState {
    if (!this.current) throw new Error(`${this.id} is not created yet`);
    return this.current;
  }

  /** The events decided so far, with their fixed ids. */
  get events(): readonly TimedEvent[] {
    return this.out;
  }

  private at(t: number): number {
    if (t < this.last) {
      this.opts.notes.add('A source time earlier than the incident’s previous event was moved up to keep its timeline in order');
      return this.last;
    }
    this.last = t;
    return t;
  }

  private record(pending: readonly PendingEvent[], at: number, actor: string): void {
    const recordedAt = new Date(at).toISOString();
    for (const p of pending) {
      if (p.stream !== this.id) throw new Error(`${this.id}: a command touched ${p.stream}`);
      const id = `${this.prefix}${this.out.length}`;
      this.out.push({ stream: p.stream, type: p.type, data: p.data, at, actor, id });
      const envelope: EventEnvelope = { id, stream: p.stream, type: p.type, hlc: encodeHlc({ millis: at, counter: 0 }), writerId: 'import', seq: this.out.length, recordedAt, actor, v: CURRENT_EVENT_VERSION, data: p.data };
      const next = applyEvent(this.current, envelope, true)!;
      next.timeline = []; // not needed to decide; keeping it would make long incidents quadratic
      this.current = next;
    }
  }

  create(input: CreateIncidentInput, at: number, actor: string): void {
    if (this.current) throw new Error(`${this.id} exists already`);
    const t = this.at(at);
    this.now = t;
    this.record(decideCreate(this.id, CreateIncidentSchema.parse(input), this.ctx), t, actor);
  }

  run(command: IncidentCommand, at: number, actor: string): void {
    const t = this.at(at);
    this.now = t;
    this.record(decide(this.state, command, this.ctx), t, actor);
  }

  /**
   * Moves to `target` along the shortest legal path of the lifecycle. Where there is none (Closed
   * is final; Investigating cannot go back to Acknowledged), an incident on hold resumes and a
   * resolved one reopens if the source says work goes on; otherwise it keeps its status. Either
   * way the summary notes it. Returns whether the status changed.
   */
  moveTo(target: Status, at: number, actor: string, extras: { reason: string; resolution?: { summary: string; code: string } }): boolean {
    const s = this.state;
    if (s.status === target) return false;
    const rules = this.opts.lifecycle;
    let path = lifecyclePath(rules, s.status, s.heldFrom, target);
    if (!path) {
      let fallback: Status | undefined;
      if (s.status === 'on_hold' && s.heldFrom) fallback = s.heldFrom;
      else if (s.status === 'resolved' && isActive(target)) fallback = 'investigating';
      const via = fallback ? lifecyclePath(rules, s.status, s.heldFrom, fallback) : undefined;
      this.opts.notes.add(
        `${STATUS_LABELS[s.status]} → ${STATUS_LABELS[target]} is not a legal move; ${via ? `went to ${STATUS_LABELS[fallback!]} instead` : `kept ${STATUS_LABELS[s.status]}`}`,
      );
      if (!via) return false;
      path = via;
    }
    const time = this.at(at);
    for (const rule of path) {
      const now = this.state;
      if (rule.requires.includes('review') && rules.reviewPriorities.includes(now.priority) && !now.review) {
        this.run({ type: 'recordReview', outcome: 'waived', reason: this.opts.reviewWaiver }, time, actor);
      }
      this.run({ type: 'transition', to: rule.to, reason: extras.reason, resolution: rule.requires.includes('resolution') ? extras.resolution : undefined }, time, actor);
    }
    return true;
  }
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
