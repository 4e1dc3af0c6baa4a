import type { CreateIncidentInput, IncidentCommandInput } from '../../../shared/domain/commands';
import type { IncidentState } from '../../../shared/domain/incident';
import { isActive, STATUS_LABELS, type LifecycleRules, type Status } from '../../../shared/domain/lifecycle';
import type { PriorityMatrix } from '../../../shared/domain/priority';
import { CommandRecorder, lifecyclePath } from '../demo/command-recorder';
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
 * `decide()` against the state folded so far (the demo's CommandRecorder), at the source's own
 * times. Times never go backwards within the incident (an earlier one is moved up and noted).
 */
export class IncidentBuilder {
  private readonly recorder: CommandRecorder;
  private last = Number.NEGATIVE_INFINITY;
  private n = 0;

  constructor(
    readonly id: string,
    private readonly opts: BuilderOptions,
  ) {
    // Entry/task ids only need to be unique within the incident, and the same on every import.
    this.recorder = new CommandRecorder({ newId: () => `imp-${++this.n}`, matrix: opts.matrix, lifecycle: opts.lifecycle });
  }

  get state(): IncidentState {
    const s = this.recorder.state(this.id);
    if (!s) throw new Error(`${this.id} is not created yet`);
    return s;
  }

  get created(): boolean {
    return this.recorder.state(this.id) !== undefined;
  }

  /** The events so far, with ids `<prefix><n>` in the order they were decided. */
  events(prefix: string): TimedEvent[] {
    return this.recorder.events.map((e, i) => ({ ...e, id: `${prefix}${i}` }));
  }

  private at(t: number): number {
    if (t < this.last) {
      this.opts.notes.add('A source time earlier than the incident’s previous event was moved up to keep its timeline in order');
      return this.last;
    }
    this.last = t;
    return t;
  }

  create(input: CreateIncidentInput, at: number, actor: string): void {
    this.recorder.create(this.id, input, this.at(at), actor);
  }

  run(command: IncidentCommandInput, at: number, actor: string): void {
    this.recorder.run(this.id, command, this.at(at), actor);
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
        this.recorder.run(this.id, { type: 'recordReview', outcome: 'waived', reason: this.opts.reviewWaiver }, time, actor);
      }
      this.recorder.run(
        this.id,
        {
          type: 'transition',
          to: rule.to,
          reason: extras.reason,
          resolution: rule.requires.includes('resolution') ? extras.resolution : undefined,
        },
        time,
        actor,
      );
    }
    return true;
  }
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
