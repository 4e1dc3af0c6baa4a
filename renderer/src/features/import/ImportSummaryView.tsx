import type { ImportSummary } from '../../../../shared/contract/import-api';
import { consoleHref, formatCount } from './import-model';

/** What an import did: incidents created/updated/unchanged, events, rows skipped and why, adjustments. */
export function ImportSummaryView({ summary: s }: { summary: ImportSummary }) {
  const what = s.format === 'csv' ? 'rows' : 'incidents in the file';
  return (
    <section className="import-card import-summary" aria-label="Import summary">
      <h2 className="import-step">Imported</h2>
      <p className="import-summary-headline">
        {formatCount(s.incidents.total)} incidents: {formatCount(s.incidents.created)} new, {formatCount(s.incidents.updated)} updated, {formatCount(s.incidents.unchanged)} unchanged
      </p>
      <dl className="import-figures">
        <div>
          <dt>Events recorded</dt>
          <dd>{formatCount(s.events.recorded)}</dd>
        </div>
        <div>
          <dt>Already present</dt>
          <dd>{formatCount(s.events.alreadyPresent)}</dd>
        </div>
        <div>
          <dt>{s.format === 'csv' ? 'Rows imported' : 'Incidents read'}</dt>
          <dd>
            {formatCount(s.rows.imported)} / {formatCount(s.rows.total)}
          </dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{formatCount(s.rows.skipped)}</dd>
        </div>
        <div>
          <dt>Took</dt>
          <dd>{(s.durationMs / 1000).toFixed(1)} s</dd>
        </div>
      </dl>
      {s.skippedCount > 0 && (
        <div className="import-subsection">
          <h3 className="import-subtitle">
            Skipped {what}: {formatCount(s.skippedCount)} problem{s.skippedCount === 1 ? '' : 's'}
          </h3>
          <div className="import-table-wrap is-short">
            <table className="import-table" aria-label="Skipped">
              <thead>
                <tr>
                  <th scope="col" className="is-number">
                    Line
                  </th>
                  <th scope="col">Field</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {s.skipped.map((issue, i) => (
                  <tr key={i}>
                    <td className="is-number">{issue.line ?? '—'}</td>
                    <td>{issue.field}</td>
                    <td>{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {s.notes.length > 0 && (
        <div className="import-subsection">
          <h3 className="import-subtitle">Adjusted to the lifecycle rules</h3>
          <ul className="import-notes">
            {s.notes.map((n) => (
              <li key={n.message}>
                <span className="import-note-count">{formatCount(n.count)}×</span> {n.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.examples.length > 0 && (
        <p className="import-hint">
          For example:{' '}
          {s.examples.map((e, i) => (
            <span key={e.incidentId}>
              {i > 0 ? ', ' : ''}
              {e.externalId} → <a href={consoleHref(`?incident=${encodeURIComponent(e.incidentId)}`)}>{e.incidentId}</a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
