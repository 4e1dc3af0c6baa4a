import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../../shared/contract/api';
import type { IncidentAlerts } from '../../../../shared/contract/alerts-api';
import type { IncidentState } from '../../../../shared/domain/incident';
import { allowedTransitions, DEFAULT_LIFECYCLE } from '../../../../shared/domain/lifecycle';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { useReadOnly } from '../console/hooks';
import './Inbox.css';

/**
 * In the console: when every alert attached to the incident has resolved, suggest Monitoring (a
 * suggestion: the coordinator decides; "Not now" hides it until the incident changes).
 */
export function MonitoringSuggestion({ incident }: { incident: IncidentState }) {
  const client = useApi();
  const readOnly = useReadOnly();
  const lifecycle = useWorkspace((s) => s.info?.lifecycle ?? DEFAULT_LIFECYCLE);
  const [alerts, setAlerts] = useState<IncidentAlerts>();
  const [hiddenAt, setHiddenAt] = useState<string>();
  const [error, setError] = useState<string>();
  const { id, version } = incident;
  // Only incidents that alerts were ever linked to (the link is on their own timeline) ask the host.
  const linked = useMemo(() => incident.timeline.some((e) => e.type === 'alert.attached' || e.type === 'alert.incidentCreated'), [incident.timeline]);

  useEffect(() => {
    if (!linked) {
      setAlerts(undefined);
      return;
    }
    let live = true;
    const load = () =>
      client.call('alerts.forIncident', { id }).then(
        (r) => live && setAlerts(r),
        () => live && setAlerts(undefined),
      );
    void load();
    const off = client.subscribe((m) => {
      if (m.kind === 'alerts' && (m.truncated || m.monitoringSuggested.includes(id) || m.groups.some((g) => g.incidentId === id))) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [client, id, version, linked]);

  if (!alerts?.suggestMonitoring || hiddenAt === version) return null;
  const next = allowedTransitions(lifecycle, incident.status, incident.heldFrom);
  const step = next.find((t) => t.to === 'monitoring') ?? next.find((t) => t.to === 'mitigated');
  const move = async () => {
    if (!step) return;
    setError(undefined);
    try {
      useWorkspace.getState().upsert([await client.call('incidents.command', { id, command: { type: 'transition', to: step.to, reason: 'All attached alerts resolved' } })]);
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : String(err));
    }
  };
  const n = alerts.groups.reduce((sum, g) => sum + g.alerts.length, 0);
  return (
    <div className="inbox-suggestion" role="status" data-testid="monitoring-suggestion">
      <span className="inbox-suggestion-text">
        All {n} attached alert{n === 1 ? '' : 's'} resolved. Consider moving this incident to Monitoring
        {step && step.to !== 'monitoring' ? ` (mark it mitigated first)` : ''}.
      </span>
      {!readOnly && step && (
        <button type="button" className="console-button is-small is-primary" onClick={() => void move()}>
          {step.label}
        </button>
      )}
      <button type="button" className="console-button is-small is-ghost" onClick={() => setHiddenAt(version)}>
        Not now
      </button>
      {error && (
        <span className="console-field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
