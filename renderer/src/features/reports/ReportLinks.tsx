import { REPORT_PARAM, reportHash, reportPdfHref, type ReportTarget } from './report-params';
import './report-links.css';

export interface ReportLinksOptions {
  /** Paper for the report and its PDF (default A4). */
  paper?: string;
  /** Main-process export (Electron: electron/main/print.ts) once it is wired to the renderer; shows "Export PDF…". */
  onExportPdf?: (target: ReportTarget) => void;
  className?: string;
}

export type ReportLinksProps = ReportTarget & ReportLinksOptions;

const LABELS: Record<ReportTarget['kind'], string> = { incident: 'Incident report', situation: 'Situation report', trends: 'Period report' };

function targetOf(props: ReportLinksProps): ReportTarget {
  if (props.kind === 'incident') return { kind: 'incident', id: props.id };
  if (props.kind === 'trends') return { kind: 'trends', from: props.from, to: props.to, ...(props.granularity ? { granularity: props.granularity } : {}) };
  return { kind: 'situation' };
}

/**
 * Links to a printable report: `<ReportLinks kind="incident" id={incident.id} />`,
 * `<ReportLinks kind="situation" />`, `<ReportLinks kind="trends" from="2026-01-01" to="2026-03-31" />`.
 *
 * In a browser the report opens in a new tab (print it there, or download the server's PDF); an
 * Electron window shows it in place (it has a "Print / Save as PDF" button and a way back).
 */
export function ReportLinks(props: ReportLinksProps) {
  const target = targetOf(props);
  const electron = typeof window !== 'undefined' && Boolean(window.watchfloor);
  const extra = props.paper ? { [REPORT_PARAM.paper]: props.paper } : {};
  const hash = reportHash(target, extra);
  const label = LABELS[target.kind];
  const name = target.kind === 'incident' ? `${label} ${target.id}` : label;
  return (
    <span className={`report-links${props.className ? ` ${props.className}` : ''}`} role="group" aria-label={`${name}: print or PDF`}>
      {electron ? (
        <a className="report-link" href={hash}>
          {label}
        </a>
      ) : (
        <a className="report-link" href={`/${typeof location === 'undefined' ? '' : location.search}${hash}`} target="_blank" rel="noopener">
          {label}
        </a>
      )}
      {!electron && (
        <a className="report-link is-pdf" href={reportPdfHref(target, extra)} aria-label={`${name} as PDF`} download>
          PDF
        </a>
      )}
      {props.onExportPdf && (
        <button type="button" className="report-link is-pdf" onClick={() => props.onExportPdf?.(target)} aria-label={`Export ${name} as PDF`}>
          Export PDF…
        </button>
      )}
    </span>
  );
}
