import { useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { isActive } from '../../../../shared/domain/lifecycle';
import { buildBoard, type BoardModel } from '../../../../shared/wallboard/board-model';
import { matchesFilters, type BoardFilters } from '../../../../shared/wallboard/filters';
import { latestSignificant } from '../../../../shared/wallboard/ticker';
import { alertOnBoard, type AlertTickerItem } from '../../../../shared/wallboard/ticker-alerts';
import { mergeTicker, type TickerEntry } from '../../../../shared/wallboard/ticker-feed';
import { usePolicies } from '../../state/policies-store';
import { useClock } from '../../ui/clock-store';
import { BOARD_UPDATE_MS, useCoalescedIncidents } from './use-coalesced-incidents';

const TICKER_ITEMS = 6;

const NO_INCIDENTS: IncidentState[] = [];

/** Alert items keep their identity while unchanged (rememberAlerts); incident items are rebuilt with their incident. */
const sameEntry = (a: TickerEntry, b: TickerEntry) =>
  a === b || (a.kind !== 'alert' && b.kind !== 'alert' && a.key === b.key && a.text === b.text && a.priority === b.priority);
const sameTicker = (a: readonly TickerEntry[], b: readonly TickerEntry[]) => a.length === b.length && a.every((t, i) => sameEntry(t, b[i]!));

/**
 * The incidents this board shows (active, matching its filters) and its ticker: their significant
 * changes merged with the board's critical alerts. Re-computed only when incidents or alerts
 * change; the ticker keeps its identity while its items are the same, so most incident changes do
 * not re-render it.
 */
function useBoardIncidents(
  filters: BoardFilters,
  coalesceMs: number,
  alerts: readonly AlertTickerItem[],
): { active: IncidentState[]; ticker: readonly TickerEntry[] } {
  const all = useCoalescedIncidents(coalesceMs);
  const previous = useRef<readonly TickerEntry[]>([]);
  const computed = useMemo(() => {
    const matching = Object.values(all).filter((i) => matchesFilters(i, filters));
    const active = matching.filter((i) => isActive(i.status));
    // Resolutions and cancellations are news too, so the ticker also reads inactive incidents.
    const changes = latestSignificant(matching, TICKER_ITEMS);
    const onBoard = alerts.filter((a) => alertOnBoard(a, filters, all));
    return { active: active.length ? active : NO_INCIDENTS, ticker: mergeTicker(changes, onBoard, TICKER_ITEMS) };
  }, [all, filters, alerts]);
  const ticker = sameTicker(computed.ticker, previous.current) ? previous.current : computed.ticker;
  useEffect(() => {
    previous.current = ticker;
  }, [ticker]);
  return { active: computed.active, ticker };
}

/**
 * The board's model (SLA evaluation, order, counts), rebuilt when incidents change and when the
 * earliest SLA change falls due (`summary.nextChangeAt`: a warning level reached, a breach, a
 * business-hours boundary) — never on an ordinary tick. The deadline is watched with one
 * comparison per tick of the shared clock (no timer per tile; a jump of the host clock offset is
 * seen at once). Incident changes are coalesced (BOARD_UPDATE_MS). With `rerenderAll` (benchmark
 * baseline only) the model is rebuilt afresh on every tick and for every change.
 */
export function useBoardModel(
  filters: BoardFilters,
  rerenderAll: boolean,
  alerts: readonly AlertTickerItem[],
): { model: BoardModel; ticker: readonly TickerEntry[] } {
  const { active, ticker } = useBoardIncidents(filters, rerenderAll ? 0 : BOARD_UPDATE_MS, alerts);
  const [evaluatedAt, setEvaluatedAt] = useState(() => useClock.getState().now);
  const tick = useClock((s) => (rerenderAll ? s.now : 0));
  // A published SLA version (any PC) re-evaluates the board at once.
  const policies = usePolicies((s) => s.engine.sla);
  const model = useMemo(
    () => buildBoard(active, rerenderAll ? tick : Math.max(evaluatedAt, useClock.getState().now), { fresh: rerenderAll, policies }),
    [active, evaluatedAt, tick, rerenderAll, policies],
  );
  const due = model.summary.nextChangeAt;
  useEffect(() => {
    if (rerenderAll || !Number.isFinite(due)) return undefined;
    const check = (s: { now: number }) => {
      if (s.now >= due) setEvaluatedAt(s.now);
    };
    check(useClock.getState());
    return useClock.subscribe(check);
  }, [due, rerenderAll]);
  return { model, ticker };
}
