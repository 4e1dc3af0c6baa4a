import { TZDate } from '@date-fns/tz';
import { memo, useEffect, useMemo, useState } from 'react';
import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';
import type { TrendsResult } from '../../../../shared/metrics/schema';
import type { SlaTarget } from '../../../../shared/sla/policy';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { viewHref } from '../../ui/view-href';
import { ReportLinks } from '../reports/ReportLinks';
import * as data from './chart-data';
import { ChartCard, type LegendItem } from './ChartCard';
import { useChartColors, type ChartColors } from './chart-theme';
import { BreachBars, BreakdownBars, ComplianceLines, DurationLines, PriorityBars, RateLines, ShareBars, STAT_DASH } from './charts';
import { bucketLabel } from './format';
import { Heatmap } from './Heatmap';
import { TrendsControls } from './TrendsControls';
import { FILTER_PARAM } from '../../../../shared/contract/report-route';
import { defaultParams, paramsFromSearch, paramsToSearch, type TrendsParams } from './trends-params';
import { useTrends } from './trends-store';
import './TrendsView.css';

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

interface Range {
  from: string;
  to: string;
  label: string;
}

function priorityLegend(colors: ChartColors): LegendItem[] {
  return PRIORITIES.map((p) => ({ label: p, color: colors.priority[p] }));
}

function PrioritySelect({ id, value, onChange }: { id: string; value: Priority | 'all'; onChange: (v: Priority | 'all') => void }) {
  return (
    <span className="trends-inline">
      <label htmlFor={id} className="trends-label">
        Priority
      </label>
      <select id={id} className="trends-select is-small" value={value} onChange={(e) => onChange(e.target.value as Priority | 'all')}>
        <option value="all">All</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </span>
  );
}

function DurationCard({ r, metric, colors, range }: { r: TrendsResult; metric: data.DurationMetric; colors: ChartColors; range: Range }) {
  const [priority, setPriority] = useState<Priority | 'all'>('all');
  const d = data.durations(r, metric, priority);
  const title = `${data.DURATION_TITLES[metric]}${priority === 'all' ? '' : ` (${priority})`}`;
  return (
    <ChartCard
      title={title}
      summary={d.summary}
      table={d.table}
      range={range}
      colors={colors}
      controls={<PrioritySelect id={`trends-${metric}-priority`} value={priority} onChange={setPriority} />}
      legend={[
        { label: 'Median', color: colors.stat.median, shape: 'line', dash: STAT_DASH.median },
        { label: '90th percentile', color: colors.stat.p90, shape: 'line', dash: STAT_DASH.p90 },
        { label: 'Mean', color: colors.stat.mean, shape: 'line', dash: STAT_DASH.mean },
      ]}
    >
      <DurationLines rows={d.rows} colors={colors} title={title} summary={d.summary} unit={d.unit.label} />
    </ChartCard>
  );
}

function ComplianceCard({ r, colors, range }: { r: TrendsResult; colors: ChartColors; range: Range }) {
  const [target, setTarget] = useState<SlaTarget>(r.sla.targets.includes('resolve') ? 'resolve' : (r.sla.targets[0] ?? 'resolve'));
  const d = data.slaCompliance(r, target);
  const title = `SLA compliance: ${data.targetLabel(target).toLowerCase()}`;
  return (
    <ChartCard
      title={title}
      summary={d.summary}
      table={d.table}
      range={range}
      colors={colors}
      controls={
        <span className="trends-inline">
          <label htmlFor="trends-sla-target" className="trends-label">
            Target
          </label>
          <select id="trends-sla-target" className="trends-select is-small" value={target} onChange={(e) => setTarget(e.target.value as SlaTarget)}>
            {r.sla.targets.map((t) => (
              <option key={t} value={t}>
                {data.targetLabel(t)}
              </option>
            ))}
          </select>
        </span>
      }
      legend={[{ label: 'All priorities', color: colors.text, shape: 'line' }, ...PRIORITIES.map((p) => ({ label: p, color: colors.priority[p], shape: 'line' as const }))]}
    >
      <ComplianceLines rows={d.rows} colors={colors} title={title} summary={d.summary} />
    </ChartCard>
  );
}

function BreakdownCard({ r, colors, range }: { r: TrendsResult; colors: ChartColors; range: Range }) {
  const [dim, setDim] = useState<data.Dimension>('service');
  const d = data.breakdown(r, dim);
  const title = `Incidents and time to resolve by ${data.DIMENSION_LABELS[dim].toLowerCase()}`;
  return (
    <ChartCard
      title={title}
      summary={d.summary}
      table={d.table}
      range={range}
      colors={colors}
      controls={
        <span className="trends-segmented is-small" role="radiogroup" aria-label="Group by">
          {(Object.keys(data.DIMENSION_LABELS) as data.Dimension[]).map((k) => (
            <label key={k} className={dim === k ? 'is-checked' : undefined}>
              <input type="radio" name="trends-dimension" value={k} checked={dim === k} onChange={() => setDim(k)} />
              {data.DIMENSION_LABELS[k]}
            </label>
          ))}
        </span>
      }
      legend={[
        { label: 'Incidents opened (top axis)', color: colors.accent },
        { label: `MTTR median, ${{ min: 'minutes', h: 'hours', d: 'days' }[d.unit.label]} (bottom axis)`, color: colors.stat.p90 },
      ]}
    >
      {d.rows.length ? <BreakdownBars rows={d.rows} colors={colors} title={title} summary={d.summary} unit={d.unit.label} /> : <p className="trends-empty">No incidents in this range.</p>}
    </ChartCard>
  );
}

function Kpis({ r }: { r: TrendsResult }) {
  return (
    <section className="trends-kpis" aria-label="Headline figures">
      <dl>
        {data.kpis(r).map((k) => (
          <div key={k.label} className="trends-kpi">
            <dt>{k.label}</dt>
            <dd>
              <span className="trends-kpi-value">{k.value}</span>
              <span className="trends-kpi-detail">{k.detail}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * Every chart of one result. Memoised: the screen re-renders when a refresh starts ("Updating…",
 * after every incident change) or the workspace info changes, and drawing a dozen recharts charts
 * again costs about a second of main thread; only a new result or theme needs that.
 */
const Report = memo(function Report({ r, colors }: { r: TrendsResult; colors: ChartColors }) {
  const g = r.query.granularity;
  const zoneDate = (iso: string) => {
    const d = new TZDate(Date.parse(iso), r.query.timeZone);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const first = r.buckets[0];
  const last = r.buckets.at(-1);
  const toDate = last ? zoneDate(new Date(Date.parse(last.end) - 1).toISOString()) : '';
  const filters = data.describeFilters(r.query);
  const range: Range = {
    from: first ? zoneDate(first.start) : '',
    to: toDate,
    label: `${first ? zoneDate(first.start) : ''} to ${toDate} (${r.query.timeZone}), per ${g}${filters ? ` · ${filters}` : ''}`,
  };
  const opened = data.priorityCounts(r, 'opened');
  const resolved = data.priorityCounts(r, 'resolved');
  const backlog = data.backlog(r);
  const breaches = data.slaBreaches(r);
  const rates = data.rates(r);
  const after = data.afterHours(r);
  const heat = data.heatmap(r);
  const services = data.recurring(r, 'services', zoneDate);
  const titles = data.recurring(r, 'titles', zoneDate);
  const targetLabels = Object.fromEntries(r.sla.targets.map((t) => [t, data.targetLabel(t)])) as Record<SlaTarget, string>;
  const per = { day: 'day', week: 'week', month: 'month' }[g];
  return (
    <>
      <Kpis r={r} />
      <div className="trends-grid">
        <ChartCard title={`Incidents opened per ${per}`} summary={opened.summary} table={opened.table} range={range} colors={colors} legend={priorityLegend(colors)}>
          <PriorityBars rows={opened.rows} colors={colors} title={`Incidents opened per ${per}`} summary={opened.summary} />
        </ChartCard>
        <ChartCard title={`Incidents resolved per ${per}`} summary={resolved.summary} table={resolved.table} range={range} colors={colors} legend={priorityLegend(colors)}>
          <PriorityBars rows={resolved.rows} colors={colors} title={`Incidents resolved per ${per}`} summary={resolved.summary} />
        </ChartCard>
        <ChartCard title="Backlog: open incidents" summary={backlog.summary} table={backlog.table} range={range} colors={colors} legend={priorityLegend(colors)}>
          <PriorityBars rows={backlog.rows} colors={colors} title="Backlog: open incidents" summary={backlog.summary} gap="10%" />
        </ChartCard>
        <DurationCard r={r} metric="mttr" colors={colors} range={range} />
        <DurationCard r={r} metric="mtta" colors={colors} range={range} />
        <DurationCard r={r} metric="timeToMitigate" colors={colors} range={range} />
        <ComplianceCard r={r} colors={colors} range={range} />
        <ChartCard title="SLA breaches by target" summary={breaches.summary} table={breaches.table} range={range} colors={colors} legend={r.sla.targets.map((t) => ({ label: targetLabels[t], color: colors.target[t] }))}>
          <BreachBars rows={breaches.rows} colors={colors} title="SLA breaches by target" summary={breaches.summary} targets={r.sla.targets} labels={targetLabels} />
        </ChartCard>
        <ChartCard
          title="Escalation and reopen rates"
          summary={rates.summary}
          table={rates.table}
          range={range}
          colors={colors}
          legend={[
            { label: 'Escalated (of opened)', color: colors.priority.P1, shape: 'line' },
            { label: 'Reopened (of resolved)', color: colors.accent, shape: 'line', dash: '6 4' },
          ]}
        >
          <RateLines rows={rates.rows} colors={colors} title="Escalation and reopen rates" summary={rates.summary} />
        </ChartCard>
        <ChartCard title="After-hours work" summary={after.summary} table={after.table} range={range} colors={colors} legend={[{ label: 'Share of work events outside Mon–Fri 08:00–18:00', color: colors.stat.mean }]}>
          <ShareBars rows={after.rows} colors={colors} title="After-hours work" summary={after.summary} />
        </ChartCard>
        <ChartCard title={`When incidents start (${r.query.timeZone})`} summary={heat.summary} table={heat.table} range={range} colors={colors}>
          <Heatmap cells={r.heatmap.cells} max={r.heatmap.max} colors={colors} title="When incidents start" summary={heat.summary} />
        </ChartCard>
        <BreakdownCard r={r} colors={colors} range={range} />
        <ChartCard title="Problem candidates: recurring services" summary={services.summary} table={services.table} range={range} colors={colors} tableOnly wide />
        <ChartCard title="Problem candidates: recurring titles" summary={titles.summary} table={titles.table} range={range} colors={colors} tableOnly wide />
      </div>
      <p className="trends-footnote">
        Generated {new Date(r.generatedAt).toLocaleString('en-GB')} · {r.totals.excluded.exercises ? `${r.totals.excluded.exercises} exercises left out · ` : ''}
        {r.totals.excluded.cancelled ? `${r.totals.excluded.cancelled} cancelled incidents left out · ` : ''}
        {first && last ? `${bucketLabel(first.key, g, true)} – ${bucketLabel(last.key, g, true)}` : ''} · Definitions: docs/METRICS.md
      </p>
    </>
  );
});

function writeUrl(search: string): void {
  const url = new URL(location.href);
  if (url.hash.startsWith('#/trends')) url.hash = `#/trends${search ? `?${search}` : ''}`;
  else {
    const keep = new URLSearchParams(url.search);
    for (const k of ['from', 'to', 'granularity', 'tz', ...Object.values(FILTER_PARAM)]) keep.delete(k);
    const mine = new URLSearchParams(search);
    mine.forEach((v, k) => keep.set(k, v));
    url.search = keep.toString();
  }
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}

/** Trends and reports: analytics over the incident history (route `/trends`, `#/trends`). */
export function TrendsView({ params: urlParams }: { params?: URLSearchParams }) {
  const client = useApi();
  const info = useWorkspace((s) => s.info);
  const loadError = useWorkspace((s) => s.loadError);
  const colors = useChartColors();
  const { params, result, loading, error, setParams, load } = useTrends();
  const zone = useMemo(localZone, []);
  const defaults = useMemo(() => defaultParams(Date.now(), info?.settings.utcEverywhere ? 'UTC' : zone), [info?.settings.utcEverywhere, zone]);

  // Start from the URL once the workspace (and its UTC preference) is known.
  const ready = Boolean(info || loadError);
  useEffect(() => {
    if (ready && !useTrends.getState().params) useTrends.setState({ params: paramsFromSearch(urlParams ?? new URLSearchParams(), defaults) });
  }, [ready, urlParams, defaults]);

  useEffect(() => {
    if (!params) return;
    writeUrl(paramsToSearch(params, defaults));
    const timer = setTimeout(() => void load(client), 150);
    return () => clearTimeout(timer);
  }, [params, client, load, defaults]);

  // Follow live changes: recompute a little after incidents change (facts are cached server-side).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.subscribe((m) => {
      if (m.kind !== 'incidents') return;
      clearTimeout(timer);
      timer = setTimeout(() => void useTrends.getState().load(client), 3000);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [client]);

  useEffect(() => {
    document.title = 'Trends and reports · Watchfloor';
  }, []);

  return (
    <div className="trends-shell">
      <header className="trends-header">
        <div className="trends-brand">
          <span className="trends-brand-mark" aria-hidden="true">
            ◉
          </span>
          <h1>
            Watchfloor <span>Trends and reports</span>
          </h1>
        </div>
        <nav className="trends-nav" aria-label="Views">
          <a href={viewHref('/')}>Console</a>
          <a href={viewHref('/wall')}>Wall board</a>
        </nav>
        {params && <ReportLinks kind="trends" from={params.fromDate} to={params.toDate} granularity={params.granularity} filters={params} timeZone={params.timeZone} />}
        <span className="trends-status" role="status" aria-live="polite">
          {loading ? 'Updating…' : result ? `${result.totals.opened.toLocaleString('en-GB')} incidents in range` : ''}
        </span>
      </header>
      {params && <TrendsControls params={params} options={result?.options} onChange={setParams} onReset={() => useTrends.setState({ params: defaults })} localZone={zone} />}
      <main className="trends-main" aria-busy={loading} aria-label="Trends">
        {error && (
          <p className="trends-alert" role="alert">
            {error}
          </p>
        )}
        {!result && !error && <p className="trends-empty">{ready ? 'Computing the trends…' : 'Loading the workspace…'}</p>}
        {result && <Report r={result} colors={colors} />}
      </main>
    </div>
  );
}
