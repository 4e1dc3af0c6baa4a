/**
 * The alert inbox as a projection of the event store: every event on the alert stream
 * (`ALERT_STREAM`) is folded with the pure inbox fold (shared/alerts/inbox.ts), never into the
 * incidents map. The workspace feeds it from `ingest`, so local, replayed and shared-folder events
 * all end up here, and every coordinator sees the same inbox.
 *
 * Order: events are folded in the store's total order (HLC, writer, sequence). One that sorts
 * before an event already folded (another PC's, delivered late) refolds the stream. Copies sharing
 * an event id (deterministic ids such as `alertinc-…`) count once: the copy that sorts first wins,
 * as for incidents.
 */
import { applyAlertDetailed, applyInboxEvent, DEFAULT_DEDUP_WINDOW_MS, groupId, type AlertGroup, type AlertInbox, type AlertOutcome } from '../../../shared/alerts/inbox';
import { isAlertEventType } from '../../../shared/alerts/events';
import type { NormalisedAlert } from '../../../shared/alerts/model';
import type { CriticalAlert } from '../../../shared/contract/alerts-api';
import { compareEvents, isKnownEvent, type EventEnvelope } from '../../../shared/domain/events';

/** What one ingest changed, for the `alerts` stream message. */
export interface InboxChange {
  groups: AlertGroup[];
  critical: CriticalAlert[];
  /** Incidents whose attached alerts have all resolved with this change. */
  monitoringSuggested: string[];
}

/** Newly firing critical alerts older than this (history replayed from another PC) are not announced. */
const ANNOUNCE_WINDOW_MS = 15 * 60_000;

export class InboxProjection {
  private events: EventEnvelope[] = [];
  private readonly byId = new Map<string, EventEnvelope>();
  private groups: Record<string, AlertGroup> = {};
  private alertIndex: Record<string, string> = {};

  constructor(
    private dedupWindowMs: number = DEFAULT_DEDUP_WINDOW_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * The inbox now. Live: its maps change as events arrive (groups themselves are replaced, never
   * changed), so read it synchronously and keep groups, not the maps.
   */
  get inbox(): AlertInbox {
    return { dedupWindowMs: this.dedupWindowMs, groups: this.groups, alertIndex: this.alertIndex };
  }

  get windowMs(): number {
    return this.dedupWindowMs;
  }

  /** Whether an event with this id is on the alert stream (deterministic ids are checked here first). */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.events.length;
  }

  group(id: string): AlertGroup | undefined {
    return Object.hasOwn(this.groups, id) ? this.groups[id] : undefined;
  }

  /** Groups attached to (or created as) an incident. */
  groupsOf(incidentId: string): AlertGroup[] {
    return Object.values(this.groups).filter((g) => g.incidentId === incidentId);
  }

  /** Changes the dedup window and refolds the stream with it. */
  setDedupWindow(ms: number): void {
    if (ms === this.dedupWindowMs) return;
    this.dedupWindowMs = ms;
    this.refold();
  }

  /** Folds alert-stream events (any order); returns what changed, or undefined when nothing did. */
  ingest(incoming: readonly EventEnvelope[]): InboxChange | undefined {
    const sorted = [...incoming].sort(compareEvents);
    /** Group objects before this ingest, for the groups it touches. */
    const before = new Map<string, AlertGroup | undefined>();
    const touch = (gid: string) => {
      if (!before.has(gid)) before.set(gid, this.group(gid));
    };
    const critical: CriticalAlert[] = [];
    let refold = false;
    const announceFrom = this.now() - ANNOUNCE_WINDOW_MS;

    for (const e of sorted) {
      const existing = this.byId.get(e.id);
      if (existing && compareEvents(existing, e) <= 0) continue;
      if (existing) {
        // A copy that sorts first replaces the one folded.
        this.events = this.events.filter((x) => x !== existing);
        refold = true;
      }
      this.byId.set(e.id, e);
      const last = this.events[this.events.length - 1];
      if (!last || compareEvents(last, e) < 0) this.events.push(e);
      else {
        this.events.splice(this.insertionPoint(e), 0, e);
        refold = true;
      }
      const gid = this.groupOf(e);
      if (gid) touch(gid);
      if (refold) continue;
      const r = this.apply(e);
      if (r?.outcome && e.type === 'alert.received') {
        const alert = e.data as NormalisedAlert;
        const fresh = r.outcome === 'new-group' || r.outcome === 'new-alert' || r.outcome === 'refired';
        if (fresh && alert.status === 'firing' && alert.severity === 'critical' && !r.group.flag && Date.parse(alert.receivedAt) >= announceFrom) {
          critical.push({ groupId: r.group.id, source: alert.source, title: alert.title, at: alert.receivedAt, incidentId: r.group.incidentId, exercise: r.group.exercise });
        }
      }
    }
    if (refold) this.refold();

    const groups: AlertGroup[] = [];
    const monitoringSuggested = new Set<string>();
    for (const [gid, was] of before) {
      const g = this.group(gid);
      if (!g || g === was) continue;
      groups.push(g);
      if (g.incidentId && !g.firing && (was?.firing ?? false) && this.groupsOf(g.incidentId).every((x) => !x.firing)) monitoringSuggested.add(g.incidentId);
    }
    if (groups.length === 0 && critical.length === 0) return undefined;
    return { groups, critical, monitoringSuggested: [...monitoringSuggested] };
  }

  /**
   * Applies one event with the pure fold on a one-group view of the inbox, then stores the
   * result: the cost does not grow with the inbox (the fold itself copies its maps per event).
   */
  private apply(e: EventEnvelope): { group: AlertGroup; outcome?: AlertOutcome } | undefined {
    if (!isKnownEvent(e) || !isAlertEventType(e.type)) return undefined;
    const gid = this.groupOf(e);
    if (!gid) return undefined;
    const current = this.group(gid);
    const view: AlertInbox = { dedupWindowMs: this.dedupWindowMs, groups: current ? { [gid]: current } : {}, alertIndex: {} };
    if (e.type === 'alert.received') {
      const alert = e.data as NormalisedAlert;
      const aid = `${alert.source}/${alert.dedupKey}`;
      const r = applyAlertDetailed({ ...view, alertIndex: Object.hasOwn(this.alertIndex, aid) ? { [aid]: this.alertIndex[aid]! } : {} }, alert);
      this.groups[r.group.id] = r.group;
      this.alertIndex[aid] = r.group.id;
      return { group: r.group, outcome: r.outcome };
    }
    if (!current) return undefined;
    const next = applyInboxEvent(view, { type: e.type, data: e.data, recordedAt: e.recordedAt }).groups[gid]!;
    this.groups[gid] = next;
    return { group: next };
  }

  private insertionPoint(e: EventEnvelope): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEvents(this.events[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private refold(): void {
    this.groups = {};
    this.alertIndex = {};
    for (const e of this.events) this.apply(e);
  }

  /** The group an alert-stream event belongs to (a received alert: where the inbox keeps it). */
  private groupOf(e: EventEnvelope): string | undefined {
    const d = e.data as { source?: unknown; groupKey?: unknown; dedupKey?: unknown } | null;
    if (!d || typeof d.source !== 'string' || typeof d.groupKey !== 'string') return undefined;
    if (e.type === 'alert.received' && typeof d.dedupKey === 'string') {
      const aid = `${d.source}/${d.dedupKey}`;
      return (Object.hasOwn(this.alertIndex, aid) ? this.alertIndex[aid] : undefined) ?? groupId(d.source, d.groupKey);
    }
    return groupId(d.source, d.groupKey);
  }
}
