import { useCallback, useEffect, useState } from 'react';
import type { IntakeLogEntry } from '../../../../shared/contract/alerts-api';
import { useApi } from '../../api/api-context';
import { useTimeFormat } from '../console/hooks';

/** Refused deliveries and files of this machine's receiver and watch folders, newest first. */
export function IntakeLogView() {
  const client = useApi();
  const { smart, title } = useTimeFormat();
  const [entries, setEntries] = useState<IntakeLogEntry[]>();
  const [file, setFile] = useState('');
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    client
      .call('alerts.log', { limit: 500 })
      .then((r) => {
        setEntries(r.entries);
        setFile(r.file);
        setError(undefined);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [client]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section className="inbox-card" aria-labelledby="intake-log-title">
      <div className="inbox-card-head">
        <h2 id="intake-log-title" className="inbox-card-title">
          Intake log
        </h2>
        <span className="console-hint">Refused alerts of this machine{file ? ` · ${file}` : ''}</span>
        <button type="button" className="console-button is-small" onClick={load}>
          Refresh
        </button>
      </div>
      {error && (
        <p className="console-alert" role="alert">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && <p className="console-hint">Nothing refused.</p>}
      {entries && entries.length > 0 && (
        <table className="inbox-table is-log" aria-label="Intake log">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col">Via</th>
              <th scope="col" className="is-number">
                Status
              </th>
              <th scope="col">Reason</th>
              <th scope="col">First bytes</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>
                  <time dateTime={e.at} title={title(e.at)}>
                    {smart(e.at)}
                  </time>
                </td>
                <td>{e.source}</td>
                <td>
                  {e.transport === 'http' ? 'HTTP' : 'Folder'}
                  <span className="inbox-format">{e.from}</span>
                </td>
                <td className="is-number">{e.status}</td>
                <td>
                  <strong className="inbox-reason">{e.reason}</strong>
                  {e.repeats > 0 && <span className="inbox-tag">+{e.repeats} more</span>}
                  <div className="inbox-log-message">{e.message}</div>
                </td>
                <td>
                  {e.snippet ? (
                    <code className="inbox-snippet">{e.snippet}</code>
                  ) : (
                    <span className="console-hint" title="A sender is authenticated before its body is read">
                      (body not read)
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
