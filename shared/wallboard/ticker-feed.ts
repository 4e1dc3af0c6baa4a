import { newerFirst, type TickerItem } from './ticker';
import type { AlertTickerItem } from './ticker-alerts';

/** One line of the wall board's ticker: an incident's significant change, or a critical alert. */
export type TickerEntry = TickerItem | AlertTickerItem;

/**
 * Incident changes and critical alerts (each newest first), merged newest first, at most `limit`.
 * Alerts get at most `maxAlerts` places while there are incident changes to fill the rest: a flood
 * of alerts never pushes every incident change off the board.
 */
export function mergeTicker(changes: readonly TickerItem[], alerts: readonly AlertTickerItem[], limit: number, maxAlerts = Math.ceil(limit / 2)): TickerEntry[] {
  const shown = alerts.slice(0, Math.max(maxAlerts, limit - changes.length));
  const out: TickerEntry[] = [];
  let c = 0;
  let a = 0;
  while (out.length < limit && (c < changes.length || a < shown.length)) {
    const change = changes[c];
    const alert = shown[a];
    if (alert && (!change || newerFirst(alert, change) <= 0)) {
      out.push(alert);
      a++;
    } else {
      out.push(change!);
      c++;
    }
  }
  return out;
}
