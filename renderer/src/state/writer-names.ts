import { useMemo } from 'react';
import { useStoreStatus } from './store-status-store';

const FIELD = '\u0000';
const ROW = '\u0001';

/**
 * The name each writer (PC) goes by, from the shared folder's presence list, as a lookup; undefined
 * for a writer not seen (or without a shared folder). Keyed on the names alone, so the heartbeat
 * times a status message also carries do not make a new lookup (and rebuild timelines) every time.
 */
export function useWriterNames(): (writerId: string) => string | undefined {
  const key = useStoreStatus((s) => (s.status?.writers ?? []).map((w) => `${w.writerId}${FIELD}${w.writerName}`).join(ROW));
  return useMemo(() => {
    const names = new Map(key ? key.split(ROW).map((row) => row.split(FIELD) as [string, string]) : []);
    return (writerId: string) => names.get(writerId);
  }, [key]);
}
