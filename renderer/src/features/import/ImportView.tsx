import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../../shared/contract/api';
import type { ImportFormat, ImportMapping, ImportPreview, ImportSummary } from '../../../../shared/contract/import-api';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { ColumnMapping } from './ColumnMapping';
import { IssueList } from './IssueList';
import { consoleHref, FORMAT_LABELS, formatCount, newImportId, percent } from './import-model';
import { PriorityMapping } from './PriorityMapping';
import { StatusMapping } from './StatusMapping';
import { ImportSummaryView } from './ImportSummaryView';
import './ImportView.css';

interface LoadedFile {
  name: string;
  text: string;
  size: number;
}

interface PreviewRequest {
  format: ImportFormat | 'auto';
  sourceKey?: string;
  mapping?: ImportMapping;
}

interface Progress {
  phase: 'map' | 'record';
  done: number;
  total: number;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Imports real incident data: choose a file (Statuspage JSON, or an ITSM event-log / export CSV),
 * check the detected format and the column, status and priority mappings against a preview, then
 * run the import with a progress bar and read its summary. Importing a file again adds nothing.
 */
export function ImportView() {
  const client = useApi();
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const matrix = useWorkspace((s) => s.info?.matrix);
  const [file, setFile] = useState<LoadedFile>();
  const [request, setRequest] = useState<PreviewRequest>({ format: 'auto' });
  const [preview, setPreview] = useState<ImportPreview>();
  const [mapping, setMapping] = useState<ImportMapping>();
  const [sourceKey, setSourceKey] = useState('');
  const [checking, setChecking] = useState(false);
  const [acceptValidRows, setAcceptValidRows] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<ImportSummary>();
  const [error, setError] = useState<string>();
  const generation = useRef(0);

  // Preview (debounced) whenever the file or what the preview depends on changes.
  useEffect(() => {
    if (!file) return;
    const mine = ++generation.current;
    setChecking(true);
    const timer = setTimeout(() => {
      client
        .call('import.preview', {
          content: file.text,
          fileName: file.name,
          ...(request.format !== 'auto' ? { format: request.format } : {}),
          ...(request.sourceKey ? { sourceKey: request.sourceKey } : {}),
          ...(request.mapping ? { mapping: request.mapping } : {}),
        })
        .then((p) => {
          if (mine !== generation.current) return;
          setPreview(p);
          setMapping(p.mapping);
          setSourceKey(p.sourceKey);
          setError(undefined);
        })
        .catch((err: unknown) => mine === generation.current && setError(message(err)))
        .finally(() => mine === generation.current && setChecking(false));
    }, request.mapping ? 350 : 0);
    return () => clearTimeout(timer);
  }, [client, file, request]);

  const chooseFile = async (f: File | undefined) => {
    setSummary(undefined);
    setPreview(undefined);
    setMapping(undefined);
    setError(undefined);
    setAcceptValidRows(false);
    if (!f) return setFile(undefined);
    try {
      setFile({ name: f.name, size: f.size, text: await f.text() });
      setRequest((r) => ({ format: r.format }));
    } catch (err) {
      setError(`Cannot read ${f.name}: ${message(err)}`);
    }
  };

  const editMapping = useCallback((next: ImportMapping) => {
    setMapping(next);
    setSummary(undefined);
    setRequest((r) => ({ ...r, mapping: next }));
  }, []);

  const run = async () => {
    if (!file || !mapping || !preview) return;
    const importId = newImportId();
    setRunning(true);
    setSummary(undefined);
    setError(undefined);
    setProgress({ phase: 'map', done: 0, total: preview.incidentCount });
    const off = client.subscribe((m) => {
      if (m.kind === 'importProgress' && m.importId === importId) setProgress({ phase: m.phase ?? 'record', done: m.done, total: m.total });
    });
    try {
      const result = await client.call('import.run', { importId, content: file.text, fileName: file.name, sourceKey, mapping, acceptValidRows });
      setSummary(result);
      // The preview's "imported before" count changed: check again.
      setRequest((r) => ({ ...r, mapping }));
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : message(err));
    } finally {
      off();
      setRunning(false);
      setProgress(undefined);
    }
  };

  const blocked = preview ? preview.issueCount > 0 && (preview.incidentCount === 0 || !acceptValidRows) : true;

  return (
    <div className="import-view">
      <header className="import-header">
        <a className="import-back" href={consoleHref()}>
          ← Console
        </a>
        <h1 className="import-title">Import incidents</h1>
        <span className="import-header-hint">Statuspage JSON · ITSM event logs and exports (CSV)</span>
      </header>

      <main className="import-main">
        <section className="import-card" aria-labelledby="import-step-file">
          <h2 id="import-step-file" className="import-step">
            1 · File
          </h2>
          <div className="import-row">
            <label className="import-field">
              <span className="import-label">File</span>
              <input
                className="import-file"
                type="file"
                accept=".json,.csv,.txt,application/json,text/csv"
                disabled={running}
                onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
              />
            </label>
            <label className="import-field">
              <span className="import-label">Source type</span>
              <select
                className="import-select"
                value={request.format}
                disabled={running}
                onChange={(e) => setRequest({ format: e.currentTarget.value as PreviewRequest['format'] })}
              >
                <option value="auto">Detect from the file</option>
                <option value="statuspage">{FORMAT_LABELS.statuspage}</option>
                <option value="csv">{FORMAT_LABELS.csv}</option>
              </select>
            </label>
            <label className="import-field">
              <span className="import-label">Source name</span>
              <input
                className="import-input"
                value={sourceKey}
                disabled={!preview || running}
                spellCheck={false}
                onChange={(e) => setSourceKey(e.currentTarget.value)}
                onBlur={() => preview && sourceKey !== preview.sourceKey && setRequest((r) => ({ ...r, sourceKey }))}
              />
              <span className="import-hint">Mappings are remembered per source; the same source imported again adds nothing new.</span>
            </label>
          </div>
          {file && (
            <p className="import-facts" aria-live="polite">
              {checking && !preview ? (
                `Reading ${file.name}…`
              ) : preview ? (
                <>
                  <strong>{preview.sourceLabel}</strong> ({FORMAT_LABELS[preview.format]}) ·{' '}
                  {preview.format === 'csv'
                    ? `${formatCount(preview.rowCount)} rows · ${formatCount(preview.incidentCount)} incidents`
                    : `${formatCount(preview.rowCount)} incidents${preview.incidentCount < preview.rowCount ? ` (${formatCount(preview.incidentCount)} readable)` : ''}`}
                  {preview.firstAt && preview.lastAt ? ` · ${preview.firstAt.slice(0, 10)} … ${preview.lastAt.slice(0, 10)}` : ''}
                  {preview.knownIncidents > 0 ? ` · ${formatCount(preview.knownIncidents)} imported before` : ''} · mapping{' '}
                  {preview.mappingOrigin === 'remembered' ? 'remembered for this source' : preview.mappingOrigin === 'suggested' ? 'suggested' : 'as set here'}
                  {checking ? ' · checking…' : ''}
                </>
              ) : null}
            </p>
          )}
          {preview && preview.sample.length > 0 && (
            <div className="import-table-wrap">
              <table className="import-table import-sample" aria-label="First rows">
                <thead>
                  <tr>
                    {preview.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.slice(0, 6).map((row, i) => (
                    <tr key={i}>
                      {preview.columns.map((c, j) => (
                        <td key={c} title={row[j]}>
                          {row[j]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {preview && mapping && (
          <section className="import-card" aria-labelledby="import-step-mapping">
            <h2 id="import-step-mapping" className="import-step">
              2 · Mapping
            </h2>
            {mapping.format === 'csv' && preview.format === 'csv' && (
              <>
                <ColumnMapping preview={preview} mapping={mapping} disabled={running} onChange={editMapping} />
                <StatusMapping values={preview.values.status} mapping={mapping} disabled={running} onChange={editMapping} />
              </>
            )}
            {mapping.format === 'statuspage' && preview.values.status.length > 0 && (
              <div className="import-subsection">
                <h3 className="import-subtitle">Update statuses</h3>
                <p className="import-hint">
                  Each update becomes a status-update entry with its status; statuses move the incident along the lifecycle:{' '}
                  {preview.values.status.map((v) => `${v.label} (${formatCount(v.count)})`).join(' · ')}
                </p>
              </div>
            )}
            <PriorityMapping preview={preview} mapping={mapping} matrix={matrix} disabled={running} onChange={editMapping} />
          </section>
        )}

        {preview && mapping && (
          <section className="import-card" aria-labelledby="import-step-run">
            <h2 id="import-step-run" className="import-step">
              3 · Check and import
            </h2>
            <IssueList issues={preview.issues} count={preview.issueCount} invalidRows={preview.invalidRows} format={preview.format} />
            {preview.issueCount > 0 && preview.incidentCount > 0 && (
              <label className="import-check">
                <input type="checkbox" checked={acceptValidRows} disabled={running} onChange={(e) => setAcceptValidRows(e.currentTarget.checked)} />
                Import the valid rows ({formatCount(preview.rowCount - preview.invalidRows)} of {formatCount(preview.rowCount)}); skip the others
              </label>
            )}
            <div className="import-actions">
              <button type="button" className="import-button is-primary" disabled={readOnly || running || checking || blocked} onClick={() => void run()}>
                {running ? 'Importing…' : `Import ${formatCount(preview.incidentCount)} incidents`}
              </button>
              {readOnly && <span className="import-hint">This connection is read-only.</span>}
            </div>
            {progress && (
              <div className="import-progress">
                <div
                  className="import-progress-bar"
                  role="progressbar"
                  aria-label="Import progress"
                  aria-valuemin={0}
                  aria-valuemax={progress.total}
                  aria-valuenow={progress.done}
                  aria-valuetext={`${progress.phase === 'map' ? 'Mapping' : 'Recording'} ${progress.done} of ${progress.total} incidents`}
                >
                  <div className="import-progress-fill" style={{ width: `${(progress.phase === 'map' ? 0 : 50) + percent(progress.done, progress.total) / 2}%` }} />
                </div>
                <span className="import-hint">
                  {progress.phase === 'map' ? 'Mapping' : 'Recording'} {formatCount(progress.done)} / {formatCount(progress.total)} incidents
                </span>
              </div>
            )}
          </section>
        )}

        {error && (
          <p className="import-alert" role="alert">
            {error}
          </p>
        )}
        {summary && <ImportSummaryView summary={summary} />}
      </main>
    </div>
  );
}
