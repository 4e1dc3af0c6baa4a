/**
 * What every kind of organisation data shares: its events in fold order, and how a published
 * version is numbered. Each PC folds the same org events in the same total order (HLC, writer id,
 * sequence), so whatever the fold decides — a renumbered version, a merge — every PC decides alike.
 */
import { compareEvents, type EventEnvelope } from '../domain/events';
import { ORG_STREAM } from './events';

/** The org stream's events, each event id once, in fold order; other streams are left out. */
export function orgEventsInOrder(events: readonly EventEnvelope[]): EventEnvelope[] {
  const seen = new Set<string>();
  return events.filter((e) => e.stream === ORG_STREAM && !seen.has(e.id) && Boolean(seen.add(e.id))).sort(compareEvents);
}

/**
 * A publisher proposes `latest + 1` of the versions it has seen. A proposal at or below the latest
 * folded version was made without seeing that one (another PC published at the same time): it is
 * renumbered after it and flagged `concurrent`.
 */
export function settleVersion(latest: number | undefined, proposed: number): { version: number; concurrent: boolean } {
  if (latest === undefined) return { version: proposed, concurrent: false };
  return { version: latest + 1, concurrent: proposed <= latest };
}
