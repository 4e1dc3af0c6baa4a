/**
 * The SLA scheduler: sleeps until the next moment any incident's clocks or escalation change
 * (`nextWakeAt` of the shared engine), then records what fell due: breaches, warnings and automatic
 * escalations, each under its deterministic id. One timer for the whole workspace; an incident
 * that changes is looked at again at once (a status update restarts the cadence, an
 * acknowledgement stops escalation, a priority change moves targets).
 *
 * Exactly once across hosts: ids are deterministic (`breach:<incident>:<target>:<cycle>`, …),
 * the service skips ids already on the timeline, and when two hosts on one shared folder record
 * the same id before seeing each other's copy, the fold keeps one copy per id.
 *
 * Node only, no Electron: see electron/services/scheduler/README.md.
 */
import type { StreamMessage } from '../../../shared/contract/stream';
import type { IncidentState } from '../../../shared/domain/incident';
import { isActive } from '../../../shared/domain/lifecycle';
import { dueBreaches, dueWarnings, nextWakeAt } from '../../../shared/sla/due';
import { dueEscalations } from '../../../shared/sla/escalation';
import { escalationPolicyFor } from '../../../shared/sla/escalation-policy';
import type { DueEvent } from '../../../shared/sla/events';
import { policyFor } from '../../../shared/sla/policy';
import { DEFAULT_ORG_POLICIES, type OrgPolicies } from '../../../shared/sla/snapshot';

/** What the scheduler needs from the workspace (WorkspaceService satisfies it). */
export interface SchedulerWorkspace {
  /**
   * The incidents whose clocks may need a look: the active ones, and every one already folded (a
   * closed incident a checkpoint holds was looked at by the PCs that recorded it).
   */
  watchedIncidents(): IncidentState[];
  /** One incident's current state, if known. */
  incident(id: string): IncidentState | undefined;
  now(): number;
  /** Records engine events under their own ids, skipping ids already on the timeline; resolves to how many were recorded. */
  recordEngineEvents(events: readonly DueEvent[]): Promise<number>;
  subscribe(listener: (m: StreamMessage) => void): () => void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const NODE_TIMERS: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.(); // never keeps a process alive on its own
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface SchedulerOptions {
  /** The organisation's policies now (read at every look, so a published version applies without a restart). */
  policies?: () => OrgPolicies;
  /**
   * Breaches, warnings and escalations that fell due before this instant are not recorded (the
   * machine's first start of the SLA engine), so a workspace full of old incidents is not flooded.
   */
  notBefore?: number;
  timers?: Timers;
  /**
   * Longest single sleep. A timer can fire late after the machine sleeps, or the wall clock can be
   * set; waking at least this often bounds how late anything is noticed. Default 60 s; a wake
   * with nothing due costs one scan of the wake table.
   */
  maxSleepMs?: number;
  /**
   * How long after a change the changed incidents are looked at (default 500 ms). Changes come in
   * bursts — every call that one journal fsync acknowledges announces its incident in the same
   * moment, an import or another PC's batch brings hundreds — and a look reads the incident's
   * whole timeline: one look per incident per burst, not one per event. SLA targets are minutes,
   * and a timer that fires meanwhile looks at the incident as it is then. 0: at once, every change.
   */
  changeDelayMs?: number;
  onError?: (err: unknown) => void;
}

export interface SchedulerStats {
  /** Passes run (timer, change or explicit wake). */
  passes: number;
  /** Incidents evaluated. */
  looks: number;
  /** Events recorded by this scheduler. */
  recorded: number;
  /** Timer (re)arms. */
  arms: number;
}

export class SlaScheduler {
  /** Incident id → when it must be looked at again. */
  private readonly wakeAt = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private timer: unknown;
  private timerAt: number | null = null;
  private draining: Promise<void> | undefined;
  private again = false;
  private unsubscribe: (() => void) | undefined;
  /** The pending look at changed incidents (a real timer: the injected ones keep the SLA's own time). */
  private changeLook: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private readonly policies: () => OrgPolicies;
  private readonly timers: Timers;
  private readonly maxSleepMs: number;
  readonly notBefore: number | undefined;
  readonly stats: SchedulerStats = { passes: 0, looks: 0, recorded: 0, arms: 0 };

  constructor(
    private readonly ws: SchedulerWorkspace,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.policies = opts.policies ?? (() => DEFAULT_ORG_POLICIES);
    this.timers = opts.timers ?? NODE_TIMERS;
    this.maxSleepMs = opts.maxSleepMs ?? 60_000;
    this.notBefore = opts.notBefore;
  }

  /** Looks at every incident once, then follows changes. Resolves after the first pass. */
  start(): Promise<void> {
    if (!this.stopped) return this.draining ?? Promise.resolve();
    this.stopped = false;
    this.unsubscribe = this.ws.subscribe((m) => {
      if (m.kind === 'incidents') for (const i of m.incidents) this.dirty.add(i.id);
      // A published version governs incidents created from its effectiveFrom on; one from a PC
      // whose clock runs behind can reach back over incidents already open: look at them all again.
      else if (m.kind === 'policies') for (const i of this.ws.watchedIncidents()) this.dirty.add(i.id);
      else return;
      const delay = this.opts.changeDelayMs ?? 500;
      if (delay === 0) void this.drain();
      else
        this.changeLook ??= setTimeout(() => {
          this.changeLook = undefined;
          void this.drain();
        }, delay).unref();
    });
    for (const i of this.ws.watchedIncidents()) this.dirty.add(i.id);
    return this.drain();
  }

  /** Stops following changes and disarms the timer; resolves once a pass in flight has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.changeLook);
    this.changeLook = undefined;
    this.disarm();
    await this.draining;
  }

  /** Runs a pass now (after the clock moved): records whatever is due and re-arms. */
  wake(): Promise<void> {
    return this.drain();
  }

  /** The earliest wake time over all incidents, or null when nothing will change without an event. */
  nextWake(): number | null {
    let next: number | null = null;
    for (const at of this.wakeAt.values()) if (next === null || at < next) next = at;
    return next;
  }

  /** When the single timer is set to fire (epoch ms of the workspace clock), or null. */
  get armedFor(): number | null {
    return this.timerAt;
  }

  private drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.disarm();
    this.draining = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
        } catch (err) {
          (this.opts.onError ?? ((e) => console.error('Watchfloor SLA scheduler:', e)))(err);
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.draining = undefined;
      this.arm();
    });
    return this.draining;
  }

  /** One look at every incident that changed or whose wake time has come. */
  private async pass(): Promise<void> {
    this.stats.passes++;
    const now = this.ws.now();
    const ids = new Set(this.dirty);
    this.dirty.clear();
    for (const [id, at] of this.wakeAt) if (at <= now) ids.add(id);
    const due: DueEvent[] = [];
    for (const id of ids) {
      const incident = this.ws.incident(id);
      if (!incident) {
        this.wakeAt.delete(id);
        continue;
      }
      this.stats.looks++;
      due.push(...this.dueFor(incident, now));
    }
    if (due.length && !this.stopped) {
      // Recording changes the incidents: the stream marks them dirty and the loop looks again.
      this.stats.recorded += await this.ws.recordEngineEvents(due);
    }
  }

  /** What is due for one incident at `now`; updates its wake time. */
  private dueFor(incident: IncidentState, now: number): DueEvent[] {
    if (!isActive(incident.status) && this.notBefore !== undefined && Date.parse(incident.updatedAt) < this.notBefore) {
      // Closed before this machine watched SLAs: clocks stop when work is done, so nothing of it can be due.
      this.wakeAt.delete(incident.id);
      return [];
    }
    const policies = this.policies();
    const sla = policyFor(incident, policies.sla);
    const esc = escalationPolicyFor(incident, policies.escalation);
    const from = this.notBefore ?? -Infinity;
    const out: DueEvent[] = [];
    if (sla) {
      out.push(...dueBreaches(incident, sla, now, { notBefore: this.notBefore }));
      for (const w of dueWarnings(incident, sla, now)) if (Date.parse(w.data.at) >= from) out.push(w);
    }
    if (esc) for (const e of dueEscalations(incident, esc, now)) if (Date.parse(e.data.dueAt ?? '') >= from) out.push(e);
    const next = nextWakeAt(incident, sla, esc, now);
    if (next === null) this.wakeAt.delete(incident.id);
    else this.wakeAt.set(incident.id, Math.max(next, now + 1));
    return out;
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = null;
  }

  private arm(): void {
    this.disarm();
    if (this.stopped) return;
    if (this.dirty.size) {
      void this.drain();
      return;
    }
    const now = this.ws.now();
    const next = this.nextWake();
    const at = next === null ? now + this.maxSleepMs : Math.min(next, now + this.maxSleepMs);
    this.stats.arms++;
    this.timerAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = null;
      void this.drain();
    }, Math.max(0, at - now));
  }
}
