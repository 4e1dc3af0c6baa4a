import { useEffect, useState } from 'react';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

/**
 * Loads a report's data once (a report is a snapshot of one moment: it does not follow live
 * changes while it is being read or printed). `key` reloads when it changes.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setResult({ state: 'loading' });
    load().then(
      (value) => !cancelled && setResult({ state: 'ready', value }),
      (err: unknown) => !cancelled && setResult({ state: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what `load` depends on
  }, [key]);
  return result;
}
