import { useEffect, useState } from 'react';
import { criticalFromInbox, RECENT_CRITICAL_MS, rememberAlerts, type AlertTickerItem } from '../../../../shared/wallboard/ticker-alerts';
import { useOptionalApi } from '../../api/api-context';
import { useClock } from '../../ui/clock-store';

const NONE: readonly AlertTickerItem[] = [];

/**
 * Recent critical alerts for the ticker: the inbox's on load (and after a reconnect, so nothing
 * missed stays missing), then each `alerts` stream message's newly firing critical ones. A board
 * whose inbox cannot be read (an older host) still gets the live ones; one without a client, none.
 */
export function useCriticalAlerts(): readonly AlertTickerItem[] {
  const client = useOptionalApi();
  const [items, setItems] = useState(NONE);
  useEffect(() => {
    if (!client) return undefined;
    let live = true;
    const load = () =>
      client
        .call('alerts.inbox', { view: 'firing', limit: 5000 })
        .then((r) => {
          const recent = criticalFromInbox(r.groups, useClock.getState().now - RECENT_CRITICAL_MS);
          if (live) setItems((known) => rememberAlerts(known, recent));
        })
        .catch(() => undefined);
    const offStream = client.subscribe((m) => {
      if (m.kind === 'alerts' && m.critical.length) setItems((known) => rememberAlerts(known, m.critical));
    });
    const offConnection = client.onConnectionChange((connected) => {
      if (connected) void load();
    });
    void load();
    return () => {
      live = false;
      offStream();
      offConnection();
    };
  }, [client]);
  return items;
}
