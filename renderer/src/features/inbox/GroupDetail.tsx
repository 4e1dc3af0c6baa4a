import { useState } from 'react';
import { ApiError } from '../../../../shared/contract/api';
import type { AlertGroupDto } from '../../../../shared/contract/alerts-api';
import { useApi } from '../../api/api-context';
import { useReadOnly, useTimeFormat } from '../console/hooks';
import { AttachForm } from './AttachForm';
import { CreateFromGroupForm } from './CreateFromGroupForm';
import { DismissForm } from './DismissForm';
import { FORMAT_LABELS, labelList, stateOf } from './inbox-model';
import { openIncident } from './navigate';
import { SeverityBadge } from './SeverityBadge';

type Mode = 'none' | 'create' | 'attach' | 'dismiss';

/** One group: its alerts, and the triage actions (create incident, attach, dismiss, restore, detach). */
export function GroupDetail({ group }: { group: AlertGroupDto }) {
  const client = useApi();
  const readOnly = useReadOnly();
  const { smart, title } = useTimeFormat();
  const [mode, setMode] = useState<Mode>('none');
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await fn();
      setNotice(done);
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : String(err));
    }
  };
  const finish = (text: string) => {
    setMode('none');
    setNotice(text);
  };
  const canTriage = !readOnly && !group.flag;

  return (
    <section className="inbox-detail" aria-labelledby="inbox-detail-title">
      <header className="inbox-detail-head">
        <SeverityBadge severity={group.severity} />
        <h2 id="inbox-detail-title" className="inbox-detail-title">
          {group.title}
        </h2>
      </header>
      <dl className="inbox-facts">
        <dt>State</dt>
        <dd data-testid="group-state">{stateOf(group)}</dd>
        <dt>Source</dt>
        <dd>
          {group.source} · {FORMAT_LABELS[group.format]}
        </dd>
        <dt>Group</dt>
        <dd className="inbox-mono">{group.groupKey}</dd>
        <dt>First seen</dt>
        <dd title={title(group.firstSeenAt)}>{smart(group.firstSeenAt)}</dd>
        <dt>Last seen</dt>
        <dd title={title(group.lastSeenAt)}>{smart(group.lastSeenAt)}</dd>
        <dt>Notifications</dt>
        <dd>
          {group.count}
          {group.duplicates > 0 && ` (${group.duplicates} duplicate${group.duplicates === 1 ? '' : 's'})`}
        </dd>
        {group.peakSeverity !== group.severity && (
          <>
            <dt>Peak severity</dt>
            <dd>{group.peakSeverity}</dd>
          </>
        )}
        {group.dismissed && (
          <>
            <dt>Dismissed</dt>
            <dd>{group.dismissed.reason}</dd>
          </>
        )}
        {group.truncatedAlerts > 0 && (
          <>
            <dt>Not sent</dt>
            <dd>{group.truncatedAlerts} more alerts left out by the sender</dd>
          </>
        )}
      </dl>

      {group.incidentId && (
        <p className="inbox-linked">
          {group.incidentCreated ? 'Incident created from this group: ' : 'Attached to '}
          <button type="button" className="console-button is-small" onClick={() => void openIncident(client, group.incidentId!)}>
            Open {group.incidentId}
          </button>
        </p>
      )}

      {!readOnly && mode === 'none' && (
        <div className="inbox-actions" role="group" aria-label="Triage">
          {canTriage && !group.incidentId && (
            <button type="button" className="console-button is-primary" onClick={() => setMode('create')}>
              Create incident…
            </button>
          )}
          {canTriage && (
            <button type="button" className="console-button" onClick={() => setMode('attach')}>
              {group.incidentId ? 'Move to another incident…' : 'Attach to incident…'}
            </button>
          )}
          {!group.incidentId && !group.dismissed && (
            <button type="button" className="console-button is-danger" onClick={() => setMode('dismiss')}>
              Dismiss…
            </button>
          )}
          {group.dismissed && (
            <button type="button" className="console-button" onClick={() => void run(() => client.call('alerts.restore', { groupId: group.id }), 'Restored to the inbox')}>
              Restore
            </button>
          )}
          {group.incidentId && (
            <button type="button" className="console-button" onClick={() => void run(() => client.call('alerts.detach', { groupId: group.id }), `Detached from ${group.incidentId}`)}>
              Detach
            </button>
          )}
        </div>
      )}
      {mode === 'create' && <CreateFromGroupForm groupId={group.id} onCancel={() => setMode('none')} onCreated={(id) => finish(`Created ${id}`)} />}
      {mode === 'attach' && <AttachForm groupId={group.id} currentIncidentId={group.incidentId} onCancel={() => setMode('none')} onDone={(id) => finish(`Attached to ${id}`)} />}
      {mode === 'dismiss' && <DismissForm groupId={group.id} onCancel={() => setMode('none')} onDone={() => finish('Dismissed')} />}
      {notice && mode === 'none' && (
        <p className="inbox-notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="console-alert" role="alert">
          {error}
        </p>
      )}

      <h3 className="inbox-subhead">Alerts ({group.alerts.length})</h3>
      <ul className="inbox-alerts" aria-label="Alerts in this group">
        {group.alerts.map((a) => (
          <li key={a.dedupKey} className={`inbox-alert is-${a.status}`}>
            <div className="inbox-alert-line">
              <SeverityBadge severity={a.severity} />
              <span className={`inbox-state${a.status === 'firing' ? ' is-firing' : ''}`}>
                {a.status === 'firing' ? (a.acknowledged ? 'Firing, acknowledged' : 'Firing') : 'Resolved'}
              </span>
              <span className="inbox-alert-title">{a.title}</span>
            </div>
            {a.description && <p className="inbox-alert-desc">{a.description}</p>}
            <div className="inbox-alert-meta">
              <span title={title(a.startsAt)}>since {smart(a.startsAt)}</span>
              {a.endsAt && a.status === 'resolved' && <span title={title(a.endsAt)}> · ended {smart(a.endsAt)}</span>}
              <span> · {a.count}×</span>
              {a.rawSeverity && a.rawSeverity.toLowerCase() !== a.severity && <span> · sent as “{a.rawSeverity}”</span>}
            </div>
            {labelList(a.labels, []).length > 0 && (
              <ul className="inbox-labels" aria-label="Labels">
                {labelList(a.labels, []).map(([k, v]) => (
                  <li key={k} className="inbox-label">
                    <span className="inbox-label-key">{k}</span>={v}
                  </li>
                ))}
              </ul>
            )}
            {a.links.length > 0 && (
              <ul className="inbox-links">
                {a.links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} target="_blank" rel="noreferrer noopener">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
