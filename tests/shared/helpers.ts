/**
 * Builders for the shared-domain tests: a simulated writer (one PC) that decides commands
 * against its own folded view, stamps events with its own HLC and sequence, and can receive
 * other writers' events — the same steps WorkspaceService takes, without disk or transport.
 */
import { expect } from 'vitest';
import {
  CreateIncidentSchema,
  decide,
  decideCreate,
  DomainError,
  IncidentCommandSchema,
  type CreateIncidentInput,
  type DecisionContext,
  type IncidentCommandInput,
  type PendingEvent,
} from '../../shared/domain/commands';
import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../shared/domain/events';
import { nextIncidentId, writerCode } from '../../shared/domain/ids';
import type { IncidentState } from '../../shared/domain/incident';
import { DEFAULT_LIFECYCLE, type LifecycleRules, type Status } from '../../shared/domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../../shared/domain/priority';
import { foldIncident } from '../../shared/domain/reducer';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc, type HlcState } from '../../shared/time/hlc';

/** Monday 2 March 2026, 09:00 UTC: the start of every simulated clock. */
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export const RESOLUTION = { summary: 'Restarted the payment gateway pool', code: 'Fixed' } as const;

export interface WriterOptions {
  /** Wall-clock time of the writer's PC (ms since epoch). */
  now?: number;
  /** Short tag used in the event / task / entry ids this writer mints (≤ 16 chars). */
  tag?: string;
  actor?: string;
  matrix?: PriorityMatrix;
  lifecycle?: LifecycleRules;
}

/** One PC: its own clock, HLC, sequence, id source and the events it knows about. */
export class Writer {
  now: number;
  hlc: HlcState = { millis: 0, counter: 0 };
  seq = 0;
  readonly tag: string;
  actor: string;
  matrix: PriorityMatrix;
  lifecycle: LifecycleRules;
  /** Every event this writer knows (its own and received), by event id. */
  readonly known = new Map<string, EventEnvelope>();
  /** The events this writer stamped itself, in stamping order. */
  readonly emitted: EventEnvelope[] = [];
  private minted = 0;

  constructor(
    readonly writerId: string,
    opts: WriterOptions = {},
  ) {
    this.now = opts.now ?? T0;
    this.tag = opts.tag ?? writerId.slice(0, 8);
    this.actor = opts.actor ?? `Operator ${this.tag}`;
    this.matrix = opts.matrix ?? DEFAULT_PRIORITY_MATRIX;
    this.lifecycle = opts.lifecycle ?? DEFAULT_LIFECYCLE;
  }

  /** Let the PC's wall clock run on. */
  advance(ms = 1000): this {
    this.now += ms;
    return this;
  }

  newId = (): string => `${this.tag}-${++this.minted}`;

  context(): DecisionContext {
    return {
      now: iso(this.now),
      newId: this.newId,
      matrix: this.matrix,
      lifecycle: this.lifecycle,
      lookup: (id) => this.state(id),
    };
  }

  /** Wraps a decided event in an envelope the way WorkspaceService does (tick HLC, next seq). */
  stamp(p: Pick<PendingEvent, 'stream' | 'type' | 'data'> | { stream: string; type: string; data: unknown }, v = CURRENT_EVENT_VERSION): EventEnvelope {
    this.hlc = tickHlc(this.hlc, this.now);
    const e: EventEnvelope = {
      id: `evt-${this.tag}-${String(this.seq + 1).padStart(4, '0')}`,
      stream: p.stream,
      type: p.type,
      hlc: encodeHlc(this.hlc),
      writerId: this.writerId,
      seq: ++this.seq,
      recordedAt: iso(this.now),
      actor: this.actor,
      v,
      data: p.data,
    };
    this.known.set(e.id, e);
    this.emitted.push(e);
    return e;
  }

  /** Merges events from another writer: HLC receive (causality) plus local knowledge. */
  receive(events: Iterable<EventEnvelope>): this {
    for (const e of events) {
      if (this.known.has(e.id)) continue;
      this.hlc = receiveHlc(this.hlc, decodeHlc(e.hlc), this.now);
      this.known.set(e.id, e);
    }
    return this;
  }

  events(stream?: string): EventEnvelope[] {
    const all = [...this.known.values()];
    return stream === undefined ? all : all.filter((e) => e.stream === stream);
  }

  /** Ids of the incidents this writer has seen created. */
  incidentIds(): string[] {
    return [...new Set(this.events().filter((e) => e.type === 'incident.created').map((e) => e.stream))];
  }

  state(id: string): IncidentState | undefined {
    return foldIncident(this.events(id));
  }

  /** Current state of an incident that must exist. */
  get(id: string): IncidentState {
    const s = this.state(id);
    if (!s) throw new Error(`test setup: ${this.writerId} does not know ${id}`);
    return s;
  }

  /** Creates an incident with the next id for this writer; returns its id. */
  create(input: Partial<CreateIncidentInput> = {}, id?: string): string {
    const incidentId = id ?? nextIncidentId(this.incidentIds(), new Date(this.now).getUTCFullYear(), writerCode(this.writerId));
    const parsed = CreateIncidentSchema.parse({ title: 'Payment gateway timeouts', impact: 2, urgency: 2, ...input });
    for (const p of decideCreate(incidentId, parsed, this.context())) this.stamp(p);
    return incidentId;
  }

  /** Decides one command (validated like the API does) and records its events; returns them. */
  run(id: string, command: IncidentCommandInput): EventEnvelope[] {
    const pending = this.decide(id, command);
    return pending.map((p) => this.stamp(p));
  }

  /** Decides without recording. */
  decide(id: string, command: IncidentCommandInput): PendingEvent[] {
    return decide(this.get(id), IncidentCommandSchema.parse(command), this.context());
  }
}

/** Transition command with a reason / resolution as the default lifecycle asks for them. */
export function transition(to: Status, extra: Partial<Extract<IncidentCommandInput, { type: 'transition' }>> = {}): IncidentCommandInput {
  return { type: 'transition', to, ...extra };
}

/** The shortest default-lifecycle path from New to each status (on hold: held from Investigating). */
export const PATH_TO: Record<Status, IncidentCommandInput[]> = {
  new: [],
  acknowledged: [transition('acknowledged')],
  investigating: [transition('investigating')],
  mitigated: [transition('investigating'), transition('mitigated')],
  monitoring: [transition('investigating'), transition('mitigated'), transition('monitoring')],
  resolved: [transition('investigating'), transition('resolved', { resolution: RESOLUTION })],
  closed: [
    transition('investigating'),
    transition('resolved', { resolution: RESOLUTION }),
    { type: 'recordReview', outcome: 'done' },
    transition('closed'),
  ],
  on_hold: [transition('investigating'), transition('on_hold', { reason: 'Waiting for the carrier' })],
  cancelled: [transition('cancelled', { reason: 'Raised in error' })],
};

/** Runs commands one after another, a minute apart. */
export function runAll(w: Writer, id: string, commands: readonly IncidentCommandInput[]): EventEnvelope[] {
  return commands.flatMap((c) => {
    w.advance(60_000);
    return w.run(id, c);
  });
}

/** A writer with one fresh incident driven to `status` along PATH_TO. */
export function incidentAt(status: Status, input: Partial<CreateIncidentInput> = {}, opts: WriterOptions = {}): { w: Writer; id: string } {
  const w = new Writer(opts.tag ? `writer-${opts.tag}` : 'writer-a', opts);
  const id = w.create(input);
  runAll(w, id, PATH_TO[status]);
  return { w, id };
}

/** Asserts that `fn` throws a DomainError for `rule` (and returns it for further checks). */
export function expectRule(fn: () => unknown, rule: string): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected DomainError ${rule}`).toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect(err.rule, err.message).toBe(rule);
  return err;
}

/** The state without the bookkeeping that every folded event advances. */
export function domainFields(s: IncidentState | undefined): Omit<IncidentState, 'timeline' | 'version' | 'updatedAt'> | undefined {
  if (!s) return s;
  const { timeline: _t, version: _v, updatedAt: _u, ...rest } = s;
  return rest;
}

/** Deterministic PRNG (mulberry32) so shuffles replay from a fast-check seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rnd = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
