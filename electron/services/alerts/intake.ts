/**
 * Alert intake: turns received alerts and coordinators' triage decisions into recorded events.
 *
 * Storage (docs/API.md, "Alert intake"):
 * - Every received alert is an `alert.received` event on the alert stream (`ALERT_STREAM`); the
 *   inbox is their fold (InboxProjection), so every PC sharing the folder sees the same inbox.
 * - Triage (`alert.dismissed`, `alert.restored`, `alert.attached`, `alert.detached`,
 *   `alert.incidentCreated`) is recorded on the alert stream too.
 * - The incident's timeline gets copies on the incident's own stream: `alert.incidentCreated` /
 *   `alert.attached` / `alert.detached` when a group is linked or unlinked, and `alert.received`
 *   for the group's firing alerts at that moment and for every later state change of its alerts
 *   (a new alert, a re-fire, a resolve). The reducer leaves incident fields alone for these types
 *   (they are only timeline entries), and the inbox folds only the alert stream, so nothing counts
 *   twice. Timeline copies carry deterministic ids (`alertm-…`), so the same notification
 *   received by two PCs' receivers adds one entry.
 * - Auto-create records `alert.incidentCreated` under the deterministic id
 *   `alertinc-<sha256(source, groupKey)>`, checked before creating: a group gets at most one
 *   automatic incident, and once another PC's creation has arrived this one never adds a second.
 *   (Two PCs deciding in the same instant, before their stores merge, can still both create one:
 *   the inbox then keeps the first by event order; the other incident is an ordinary duplicate.)
 *
 * Received alerts are processed in batches: every delivery waiting when a batch starts is folded
 * and recorded with one append (one fsync), and each is answered once its events are durable.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ALERT_STREAM, type AlertEventType, type AlertPayloadOf } from '../../../shared/alerts/events';
import { applyAlertDetailed, applyInboxEvent, groupId, type AlertGroup, type AlertInbox, type AlertOutcome } from '../../../shared/alerts/inbox';
import type { NormalisedAlert } from '../../../shared/alerts/model';
import { autoCreateDecision, incidentDraftFromGroup, rulesFor } from '../../../shared/alerts/triage';
import type { IncidentAlerts } from '../../../shared/contract/alerts-api';
import { ApiError } from '../../../shared/contract/api';
import { CreateIncidentSchema, decideCreate, DomainError, type CreateIncidentInput, type DecisionContext, type PendingEvent } from '../../../shared/domain/commands';
import { nextIncidentId, writerCode } from '../../../shared/domain/ids';
import type { IncidentState } from '../../../shared/domain/incident';
import type { InboxProjection } from './inbox-projection';
import type { IntakeSettingsStore } from './intake-settings';

/** What the intake needs of the workspace. */
export interface IntakeWorkspace {
  readonly alertInbox: InboxProjection;
  readonly writerId: string;
  now(): number;
  incidentIds(): string[];
  require(id: string): IncidentState;
  decisionContext(now: number): DecisionContext;
  recordEngineEvents(items: readonly (PendingEvent & { id: string })[], actor?: string): Promise<number>;
}

export const INTAKE_ACTOR = 'Alert intake';

/** Outcomes worth a line on the linked incident's timeline. */
const TIMELINE_OUTCOMES: ReadonlySet<AlertOutcome> = new Set(['new-alert', 'refired', 'resolved']);
/** Firing alerts copied to the timeline when a group is linked (the rest are in the description). */
const MAX_LINK_COPIES = 20;

export interface ReceiveResult {
  alerts: number;
  /** Group ids the alerts went to. */
  groups: string[];
  outcomes: AlertOutcome[];
  /** Incidents an auto-create rule opened. */
  createdIncidents: string[];
}

type Item = PendingEvent & { id: string };

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);

/** The deterministic id of a group's automatic `alert.incidentCreated` event. */
export function autoIncidentEventId(source: string, groupKey: string): string {
  return `alertinc-${hash(source, groupKey)}`;
}

/** The id of a received alert's copy on an incident's timeline. */
function copyId(incidentId: string, a: NormalisedAlert): string {
  return `alertm-${hash(incidentId, a.source, a.dedupKey, a.status, a.startsAt, a.endsAt ?? '', a.acknowledged ? 'ack' : '')}`;
}

function alertEvent<T extends AlertEventType>(stream: string, type: T, data: AlertPayloadOf<T>, id: string = randomUUID()): Item {
  return { id, stream, type, data } as Item;
}

/** The inbox as a batch sees it: the projection, plus what the batch folded so far. */
class Overlay {
  private readonly groups = new Map<string, AlertGroup>();
  private readonly index = new Map<string, string>();

  constructor(private readonly base: InboxProjection) {}

  group(id: string): AlertGroup | undefined {
    return this.groups.get(id) ?? this.base.group(id);
  }

  receive(alert: NormalisedAlert): { group: AlertGroup; outcome: AlertOutcome } {
    const aid = `${alert.source}/${alert.dedupKey}`;
    const known = this.base.inbox.alertIndex;
    const indexed = this.index.get(aid) ?? (Object.hasOwn(known, aid) ? known[aid] : undefined);
    const gid = indexed ?? groupId(alert.source, alert.groupKey);
    const current = this.group(gid);
    const view: AlertInbox = { dedupWindowMs: this.base.windowMs, groups: current ? { [gid]: current } : {}, alertIndex: indexed ? { [aid]: indexed } : {} };
    const r = applyAlertDetailed(view, alert);
    this.groups.set(r.group.id, r.group);
    this.index.set(aid, r.group.id);
    return { group: r.group, outcome: r.outcome };
  }

  apply(item: Item): void {
    const d = item.data as { source: string; groupKey: string };
    const gid = groupId(d.source, d.groupKey);
    const current = this.group(gid);
    if (!current) return;
    const next = applyInboxEvent({ dedupWindowMs: this.base.windowMs, groups: { [gid]: current }, alertIndex: {} }, { type: item.type, data: item.data } as never);
    this.groups.set(gid, next.groups[gid]!);
  }
}

type Job =
  | { kind: 'alerts'; alerts: NormalisedAlert[]; resolve: (r: ReceiveResult) => void; reject: (e: unknown) => void }
  | { kind: 'op'; run: () => Promise<unknown>; resolve: (r: unknown) => void; reject: (e: unknown) => void };

export interface IntakeOptions {
  /** Alerts folded into one append at most. */
  maxBatch?: number;
}

export class AlertIntake {
  private readonly queue: Job[] = [];
  private draining = false;
  private readonly maxBatch: number;

  constructor(
    private readonly ws: IntakeWorkspace,
    private readonly settings: IntakeSettingsStore,
    opts: IntakeOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 2000;
  }

  /** Records received alerts (deduplicated and grouped by the fold); resolves once they are durable. */
  receive(alerts: NormalisedAlert[]): Promise<ReceiveResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'alerts', alerts, resolve, reject });
      this.drain();
    });
  }

  /** Runs a triage decision alone: no batch of alerts is folded meanwhile. */
  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind: 'op', run, resolve: resolve as (r: unknown) => void, reject });
      this.drain();
    });
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      try {
        while (this.queue.length) {
          const first = this.queue[0]!;
          if (first.kind === 'op') {
            this.queue.shift();
            await first.run().then(first.resolve, first.reject);
            continue;
          }
          const batch: Array<Extract<Job, { kind: 'alerts' }>> = [];
          let count = 0;
          while (this.queue[0]?.kind === 'alerts' && (batch.length === 0 || count + this.queue[0].alerts.length <= this.maxBatch)) {
            const job = this.queue.shift() as Extract<Job, { kind: 'alerts' }>;
            batch.push(job);
            count += job.alerts.length;
          }
          try {
            const results = await this.processAlerts(batch.map((j) => j.alerts));
            batch.forEach((j, i) => j.resolve(results[i]!));
          } catch (err) {
            for (const j of batch) j.reject(err);
          }
        }
      } finally {
        this.draining = false;
      }
    })();
  }

  private async processAlerts(deliveries: NormalisedAlert[][]): Promise<ReceiveResult[]> {
    const now = this.ws.now();
    const overlay = new Overlay(this.ws.alertInbox);
    const items: Item[] = [];
    const minted: string[] = [];
    const results: ReceiveResult[] = [];
    const autoIds = new Set<string>();
    for (const alerts of deliveries) {
      const result: ReceiveResult = { alerts: alerts.length, groups: [], outcomes: [], createdIncidents: [] };
      const touched = new Set<string>();
      for (const alert of alerts) {
        const { group, outcome } = overlay.receive(alert);
        items.push(alertEvent(ALERT_STREAM, 'alert.received', alert));
        if (group.incidentId && TIMELINE_OUTCOMES.has(outcome)) items.push(alertEvent(group.incidentId, 'alert.received', alert, copyId(group.incidentId, alert)));
        touched.add(group.id);
        result.outcomes.push(outcome);
      }
      result.groups = [...touched];
      for (const gid of touched) {
        const group = overlay.group(gid)!;
        const rules = rulesFor(this.settings.rules, group.source);
        if (!autoCreateDecision(group, rules).create) continue;
        const eventId = autoIncidentEventId(group.source, group.groupKey);
        // Created once per group, ever: not again after a detach, nor after another PC's creation arrived.
        if (this.ws.alertInbox.has(eventId) || autoIds.has(eventId)) continue;
        autoIds.add(eventId);
        const incidentId = this.mint(now, minted);
        const draft = incidentDraftFromGroup(group, rules.mapping, rules);
        const created = this.creationEvents(group, incidentId, draft, true, now, eventId);
        items.push(...created);
        for (const it of created) if (it.stream === ALERT_STREAM) overlay.apply(it);
        result.createdIncidents.push(incidentId);
      }
      results.push(result);
    }
    await this.ws.recordEngineEvents(items, INTAKE_ACTOR);
    return results;
  }

  private mint(now: number, minted: string[]): string {
    const ids = [...this.ws.incidentIds(), ...minted];
    const id = nextIncidentId(ids, new Date(now).getUTCFullYear(), writerCode(this.ws.writerId));
    minted.push(id);
    return id;
  }

  /** incident.created, the inbox's link, and the timeline's copies. */
  private creationEvents(group: AlertGroup, incidentId: string, fields: CreateIncidentInput, auto: boolean, now: number, linkId: string = randomUUID()): Item[] {
    const input = CreateIncidentSchema.parse(fields);
    const created = decideCreate(incidentId, input, this.ws.decisionContext(now)).map((p) => ({ ...p, id: randomUUID() }));
    const link = { source: group.source, groupKey: group.groupKey, incidentId, auto, severity: group.severity };
    return [
      ...created,
      alertEvent(ALERT_STREAM, 'alert.incidentCreated', link, linkId),
      alertEvent(incidentId, 'alert.incidentCreated', link),
      ...this.firingCopies(group, incidentId),
    ];
  }

  private firingCopies(group: AlertGroup, incidentId: string): Item[] {
    return group.alerts
      .filter((a) => a.status === 'firing')
      .slice(0, MAX_LINK_COPIES)
      .map((a) => {
        const alert: NormalisedAlert = {
          source: group.source,
          format: a.format,
          dedupKey: a.dedupKey,
          groupKey: group.groupKey,
          status: a.status,
          acknowledged: a.acknowledged,
          statusOnly: a.placeholder,
          severity: a.severity,
          rawSeverity: a.rawSeverity,
          title: a.title,
          description: a.description,
          labels: a.labels,
          annotations: a.annotations,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          links: a.links,
          exercise: a.exercise,
          flag: a.flag,
          truncatedAlerts: group.truncatedAlerts,
          raw: {},
          receivedAt: a.lastChangedAt,
        };
        return alertEvent(incidentId, 'alert.received', alert, copyId(incidentId, alert));
      });
  }

  private group(id: string): AlertGroup {
    const g = this.ws.alertInbox.group(id);
    if (!g) throw new ApiError({ code: 'not_found', message: `No alert group ${id}`, field: 'groupId' });
    return g;
  }

  /** The incident a group suggests, with its source's mapping and rules. */
  draft(groupId: string): { group: AlertGroup; draft: z.infer<typeof CreateIncidentSchema> } {
    const group = this.group(groupId);
    const rules = rulesFor(this.settings.rules, group.source);
    return { group, draft: CreateIncidentSchema.parse(incidentDraftFromGroup(group, rules.mapping, rules)) };
  }

  createIncident(groupId: string, fields: CreateIncidentInput | undefined, actor: string): Promise<{ incident: IncidentState; group: AlertGroup }> {
    return this.exclusive(async () => {
      const group = this.group(groupId);
      if (group.incidentId) throw new DomainError('alert.alreadyLinked', `The group is linked to ${group.incidentId} already; detach it first`, 'groupId');
      if (group.flag) throw new DomainError('alert.notReal', `A CAP ${group.flag} message never becomes an incident`, 'groupId');
      const now = this.ws.now();
      const incidentId = this.mint(now, []);
      await this.ws.recordEngineEvents(this.creationEvents(group, incidentId, fields ?? this.draft(groupId).draft, false, now), actor);
      return { incident: this.ws.require(incidentId), group: this.group(groupId) };
    });
  }

  attach(groupId: string, incidentId: string, reason: string, actor: string): Promise<{ incident: IncidentState; group: AlertGroup }> {
    return this.exclusive(async () => {
      const group = this.group(groupId);
      const incident = this.ws.require(incidentId);
      if (group.incidentId === incidentId) throw new DomainError('alert.alreadyAttached', `The group is attached to ${incidentId} already`, 'incidentId');
      if (incident.status === 'closed' || incident.status === 'cancelled') throw new DomainError('alert.incidentClosed', `${incidentId} is ${incident.status}; reopen it or choose another incident`, 'incidentId');
      const ref = { source: group.source, groupKey: group.groupKey };
      const items: Item[] = [];
      if (group.incidentId) items.push(alertEvent(group.incidentId, 'alert.detached', { ...ref, incidentId: group.incidentId, reason: reason || `Moved to ${incidentId}` }));
      items.push(alertEvent(ALERT_STREAM, 'alert.attached', { ...ref, incidentId, reason }), alertEvent(incidentId, 'alert.attached', { ...ref, incidentId, reason }), ...this.firingCopies(group, incidentId));
      await this.ws.recordEngineEvents(items, actor);
      return { incident: this.ws.require(incidentId), group: this.group(groupId) };
    });
  }

  detach(groupId: string, reason: string, actor: string): Promise<{ group: AlertGroup }> {
    return this.exclusive(async () => {
      const group = this.group(groupId);
      if (!group.incidentId) throw new DomainError('alert.notLinked', 'The group is not linked to an incident', 'groupId');
      const data = { source: group.source, groupKey: group.groupKey, incidentId: group.incidentId, reason };
      await this.ws.recordEngineEvents([alertEvent(ALERT_STREAM, 'alert.detached', data), alertEvent(group.incidentId, 'alert.detached', data)], actor);
      return { group: this.group(groupId) };
    });
  }

  dismiss(groupId: string, reason: string, actor: string): Promise<{ group: AlertGroup }> {
    return this.exclusive(async () => {
      const group = this.group(groupId);
      if (group.incidentId) throw new DomainError('alert.linked', `The group belongs to ${group.incidentId}; detach it before dismissing`, 'groupId');
      if (group.dismissed) throw new DomainError('alert.alreadyDismissed', 'The group is dismissed already', 'groupId');
      await this.ws.recordEngineEvents([alertEvent(ALERT_STREAM, 'alert.dismissed', { source: group.source, groupKey: group.groupKey, reason })], actor);
      return { group: this.group(groupId) };
    });
  }

  restore(groupId: string, reason: string, actor: string): Promise<{ group: AlertGroup }> {
    return this.exclusive(async () => {
      const group = this.group(groupId);
      if (!group.dismissed) throw new DomainError('alert.notDismissed', 'The group is not dismissed', 'groupId');
      await this.ws.recordEngineEvents([alertEvent(ALERT_STREAM, 'alert.restored', { source: group.source, groupKey: group.groupKey, reason })], actor);
      return { group: this.group(groupId) };
    });
  }

  /** The groups linked to an incident, and whether every one of their alerts has resolved. */
  forIncident(incidentId: string): IncidentAlerts {
    const incident = this.ws.require(incidentId);
    const groups = this.ws.alertInbox.groupsOf(incidentId);
    const firing = groups.reduce((n, g) => n + g.firingCount, 0);
    const allResolved = groups.length > 0 && firing === 0;
    return { incidentId, groups, firing, allResolved, suggestMonitoring: allResolved && BEFORE_MONITORING.has(incident.status) };
  }
}

/** Statuses from which Monitoring is still ahead. */
const BEFORE_MONITORING: ReadonlySet<string> = new Set(['new', 'acknowledged', 'investigating', 'mitigated']);
