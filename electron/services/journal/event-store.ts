import type { EventEnvelope } from '../../../shared/domain/events';
import type { IncidentSummary } from '../../../shared/domain/incident';

/** A problem found while reading stored events: shown to the user, never fatal. */
export interface StoreWarning {
  file: string;
  message: string;
}

/**
 * Incidents whose events a store holds but has not loaded: their folded states without timelines
 * (from a checkpoint), and their events on demand. The events of these incidents are not among
 * those `load()` returns.
 */
export interface FoldedHistory {
  readonly summaries: readonly IncidentSummary[];
  /**
   * The stored events of one incident (unvalidated, any order), read synchronously from a file.
   * Undefined if they cannot be read any more: the store then delivers them as events instead.
   */
  eventsOf(stream: string): unknown[] | undefined;
  /** The highest seq of `writerId` among the events the history holds (0: none), so this PC never reuses one of its own. */
  lastSeqOf(writerId: string): number;
}

/**
 * Where events live. The local journal implements it now; the multi-writer shared folder
 * (a later layer) wraps it: local first, then published.
 */
export interface EventStore {
  /** Reads every stored event (in no particular order), except those of `history`'s incidents. */
  load(): Promise<{ events: EventEnvelope[]; warnings: StoreWarning[]; history?: FoldedHistory }>;
  /** Resolves only once the events are durable on disk. */
  append(events: readonly EventEnvelope[]): Promise<void>;
  /**
   * Events that arrive from elsewhere (other PCs through a shared folder) after load; unvalidated,
   * possibly duplicates or out of order. Stores without remote sources need not implement it.
   */
  onRemoteEvents?(listener: (events: unknown[]) => void): () => void;
  close(): Promise<void>;
}
