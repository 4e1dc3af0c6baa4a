import { useMemo } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import type { View } from '../../app/route';
import { useApi } from '../../api/api-context';
import { IncidentReport } from './IncidentReport';
import { ReportFrame, type ReportContext } from './ReportFrame';
import { parseReportOptions, REPORT_KINDS, trendsTarget, type ReportKind, type ReportTarget } from './report-params';
import { reportTime } from './report-time';
import { SituationReport } from './SituationReport';
import { TrendReport } from './TrendReport';
import { useLoad } from './use-load';

/**
 * The report routes (`#/report/incident/<id>`, `#/report/situation`, `#/report/trends?from=…&to=…`):
 * printable documents without the app's chrome, for the browser's print and the PDF producers.
 */
export function ReportView({ view }: { view: Pick<View, 'rest' | 'params'> }) {
  const client = useApi();
  const [first = '', second = ''] = view.rest;
  const kind = REPORT_KINDS.find((k) => k === first);
  const info = useLoad(() => client.call('workspace.info', {}), 'info');
  const query = view.params.toString();
  // The report's data is fetched alongside workspace.info, not after it (one round trip less).
  const preload = useMemo(() => {
    const out: { incident?: Promise<IncidentState>; active?: Promise<{ incidents: IncidentState[] }> } = {};
    if (kind === 'incident' && second) out.incident = client.call('incidents.get', { id: second });
    if (kind === 'situation') out.active = client.call('incidents.list', { scope: 'active' });
    // Failures are shown by the report that consumes the promise; never an unhandled rejection meanwhile.
    for (const p of Object.values(out)) (p as Promise<unknown>).catch(() => undefined);
    return out;
  }, [client, kind, second]);

  const ctx = useMemo((): ReportContext | undefined => {
    const ready = info.state === 'ready' ? info.value : undefined;
    if (info.state === 'loading') return undefined;
    const k: ReportKind = kind ?? 'situation';
    const options = parseReportOptions(k, view.params, ready?.settings.utcEverywhere ?? false);
    const target: ReportTarget = k === 'incident' ? { kind: 'incident', id: second } : k === 'trends' ? trendsTarget(view.params) : { kind: 'situation' };
    return {
      kind: k,
      target,
      info: ready,
      options,
      time: reportTime(options.timeZone),
      generatedAt: ready?.now ?? Date.now(),
      params: view.params,
    };
    // `query` is the params' identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [info, kind, second, query]);

  if (!ctx) return <div className="report-root report-loading">Loading…</div>;
  if (info.state === 'error') return <ReportFrame ctx={ctx} heading="Report" title="Report" status={{ state: 'error', message: info.message }} />;
  if (!kind) return <ReportFrame ctx={ctx} heading="Report" title="Report" status={{ state: 'error', message: `There is no "${first}" report: choose incident, situation or trends` }} />;
  if (kind === 'incident') {
    if (!second) return <ReportFrame ctx={ctx} heading="Incident report" title="Incident report" status={{ state: 'error', message: 'No incident id in the address' }} />;
    return <IncidentReport key={second} ctx={ctx} id={second} preload={preload.incident} />;
  }
  if (kind === 'situation') return <SituationReport ctx={ctx} preload={preload.active} />;
  return <TrendReport ctx={ctx} />;
}
