import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { api, ApiError, invalidInput, isMethodName, type MachineSettings, type WorkspaceInfo } from '../../../shared/contract/api';
import type { StreamMessage } from '../../../shared/contract/stream';
import { ALERT_STREAM } from '../../../shared/alerts/events';
import { ORG_STREAM } from '../../../shared/org/events';
import type { AlertInbox } from '../../../shared/alerts/inbox';
import { DomainError, type DecisionContext, type PendingEvent } from '../../../shared/domain/commands';
import { CURRENT_EVENT_VERSION, compareEvents, parseEvent, type EventEnvelope } from '../../../shared/domain/events';
import { nextIncidentId, writerCode } from '../../../shared/domain/ids';
import type { IncidentState, IncidentSummary } from '../../../shared/domain/incident';
import { foldManyInto } from '../../../shared/domain/reducer';
import { decodeHlc, encodeHlc, tickHlc, type HlcState } from '../../../shared/time/hlc';
import type { Clock, IdGenerator } from '../../../shared/time/clock';
import { InboxProjection } from '../alerts/inbox-projection';
import type { EventStore, FoldedHistory, StoreWarning } from '../journal/event-store';
import { NdjsonJournal } from '../journal/ndjson-journal';
import { SharedFolderStore, type SharedStoreStatus } from '../shared-store/shared-folder-store';
import { MachineSettingsStore } from '../settings/machine-settings';
import type { CallContext } from './call-context';
import { OrgProjection } from './org-projection';
import { allHandlers } from './handlers/all-handlers';
import type { HandlerContext, HandlerMap } from './handlers/handler';
import type { TimedEvent } from './timed-event';

export interface WorkspaceOptions {
  dataDir: string;
  version: string;
  clock?: Clock;
  newId?: IdGenerator;
  /** Builds the demo workspace on first start with an empty data directory. */
  seed?: (now: number) => TimedEvent[];
  /** The event store, or a factory given this machine's writer id (e.g. the shared folder store). */
  store?: EventStore | ((writerId: string) => EventStore);
}

type Listener = (message: StreamMessage) => void;

/**
 * The backend behind both transports: validates calls against the contract, decides events with
 * the shared domain rules, records them durably, and keeps every incident's folded state.
 */
export class WorkspaceService {
  private readonly incidents = new Map<string, IncidentState>();
  /**
   * Incidents the store holds folded elsewhere (a checkpoint) whose events are not loaded yet: an
   * incident is folded from its stored events the first time something needs more than its summary.
   */
  private readonly dormant = new Map<string, IncidentSummary>();
  private history: FoldedHistory | undefined;
  /** Events whose incident's creation event has not arrived yet (other writers, out of order). */
  private readonly orphans = new Map<string, EventEnvelope[]>();
  private readonly listeners = new Set<Listener>();
  private readonly minted = new Set<string>();
  private readonly closers: Array<() => void | Promise<void>> = [];
  private readonly handlers: HandlerMap = allHandlers(this);
  /** The alert inbox: events of the alert stream are folded here, never into `incidents`. */
  readonly alertInbox = new InboxProjection(undefined, () => this.now());
  /** The organisation's policies, folded from the org stream (never into `incidents`). */
  readonly org = new OrgProjection();
  private hlc: HlcState = { millis: 0, counter: 0 };
  private seq = 0;
  warnings: StoreWarning[] = [];
  /** The data directory (importers keep their remembered mappings there). */
  dataDir = '';

  private constructor(
    private readonly opts: Required<Pick<WorkspaceOptions, 'clock' | 'newId' | 'version'>>,
    private readonly settingsStore: MachineSettingsStore,
    private readonly store: EventStore,
  ) {}

  static async open(options: WorkspaceOptions): Promise<WorkspaceService> {
    const { store: settingsStore } = await MachineSettingsStore.open(options.dataDir);
    const store: EventStore =
      typeof options.store === 'function'
        ? options.store(settingsStore.writerId)
        : (options.store ?? new NdjsonJournal(join(options.dataDir, 'journal', 'events.ndjson')));
    const service = new WorkspaceService(
      { clock: options.clock ?? { now: () => Date.now() }, newId: options.newId ?? randomUUID, version: options.version },
      settingsStore,
      store,
    );
    const { events, warnings, history } = await store.load();
    service.warnings = warnings;
    service.dataDir = options.dataDir;
    if (history) service.adoptHistory(history);
    service.ingest(events);
    store.onRemoteEvents?.((remote) => service.absorb(remote));
    if (events.length === 0 && !history && options.seed) await service.importEvents(options.seed(service.opts.clock.now()));
    return service;
  }

  /** The shared folder's status (connection, unpublished events, writers, warnings), if the store has one. */
  storeStatus(): SharedStoreStatus | undefined {
    return (this.store as Partial<Pick<SharedFolderStore, 'status'>>).status?.();
  }

  /** The shared folder store, when this workspace merges through one (status, live changes, sync now). */
  sharedStore(): SharedFolderStore | undefined {
    return this.store instanceof SharedFolderStore ? this.store : undefined;
  }

  /** The shared folder saved in this machine's settings: used from the next start. */
  get savedSharedDir(): string | null {
    return this.settingsStore.sharedDir;
  }

  async saveSharedDir(dir: string | null): Promise<void> {
    await this.settingsStore.setSharedDir(dir);
  }

  get writerId(): string {
    return this.settingsStore.writerId;
  }

  get settings(): MachineSettings {
    return this.settingsStore.settings;
  }

  /** Takes in the incidents a store holds folded, without their events (see `dormant`). */
  private adoptHistory(history: FoldedHistory): void {
    this.history = history;
    this.seq = Math.max(this.seq, history.lastSeqOf(this.writerId)); // own events it holds are not among those loaded
    let newest = '';
    for (const s of history.summaries) {
      this.dormant.set(s.id, s);
      if (s.version > newest) newest = s.version;
    }
    if (newest) this.observeHlc(decodeHlc(newest));
  }

  /**
   * An incident's folded state; a dormant one is folded from its stored events now, and kept. If
   * the store can no longer read them, it stays dormant (its id taken, its summary listed) until
   * the store has delivered its events instead and they are folded (`ingest`).
   */
  private folded(id: string): IncidentState | undefined {
    const state = this.incidents.get(id);
    if (state || !this.dormant.has(id)) return state;
    const after = this.foldStored(id);
    if (!after) return undefined;
    this.dormant.delete(id);
    this.incidents.set(id, after);
    return after;
  }

  /** A dormant incident folded from its stored events (undefined if they cannot be read). */
  private foldStored(id: string): IncidentState | undefined {
    const stored = this.history!.eventsOf(id);
    if (!stored) return undefined;
    const events: EventEnvelope[] = [];
    for (const r of stored) {
      const event = this.parsed(r);
      if (event) events.push(event);
    }
    return foldManyInto(undefined, events);
  }

  /** An incident's folded state, without keeping a dormant one folded (a look that reads every incident once: trends). */
  peek(id: string): IncidentState | undefined {
    return this.incidents.get(id) ?? (this.dormant.has(id) ? this.foldStored(id) : undefined);
  }

  /** Every incident as far as known without folding: the folded states, and the summaries of the others. */
  incidentSummaries(): IncidentSummary[] {
    return [...this.incidents.values(), ...this.dormant.values()];
  }

  /** A stored or remote event, validated; undefined (with a warning) if it is not one. */
  private parsed(raw: unknown): EventEnvelope | undefined {
    const p = parseEvent(raw);
    if (p.ok) return p.event;
    this.warnings.push({ file: 'journal', message: `an event was skipped: ${p.error}` });
    return undefined;
  }

  /**
   * Folds stored or remote events into the projection; returns the incidents that changed. Events
   * are grouped by incident and each incident is folded once per batch (a load of a million events
   * is one pass, not a million refolds); the result is the same as adding them one at a time.
   * `validated`: the events were built here from payloads decide() has already parsed (a command's
   * own events), so they are not parsed a second time.
   */
  private ingest(raw: readonly unknown[], validated = false): IncidentState[] {
    const byStream = new Map<string, EventEnvelope[]>();
    const alertEvents: EventEnvelope[] = [];
    const orgEvents: EventEnvelope[] = [];
    let newest = '';
    for (const r of raw) {
      const event = validated ? (r as EventEnvelope) : this.parsed(r);
      if (!event) continue;
      if (event.hlc > newest) newest = event.hlc; // fixed-width HLC text sorts like the clock
      if (event.writerId === this.writerId && event.seq > this.seq) this.seq = event.seq;
      if (event.stream === ALERT_STREAM) alertEvents.push(event);
      else if (event.stream === ORG_STREAM) orgEvents.push(event);
      else {
        const group = byStream.get(event.stream);
        if (group) group.push(event);
        else byStream.set(event.stream, [event]);
      }
    }
    if (newest) this.observeHlc(decodeHlc(newest));
    const changed: IncidentState[] = [];
    for (const [stream, events] of byStream) {
      const pending = this.orphans.get(stream) ?? [];
      const after = foldManyInto(this.folded(stream), events, pending);
      if (after) {
        this.incidents.set(stream, after);
        this.dormant.delete(stream); // folded from delivered events, its stored ones unreadable
        this.orphans.delete(stream);
        changed.push(after);
      } else {
        this.orphans.set(stream, [...pending, ...events]);
      }
    }
    if (alertEvents.length) this.ingestAlerts(alertEvents.sort(compareEvents));
    if (orgEvents.length) for (const message of this.org.ingest(orgEvents.sort(compareEvents))) this.emit(message);
    return changed;
  }

  /** Folds alert-stream events into the inbox and tells every listener what changed. */
  private ingestAlerts(events: EventEnvelope[]): void {
    const change = this.alertInbox.ingest(events);
    if (!change) return;
    const max = 500;
    this.emit({ kind: 'alerts', groups: change.groups.slice(0, max), truncated: change.groups.length > max, critical: change.critical, monitoringSuggested: change.monitoringSuggested });
  }

  /** The alert inbox now (shared/alerts/inbox.ts), folded from the alert stream. */
  inbox(): AlertInbox {
    return this.alertInbox.inbox;
  }

  private observeHlc(h: HlcState): void {
    if (h.millis > this.hlc.millis || (h.millis === this.hlc.millis && h.counter > this.hlc.counter)) this.hlc = h;
  }

  private envelope(p: PendingEvent, actor: string, at: number): EventEnvelope {
    this.hlc = tickHlc(this.hlc, at);
    return {
      id: this.opts.newId(),
      stream: p.stream,
      type: p.type,
      hlc: encodeHlc(this.hlc),
      writerId: this.writerId,
      seq: ++this.seq,
      recordedAt: new Date(at).toISOString(),
      actor,
      v: CURRENT_EVENT_VERSION,
      data: p.data,
    };
  }

  /** Records events durably, then updates state and tells every listener. */
  private async record(envelopes: EventEnvelope[], announce?: (s: IncidentState) => boolean, validated = false): Promise<IncidentState[]> {
    await this.store.append(envelopes);
    return this.absorb(envelopes, announce, validated);
  }

  /** Folds events in and tells every listener which incidents changed (those `announce` picks, if given). */
  private absorb(raw: readonly unknown[], announce?: (s: IncidentState) => boolean, validated = false): IncidentState[] {
    const changed = this.ingest(raw, validated);
    const told = announce ? changed.filter(announce) : changed;
    if (told.length) this.emit({ kind: 'incidents', incidents: told });
    return changed;
  }

  /** Records historical events at their own times (demo seed, importers). */
  async importEvents(items: readonly TimedEvent[], announce?: (s: IncidentState) => boolean): Promise<void> {
    const sorted = [...items].sort((a, b) => a.at - b.at);
    const saved = this.hlc;
    const envelopes = sorted.map((item) => {
      this.hlc = { millis: item.at, counter: 0 };
      const envelope = this.envelope(item, item.actor, item.at);
      return item.id ? { ...envelope, id: item.id } : envelope;
    });
    this.hlc = saved;
    await this.record(envelopes, announce);
  }

  /**
   * Like importEvents, for items with fixed ids: those whose id this workspace holds already are
   * skipped (importing the same file twice adds nothing). Returns how many were recorded.
   * `announce` picks the changed incidents pushed to clients (an import of years of closed
   * history need not stream every one of them to every window).
   */
  async importEventsOnce(items: readonly TimedEvent[], announce?: (s: IncidentState) => boolean): Promise<{ recorded: number; skipped: number }> {
    const known = new Map<string, Set<string>>();
    const fresh = items.filter((item) => {
      let ids = known.get(item.stream);
      if (!ids) known.set(item.stream, (ids = new Set([...(this.folded(item.stream)?.timeline ?? []), ...(this.orphans.get(item.stream) ?? [])].map((e) => e.id))));
      return !item.id || (!ids.has(item.id) && Boolean(ids.add(item.id)));
    });
    if (fresh.length) await this.importEvents(fresh, announce);
    return { recorded: fresh.length, skipped: items.length - fresh.length };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(message: StreamMessage): void {
    for (const l of this.listeners) l(message);
  }

  decisionContext(now: number): DecisionContext {
    return {
      now: new Date(now).toISOString(),
      newId: this.opts.newId,
      matrix: this.org.documents.matrix.current,
      matrixVersion: this.org.documents.matrix.version,
      lifecycle: this.org.documents.lifecycle.current,
      lookup: (id) => this.folded(id),
    };
  }

  require(id: string): IncidentState {
    const s = this.folded(id);
    if (!s) throw new ApiError({ code: 'not_found', message: `No incident ${id}`, field: 'id' });
    return s;
  }

  now(): number {
    return this.opts.clock.now();
  }

  /** Every incident, folded (dormant ones are folded now: for a large store, prefer `incidentsWhere`). */
  allIncidents(): IncidentState[] {
    for (const id of [...this.dormant.keys()]) this.folded(id);
    return [...this.incidents.values()];
  }

  /** The incidents whose state (or summary, for one not folded yet) `pick` accepts, folded; only those are folded. */
  incidentsWhere(pick: (s: IncidentSummary) => boolean): IncidentState[] {
    const out = [...this.incidents.values()].filter(pick);
    for (const s of [...this.dormant.values()]) {
      const state = pick(s) ? this.folded(s.id) : undefined;
      if (state) out.push(state);
    }
    return out;
  }

  /** Whether the incident's events are folded (false for one a checkpoint holds that nothing has needed yet). */
  isFolded(id: string): boolean {
    return !this.dormant.has(id);
  }

  /** Every incident's id, folded or not. */
  incidentIds(): string[] {
    return [...this.incidents.keys(), ...this.dormant.keys()];
  }

  /** Stamps decided events with this writer's envelope and records them durably. */
  async recordDecided(pending: readonly PendingEvent[], actor: string, now: number): Promise<void> {
    await this.record(
      pending.map((p) => this.envelope(p, actor, now)),
      undefined,
      true,
    );
  }

  /**
   * Records events the SLA engine proposes (breaches, warnings, automatic escalations), each under
   * its own deterministic id, so two hosts that notice the same breach add one event once their
   * stores merge (the fold keeps one copy per id). Ids already on the incident's timeline are
   * skipped. Resolves to how many were recorded.
   */
  async recordEngineEvents(items: readonly (PendingEvent & { id: string })[], actor = 'Watchfloor SLA'): Promise<number> {
    const seen = new Set<string>();
    const fresh = items.filter((p) => {
      if (seen.has(p.id)) return false;
      seen.add(p.id);
      const onTimeline = [...(this.folded(p.stream)?.timeline ?? []), ...(this.orphans.get(p.stream) ?? [])];
      return !onTimeline.some((e) => e.id === p.id);
    });
    if (fresh.length === 0) return 0;
    const now = this.now();
    await this.record(fresh.map((p) => ({ ...this.envelope(p, actor, now), id: p.id })));
    return fresh.length;
  }

  /** Runs `fn` when the workspace closes (before the store is closed). */
  onClose(fn: () => void | Promise<void>): void {
    this.closers.push(fn);
  }

  async updateSettings(patch: Partial<MachineSettings>): Promise<MachineSettings> {
    const next = await this.settingsStore.update(patch);
    this.emit({ kind: 'settings' });
    return next;
  }

  /** Validates and runs one API call; the single entry point of both transports. */
  async call(method: string, rawInput: unknown, ctx: CallContext = {}): Promise<unknown> {
    if (!isMethodName(method)) throw new ApiError({ code: 'unknown_method', message: `Unknown method "${method}"` });
    const spec = api[method];
    if (spec.mutates && ctx.readOnly) throw new ApiError({ code: 'forbidden', message: 'This connection is read-only (wall board token)' });
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw invalidInput(parsed.error);
    const handler = this.handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
    try {
      return await handler(parsed.data, { ...ctx, actor: ctx.actor ?? this.settings.operatorName });
    } catch (err) {
      if (err instanceof DomainError) throw new ApiError({ code: 'rule', message: err.message, rule: err.rule, field: err.field });
      throw err;
    }
  }

  /**
   * A new incident id for this writer. Ids handed out are remembered until the process ends, so
   * creates that overlap (the first not yet recorded when the second asks) never share one.
   */
  mintId(now: number): string {
    const year = new Date(now).getUTCFullYear();
    const id = nextIncidentId([...this.incidentIds(), ...this.minted], year, writerCode(this.writerId));
    this.minted.add(id);
    return id;
  }

  info(ctx: CallContext): WorkspaceInfo {
    const services = new Set<string>();
    const categories = new Set<string>();
    const people = new Set<string>();
    for (const i of this.incidentSummaries()) {
      i.services.forEach((s) => services.add(s));
      if (i.category) categories.add(i.category);
      Object.values(i.roles).forEach((p) => people.add(p));
      i.responders.forEach((r) => people.add(r.person));
    }
    const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
    return {
      version: this.opts.version,
      writerId: this.writerId,
      writerCode: writerCode(this.writerId),
      settings: this.settings,
      matrix: this.org.documents.matrix.current,
      lifecycle: this.org.documents.lifecycle.current,
      suggestions: { services: sorted(services), categories: sorted(categories), people: sorted(people) },
      readOnly: Boolean(ctx.readOnly),
      now: this.now(),
    };
  }

  async close(): Promise<void> {
    for (const fn of this.closers.splice(0)) await fn();
    this.listeners.clear();
    await this.store.close();
  }
}
