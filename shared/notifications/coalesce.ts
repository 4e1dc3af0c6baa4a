/**
 * Burst control for desktop notifications (pure; the Electron glue and the browser share it).
 *
 * Rules:
 * - Up to `max` notices pop up individually within any `windowMs`.
 * - A batch that does not fit what is left of that budget is summarised at once: one notice per
 *   group (kind + SLA target), e.g. "5 incidents breached update cadence"; when there are more than
 *   `max` groups, a single "12 new notifications" notice with a count per kind. A burst then opens a
 *   hold of `windowMs`: whatever arrives meanwhile is kept and summarised when the hold ends
 *   (`flushNotices`, at `holdUntil`), so a storm never shows more than a handful of pop-ups.
 * - A group of one is shown as the notification itself.
 */
import { NOTIFICATION_KIND_LABELS, type Notification, type NotificationKind } from './model';
import { TARGET_PHRASES } from './derive';

export interface CoalesceOptions {
  /** Individual notices allowed per window. */
  max: number;
  windowMs: number;
}

export const DEFAULT_COALESCE: CoalesceOptions = { max: 3, windowMs: 10_000 };

/** What a desktop notification shows. */
export interface Notice {
  title: string;
  body: string;
  /** The incident to open on click; null for a summary spanning several incidents. */
  incidentId: string | null;
  /** Notifications it stands for. */
  ids: string[];
  /** The highest priority among them (P1 notices stay on screen). */
  priority: Notification['priority'];
  summary: boolean;
}

export interface CoalesceState {
  /** Times of notices shown within the current window. */
  recent: number[];
  held: Notification[];
  /** While set, arrivals are held until this instant. */
  holdUntil: number | null;
}

export const EMPTY_COALESCE_STATE: CoalesceState = { recent: [], held: [], holdUntil: null };

type Item = Pick<Notification, 'id' | 'kind' | 'incidentId' | 'title' | 'body' | 'target' | 'priority'>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function groupKey(n: Item): string {
  return n.target ? `${n.kind}:${n.target}` : n.kind;
}

function highest(items: readonly Item[]): Notification['priority'] {
  return items.map((i) => i.priority).sort()[0] ?? 'P5';
}

function listIds(ids: readonly string[], shown = 3): string {
  return ids.length <= shown ? ids.join(', ') : `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

/** "5 incidents breached update cadence". */
export function groupTitle(kind: NotificationKind, target: Item['target'], incidents: number, count: number): string {
  const inc = plural(incidents, 'incident');
  switch (kind) {
    case 'sla.breached':
      return `${inc} breached ${target ? TARGET_PHRASES[target] : 'an SLA target'}`;
    case 'sla.warning':
      return `${inc} close to breaching ${target ? TARGET_PHRASES[target] : 'an SLA target'}`;
    case 'escalation.raised':
      return `${inc} escalated`;
    case 'incident.p1':
      return incidents === count ? `${plural(count, 'new P1 incident')}` : `${plural(count, 'P1 notification')}`;
    case 'assigned':
      return `${plural(count, 'new assignment')} for you`;
  }
}

function single(n: Item): Notice {
  return { title: n.title, body: n.body, incidentId: n.incidentId, ids: [n.id], priority: n.priority, summary: false };
}

/** One notice per group; a single overall notice when the groups themselves exceed `max`. */
export function summarise(items: readonly Item[], max: number = DEFAULT_COALESCE.max): Notice[] {
  if (items.length === 0) return [];
  const groups = new Map<string, Item[]>();
  for (const n of items) {
    const k = groupKey(n);
    const g = groups.get(k);
    if (g) g.push(n);
    else groups.set(k, [n]);
  }
  const allIds = items.map((n) => n.id);
  const incidentsOf = (g: readonly Item[]) => [...new Set(g.map((n) => n.incidentId))];
  if (groups.size > Math.max(1, max)) {
    const byKind = new Map<NotificationKind, number>();
    for (const n of items) byKind.set(n.kind, (byKind.get(n.kind) ?? 0) + 1);
    const incidents = incidentsOf(items);
    return [
      {
        title: `${items.length} new notifications`,
        body: [...byKind].map(([k, c]) => `${c} × ${NOTIFICATION_KIND_LABELS[k]}`).join(', ') + ` — ${listIds(incidents)}`,
        incidentId: incidents.length === 1 ? incidents[0]! : null,
        ids: allIds,
        priority: highest(items),
        summary: true,
      },
    ];
  }
  return [...groups.values()].map((g) => {
    if (g.length === 1) return single(g[0]!);
    const incidents = incidentsOf(g);
    const first = g[0]!;
    return {
      title: groupTitle(first.kind, first.target, incidents.length, g.length),
      body: listIds(incidents),
      incidentId: incidents.length === 1 ? incidents[0]! : null,
      ids: g.map((n) => n.id),
      priority: highest(g),
      summary: true,
    };
  });
}

export interface Plan {
  state: CoalesceState;
  /** Show these now. */
  show: Notice[];
  /** Call flushNotices at this time (a hold is open), else null. */
  flushAt: number | null;
}

/** Decides what to show for notifications arriving at `now`. */
export function planNotices(state: CoalesceState, incoming: readonly Notification[], now: number, opts: CoalesceOptions = DEFAULT_COALESCE): Plan {
  if (state.holdUntil !== null && now >= state.holdUntil) {
    // A hold ended without its flush having run yet: flush it first.
    const flushed = flushNotices(state, now, opts);
    const next = planNotices(flushed.state, incoming, now, opts);
    return { ...next, show: [...flushed.show, ...next.show] };
  }
  const recent = state.recent.filter((t) => t > now - opts.windowMs);
  if (incoming.length === 0) return { state: { ...state, recent }, show: [], flushAt: state.holdUntil };
  if (state.holdUntil !== null && now < state.holdUntil) {
    return { state: { recent, held: [...state.held, ...incoming], holdUntil: state.holdUntil }, show: [], flushAt: state.holdUntil };
  }
  const budget = opts.max - recent.length;
  if (incoming.length <= budget) {
    return { state: { recent: [...recent, ...incoming.map(() => now)], held: [], holdUntil: null }, show: incoming.map(single), flushAt: null };
  }
  if (budget <= 0) {
    // The budget is used up: keep these and summarise them when the hold ends.
    const holdUntil = now + opts.windowMs;
    return { state: { recent, held: [...incoming], holdUntil }, show: [], flushAt: holdUntil };
  }
  const show = summarise(incoming, Math.max(1, budget));
  const holdUntil = now + opts.windowMs;
  return { state: { recent: [...recent, ...show.map(() => now)], held: [], holdUntil }, show, flushAt: holdUntil };
}

/** Ends a hold that is due: summarises what was held. */
export function flushNotices(state: CoalesceState, now: number, opts: CoalesceOptions = DEFAULT_COALESCE): Plan {
  if (state.holdUntil === null || now < state.holdUntil) return { state, show: [], flushAt: state.holdUntil };
  const show = summarise(state.held, opts.max);
  const recent = state.recent.filter((t) => t > now - opts.windowMs);
  return { state: { recent: [...recent, ...show.map(() => now)], held: [], holdUntil: null }, show, flushAt: null };
}
