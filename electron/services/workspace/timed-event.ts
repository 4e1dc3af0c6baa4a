import type { EventType, PayloadOf } from '../../../shared/domain/events';

/** An event to record at a given moment in the past (demo history, importers). */
export interface TimedEvent<T extends EventType = EventType> {
  stream: string;
  type: T;
  data: PayloadOf<T>;
  at: number;
  actor: string;
  /** Fixed event id (importers derive them from the source, so importing twice adds nothing); default: a new one. */
  id?: string;
}
