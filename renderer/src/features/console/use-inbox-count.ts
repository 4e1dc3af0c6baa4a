import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';

/** Alert messages arrive in bursts (a flood of notifications): count again at most this often. */
const REFRESH_MS = 2000;

/**
 * How many alert groups need triage (firing, not dismissed, not attached), for the header's Inbox
 * link: the inbox's own count, read with a one-group page so it stays cheap, again after `alerts`
 * stream messages and reconnects. Undefined until known (or when the host has no inbox).
 */
export function useInboxCount(): number | undefined {
  const client = useApi();
  const [count, setCount] = useState<number | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      timer = undefined;
      client
        .call('alerts.inbox', { view: 'triage', limit: 1 })
        .then((r) => {
          if (live) setCount(r.counts.triage);
        })
        .catch(() => undefined);
    };
    const later = () => {
      timer ??= setTimeout(load, REFRESH_MS);
    };
    const offStream = client.subscribe((m) => {
      if (m.kind === 'alerts') later();
    });
    const offConnection = client.onConnectionChange((connected) => {
      if (connected) later();
    });
    load();
    return () => {
      live = false;
      clearTimeout(timer);
      offStream();
      offConnection();
    };
  }, [client]);
  return count;
}
