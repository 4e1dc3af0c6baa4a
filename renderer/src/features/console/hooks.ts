import { useCallback, useMemo, useState } from 'react';
import type { ApiErrorBody } from '../../../../shared/contract/api';
import type { IncidentCommandInput } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { useClock } from '../../ui/clock-store';
import { formatTime, utcTitle } from '../../ui/format';
import { isBrowserMode, useConsole } from './console-store';
import { apiErrorOf } from './form-errors';
import { visibleIncidents } from './incident-filter';
import { riskOf } from './sla-model';
import { isSameDay } from './time-input';

/** Show every time in UTC (machine setting). */
export function useUtc(): boolean {
  return useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
}

/** Who this console acts as: the browser's own name in browser mode, else the machine's. */
export function useOperator(): string {
  const machine = useWorkspace((s) => s.info?.settings.operatorName ?? '');
  const browser = useConsole((s) => s.browserOperator);
  return (isBrowserMode() && browser) || machine;
}

export function useReadOnly(): boolean {
  return useWorkspace((s) => s.info?.readOnly ?? false);
}

/** Formats times the way the operator wants, with the UTC time for a title attribute. */
export interface TimeFormat {
  time: (iso: string, withDate?: boolean) => string;
  /** Time, with the date only when it is not today. */
  smart: (iso: string) => string;
  title: (iso: string) => string;
  utc: boolean;
}

export function useTimeFormat(): TimeFormat {
  const utc = useUtc();
  return useMemo(
    () => ({
      time: (iso: string, withDate = false) => formatTime(iso, utc, withDate),
      smart: (iso: string) => formatTime(iso, utc, !isSameDay(new Date(iso), new Date(), utc)),
      title: utcTitle,
      utc,
    }),
    [utc],
  );
}

/**
 * The filtered, sorted incident list the console shows. SLA risk moves with time, so the order is
 * recomputed once a minute (and on every change), not on every tick.
 */
export function useVisibleIncidents(): IncidentState[] {
  const incidents = useWorkspace((s) => s.incidents);
  const filters = useConsole((s) => s.filters);
  const operator = useOperator();
  const minute = useClock((s) => Math.floor(s.now / 60_000));
  return useMemo(() => {
    const now = Math.max(minute * 60_000, useClock.getState().now);
    return visibleIncidents(Object.values(incidents), filters, operator, (i) => riskOf(i, now));
  }, [incidents, filters, operator, minute]);
}

export function useSelectedIncident(): IncidentState | undefined {
  const id = useConsole((s) => s.selectedId);
  return useWorkspace((s) => (id ? s.incidents[id] : undefined));
}

export interface CommandRunner {
  run(command: IncidentCommandInput): Promise<IncidentState | undefined>;
  pending: boolean;
  error: ApiErrorBody | undefined;
  clearError(): void;
}

/** Sends one command for an incident; the result is shown at once, the live stream confirms it. */
export function useIncidentCommand(id: string): CommandRunner {
  const client = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const run = useCallback(
    async (command: IncidentCommandInput) => {
      setPending(true);
      setError(undefined);
      try {
        const result = await client.call('incidents.command', { id, command });
        useWorkspace.getState().upsert([result]);
        return result;
      } catch (err) {
        setError(apiErrorOf(err));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [client, id],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { run, pending, error, clearError };
}
