import type { StreamMessage } from '../../../shared/contract/stream';
import type { IncidentState, IncidentSummary } from '../../../shared/domain/incident';
import { notificationsOf, type DerivedNotification } from '../../../shared/notifications/derive';
import { isFor, type Notification } from '../../../shared/notifications/model';
import type { LocalSlaStore } from './local-sla-store';

/** What the centre needs from the workspace. */
export interface CentreWorkspace {
  /** The incidents whose state (or summary) `pick` accepts (WorkspaceService.incidentsWhere). */
  incidentsWhere(pick: (s: IncidentSummary) => boolean): IncidentState[];
  now(): number;
  subscribe(listener: (m: StreamMessage) => void): () => void;
  emit(m: StreamMessage): void;
}

export interface CentreOptions {
  /** Notifications older than this are no longer listed. Default 7 days. */
  retentionMs?: number;
  /**
   * New notifications are pushed (stream, desktop) only when they happened at most this long
   * before now: history imported or merged from another PC does not pop up. Default 15 min.
   */
  pushWindowMs?: number;
  /**
   * How long after a change its incidents are looked at (default 100 ms): a burst of changes to one
   * incident is derived once, not once per event (each look reads its whole timeline). 0: at once.
   */
  changeDelayMs?: number;
}

const DAY = 24 * 3_600_000;

/**
 * The notification centre: derives notifications from incident timelines (shared/notifications),
 * keeps acknowledgements per machine and operator (LocalSlaStore), and pushes new ones as a
 * `notifications` stream message.
 */
export class NotificationCentre {
  private readonly known = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  /** Incidents changed since the last look (latest state of each), and the timer of the next look. */
  private readonly changed = new Map<string, IncidentState>();
  private changeLook: ReturnType<typeof setTimeout> | undefined;
  private readonly retentionMs: number;
  private readonly pushWindowMs: number;
  private readonly changeDelayMs: number;

  constructor(
    private readonly ws: CentreWorkspace,
    readonly store: LocalSlaStore,
    opts: CentreOptions = {},
  ) {
    this.retentionMs = opts.retentionMs ?? 7 * DAY;
    this.pushWindowMs = opts.pushWindowMs ?? 15 * 60_000;
    this.changeDelayMs = opts.changeDelayMs ?? 100;
  }

  /** Everything on the timelines now counts as known; later arrivals are pushed. */
  start(): void {
    if (this.unsubscribe) return;
    // Only notifications of the push window can ever be pushed, and a notification is never later than its incident's last change.
    const from = this.ws.now() - this.pushWindowMs;
    for (const i of this.ws.incidentsWhere((s) => Date.parse(s.updatedAt) >= from)) for (const n of notificationsOf(i)) this.known.add(n.id);
    this.unsubscribe = this.ws.subscribe((m) => {
      if (m.kind !== 'incidents') return;
      if (this.changeDelayMs === 0) return void this.observe(m.incidents);
      for (const i of m.incidents) this.changed.set(i.id, i);
      this.changeLook ??= setTimeout(() => this.observeChanged(), this.changeDelayMs).unref();
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.changeLook);
    this.changeLook = undefined;
    this.changed.clear();
  }

  private observeChanged(): void {
    this.changeLook = undefined;
    const incidents = [...this.changed.values()];
    this.changed.clear();
    this.observe(incidents);
  }

  /** Notifications new on these incidents; pushes the recent ones. Returns what was pushed. */
  observe(incidents: readonly IncidentState[]): Notification[] {
    const now = this.ws.now();
    const from = Math.max(this.store.since, now - this.pushWindowMs);
    const added: Notification[] = [];
    for (const i of incidents) {
      for (const n of notificationsOf(i)) {
        if (this.known.has(n.id)) continue;
        this.known.add(n.id);
        if (Date.parse(n.at) >= from) added.push({ ...n, acknowledged: false });
      }
    }
    if (added.length) this.ws.emit({ kind: 'notifications', added, acknowledged: [] });
    return added;
  }

  private all(operator: string): DerivedNotification[] {
    const from = this.ws.now() - this.retentionMs;
    const out: Array<{ n: DerivedNotification; t: number; k: number }> = [];
    for (const i of this.ws.incidentsWhere((s) => Date.parse(s.updatedAt) >= from)) for (const n of notificationsOf(i)) if (Date.parse(n.at) >= from && isFor(n, operator)) out.push({ n, t: Date.parse(n.at), k: out.length });
    // Newest first; at the same instant, the later on the timeline first.
    return out.sort((a, b) => b.t - a.t || b.k - a.k).map((x) => x.n);
  }

  private acknowledged(n: DerivedNotification, acks: ReadonlyMap<string, string>): boolean {
    return Date.parse(n.at) < this.store.since || acks.has(n.id);
  }

  list(operator: string, opts: { limit: number; unacknowledgedOnly: boolean }): { notifications: Notification[]; unacknowledged: number } {
    const acks = this.store.acknowledgedBy(operator);
    const all = this.all(operator).map((n) => ({ ...n, acknowledged: this.acknowledged(n, acks) }));
    const unacknowledged = all.filter((n) => !n.acknowledged).length;
    const shown = opts.unacknowledgedOnly ? all.filter((n) => !n.acknowledged) : all;
    return { notifications: shown.slice(0, opts.limit), unacknowledged };
  }

  unacknowledgedCount(operator: string): number {
    const acks = this.store.acknowledgedBy(operator);
    return this.all(operator).filter((n) => !this.acknowledged(n, acks)).length;
  }

  /** Acknowledges `ids` (or every listed one) for the operator on this machine; tells every client. */
  async acknowledge(operator: string, input: { ids: readonly string[]; all: boolean }): Promise<{ acknowledged: string[]; unacknowledged: number }> {
    const acks = this.store.acknowledgedBy(operator);
    const open = this.all(operator).filter((n) => !this.acknowledged(n, acks));
    const wanted = input.all ? open.map((n) => n.id) : input.ids.filter((id) => !acks.has(id));
    await this.store.acknowledge(operator, wanted, this.ws.now());
    if (wanted.length) this.ws.emit({ kind: 'notifications', added: [], acknowledged: wanted, operator });
    return { acknowledged: wanted, unacknowledged: this.unacknowledgedCount(operator) };
  }
}
