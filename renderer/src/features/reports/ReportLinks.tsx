import { useState } from 'react';
import { viewHref } from '../../ui/view-href';
import { exportRequest, exportThroughBridge } from './export-pdf';
import { REPORT_PARAM } from '../../../../shared/contract/report-route';
import { reportHash, reportPdfHref, type ReportTarget } from './report-params';
import './report-links.css';

export interface ReportLinksOptions {
  /** Paper for the report and its PDF (default A4). */
  paper?: string;
  /** IANA zone of the report's times (default: the machine's UTC setting, else the browser's zone); the trends screen passes its own. */
  timeZone?: string;
  className?: string;
}

export type ReportLinksProps = ReportTarget & ReportLinksOptions;

const LABELS: Record<ReportTarget['kind'], string> = { incident: 'Incident report', situation: 'Situation report', trends: 'Period report' };

function targetOf(props: ReportLinksProps): ReportTarget {
  if (props.kind === 'incident') return { kind: 'incident', id: props.id };
  if (props.kind === 'trends')
    return { kind: 'trends', from: props.from, to: props.to, ...(props.granularity ? { granularity: props.granularity } : {}), ...(props.filters ? { filters: props.filters } : {}) };
  return { kind: 'situation' };
}

/**
 * Electron's "Export PDF…": the main process asks where to save, prints the report route in a
 * hidden window (electron/main/print.ts) and opens the file; the outcome shows beside the button.
 */
function ExportButton({ name, request }: { name: string; request: Record<string, string> }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const bridge = window.watchfloor!;
  const run = () => {
    setBusy(true);
    setStatus('');
    exportThroughBridge(bridge, request)
      .then(setStatus, (err: unknown) => setStatus(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" className="report-link is-pdf" onClick={run} disabled={busy} aria-label={`Export ${name} as PDF`}>
        {busy ? 'Exporting…' : 'Export PDF…'}
      </button>
      <span className="report-links-status" role="status">
        {status}
      </span>
    </>
  );
}

/**
 * Links to a printable report: `<ReportLinks kind="incident" id={incident.id} />`,
 * `<ReportLinks kind="situation" />`, `<ReportLinks kind="trends" from="2026-01-01" to="2026-03-31" filters={params} />`
 * (the trends screen's filters travel with the report and its PDF).
 *
 * In a browser the report opens in a new tab (print it there, or download the server's PDF from
 * GET /api/report.pdf); an Electron window shows it in place, and exports a PDF through the main
 * process.
 */
export function ReportLinks(props: ReportLinksProps) {
  const target = targetOf(props);
  const electron = typeof window !== 'undefined' && Boolean(window.watchfloor);
  const extra = { [REPORT_PARAM.paper]: props.paper, [REPORT_PARAM.timeZone]: props.timeZone };
  const hash = reportHash(target, extra);
  const label = LABELS[target.kind];
  const name = target.kind === 'incident' ? `${label} ${target.id}` : label;
  return (
    <span className={`report-links${props.className ? ` ${props.className}` : ''}`} role="group" aria-label={`${name}: print or PDF`}>
      <a className="report-link" href={viewHref(hash.slice(1))} {...(electron ? {} : { target: '_blank', rel: 'noopener' })}>
        {label}
      </a>
      {electron ? (
        <ExportButton name={name} request={exportRequest(target, { paper: props.paper, timeZone: props.timeZone })} />
      ) : (
        <a className="report-link is-pdf" href={reportPdfHref(target, extra)} aria-label={`${name} as PDF`} download>
          PDF
        </a>
      )}
    </span>
  );
}
