import type { EventEnvelope } from '../../../shared/domain/events';

/** A problem found while reading stored events: shown to the user, never fatal. */
export interface StoreWarning {
  file: string;
  message: string;
}

/**
 * Where events live. The local journal implements it now; the multi-writer shared folder
 * (a later layer) wraps it: local first, then published.
 */
export interface EventStore {
  /** Reads every stored event (in no particular order). */
  load(): Promise<{ events: EventEnvelope[]; warnings: StoreWarning[] }>;
  /** Resolves only once the events are durable on disk. */
  append(events: readonly EventEnvelope[]): Promise<void>;
  /**
   * Events that arrive from elsewhere (other PCs through a shared folder) after load; unvalidated,
   * possibly duplicates or out of order. Stores without remote sources need not implement it.
   */
  onRemoteEvents?(listener: (events: unknown[]) => void): () => void;
  close(): Promise<void>;
}
