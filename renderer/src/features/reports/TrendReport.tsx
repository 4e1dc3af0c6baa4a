import { useMemo } from 'react';
import { PRIORITIES } from '../../../../shared/domain/priority';
import type { BreakdownRow, RecurringRow, TrendsResult } from '../../../../shared/metrics/schema';
import { SLA_TARGET_LABELS } from '../../../../shared/sla/policy';
import { useApi } from '../../api/api-context';
import { describeFilters } from '../trends/chart-data';
import { IdList } from '../trends/IdList';
import { filtersFromSearch, toQueryFilters } from '../trends/trends-params';
import { ReportFrame, type ReportContext } from './ReportFrame';
import { formatSpan, type ReportTime } from './report-time';
import { OpenedResolvedChart, ResponseTimesChart, SlaComplianceChart } from './trend-charts';
import { parseTrendRange, type TrendRange } from './trend-range';
import { useLoad } from './use-load';

const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10} %`);
const span = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : formatSpan(ms));
const BREAKDOWN_ROWS = 15;

export function TrendReport({ ctx }: { ctx: ReportContext }) {
  const client = useApi();
  const range = useMemo(() => parseTrendRange(ctx.params, ctx.options.timeZone, ctx.generatedAt), [ctx.params, ctx.options.timeZone, ctx.generatedAt]);
  // The trends screen's filters, read as that screen reads them (unknown priorities are dropped).
  const filters = useMemo(() => toQueryFilters(filtersFromSearch(ctx.params)), [ctx.params]);
  const ok = 'from' in range ? range : undefined;
  const key = ok ? `${ok.from}-${ok.to}-${ok.granularity}-${ctx.options.timeZone}-${JSON.stringify(filters)}` : 'invalid';
  const loaded = useLoad(async () => {
    if (!ok) throw new Error('error' in range ? range.error : 'invalid period');
    return client.call('trends.query', {
      from: new Date(ok.from).toISOString(),
      to: new Date(ok.to).toISOString(),
      granularity: ok.granularity,
      timeZone: ctx.options.timeZone,
      ...filters,
    });
  }, key);
  const t = ctx.time;
  const period = ok ? `${t.date(ok.from)} – ${t.date(ok.inclusiveDate ? ok.to - 1 : ok.to)}` : '';
  // The running header repeats the filters on every page of the PDF.
  const described = describeFilters(filters);
  const title = `Trend report · ${period}${described ? ` · ${described}` : ''}`;
  return (
    <ReportFrame ctx={ctx} heading="Trend report" title={title} status={loaded.state === 'error' ? loaded : loaded.state === 'ready' ? { state: 'ready' } : { state: 'loading' }}>
      {loaded.state === 'ready' && ok && <TrendBody result={loaded.value} range={ok} period={period} time={t} />}
    </ReportFrame>
  );
}

/** Which incidents the figures count, from the query the server answered. */
function filterLine(result: TrendsResult): string {
  const described = describeFilters(result.query);
  return described ? `Filtered: ${described}` : 'All incidents';
}

function bucketLabel(result: TrendsResult, t: ReportTime): (start: string) => string {
  return result.query.granularity === 'month' ? (s) => t.date(s).slice(0, 7) : (s) => t.date(s).slice(5);
}

function TrendBody({ result, range, period, time: t }: { result: TrendsResult; range: TrendRange; period: string; time: ReportTime }) {
  const x = result.totals;
  const label = bucketLabel(result, t);
  const excluded = x.excluded.exercises + x.excluded.cancelled + x.excluded.filtered;
  return (
    <>
      <header className="report-masthead">
        <h1>
          Incident trends, {period} <span className="report-zone">by {result.query.granularity}</span>
        </h1>
        <p className="report-filters">{filterLine(result)}</p>
        <p className="report-lede">
          {x.opened} incident{x.opened === 1 ? '' : 's'} opened and {x.resolved} resolved in the period; {x.openAtEnd} open at its end. Median time to resolve {span(x.mttr.median)}; SLA
          compliance {pct(x.sla.compliance)}.
        </p>
        <p className="report-note">
          Period {t.dateTime(range.from)} to {t.dateTime(range.to)} (end exclusive), buckets in {result.query.timeZone}. {excluded > 0 ? `Left out: ${x.excluded.exercises} exercises, ${x.excluded.cancelled} cancelled${x.excluded.filtered ? `, ${x.excluded.filtered} filtered` : ''}.` : ''}
        </p>
      </header>

      <section className="report-section report-keep" aria-labelledby="t-headline">
        <h2 id="t-headline">Headline figures</h2>
        <div className="report-columns">
          <table className="report-table report-figures">
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Incidents</th>
                <th scope="col">Median</th>
                <th scope="col">90th percentile</th>
                <th scope="col">Mean</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Time to acknowledge', x.mtta],
                  ['Time to mitigate', x.timeToMitigate],
                  ['Time to resolve', x.mttr],
                ] as const
              ).map(([name, s]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{s.n}</td>
                  <td>{span(s.median)}</td>
                  <td>{span(s.p90)}</td>
                  <td>{span(s.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="report-table report-figures">
            <thead>
              <tr>
                <th scope="col">Rate</th>
                <th scope="col">Count</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">SLA clocks met</th>
                <td>
                  {x.sla.met} of {x.sla.met + x.sla.breached}
                </td>
                <td>{pct(x.sla.compliance)}</td>
              </tr>
              {(
                [
                  ['Escalated', x.escalation],
                  ['Reopened', x.reopen],
                  ['Work out of office hours (timeline events)', x.afterHours],
                ] as const
              ).map(([name, r]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    {r.numerator} of {r.denominator}
                  </td>
                  <td>{pct(r.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="report-section" aria-labelledby="t-volume">
        <h2 id="t-volume">Volume</h2>
        <OpenedResolvedChart result={result} label={label} />
        <table className="report-table report-numeric">
          <thead>
            <tr>
              <th scope="col">Period</th>
              {PRIORITIES.map((p) => (
                <th key={p} scope="col">
                  Opened {p}
                </th>
              ))}
              <th scope="col">Opened</th>
              <th scope="col">Resolved</th>
              <th scope="col">Open at end</th>
            </tr>
          </thead>
          <tbody>
            {result.buckets.map((b, i) => (
              <tr key={b.key}>
                <th scope="row">
                  {label(b.start)}
                  {b.partial ? ' (part)' : ''}
                </th>
                {PRIORITIES.map((p) => (
                  <td key={p}>{result.opened[i]?.[p] ?? 0}</td>
                ))}
                <td>{result.opened[i]?.total ?? 0}</td>
                <td>{result.resolved[i]?.total ?? 0}</td>
                <td>{result.backlog[i]?.total ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="t-times">
        <h2 id="t-times">Response times</h2>
        <ResponseTimesChart result={result} label={label} />
        <table className="report-table report-numeric">
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Acknowledge (median)</th>
              <th scope="col">Mitigate (median)</th>
              <th scope="col">Resolve (median)</th>
              <th scope="col">Resolve (90th pct.)</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {result.buckets.map((b, i) => (
              <tr key={b.key}>
                <th scope="row">{label(b.start)}</th>
                <td>{span(result.mtta[i]?.all.median)}</td>
                <td>{span(result.timeToMitigate[i]?.all.median)}</td>
                <td>{span(result.mttr[i]?.all.median)}</td>
                <td>{span(result.mttr[i]?.all.p90)}</td>
                <td>{result.mttr[i]?.all.n ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="t-sla">
        <h2 id="t-sla">SLA compliance</h2>
        <SlaComplianceChart result={result} label={label} />
        <table className="report-table report-numeric">
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Met</th>
              <th scope="col">Breached</th>
              <th scope="col">Compliance</th>
              {PRIORITIES.map((p) => (
                <th key={p} scope="col">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.sla.targets.map((target) => {
              const c = result.sla.totals[target];
              return (
                <tr key={target}>
                  <th scope="row">{SLA_TARGET_LABELS[target]}</th>
                  <td>{c.all.met}</td>
                  <td>{c.all.breached}</td>
                  <td>{pct(c.all.compliance)}</td>
                  {PRIORITIES.map((p) => (
                    <td key={p}>{c.byPriority[p].met + c.byPriority[p].breached ? pct(c.byPriority[p].compliance) : '—'}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="t-breakdown">
        <h2 id="t-breakdown">Where incidents happened</h2>
        <div className="report-columns">
          <Breakdown caption="By service" rows={result.breakdowns.service} />
          <Breakdown caption="By category" rows={result.breakdowns.category} />
        </div>
        <div className="report-columns">
          <Breakdown caption="By team" rows={result.breakdowns.team} />
          <Breakdown caption="By location" rows={result.breakdowns.location} />
        </div>
      </section>

      <section className="report-section" aria-labelledby="t-recurring">
        <h2 id="t-recurring">Recurring problems</h2>
        <p className="report-note">
          The same service or title at least {result.query.recurrence.minCount} times within {result.query.recurrence.windowDays} days.
        </p>
        <Recurring rows={[...result.recurring.services, ...result.recurring.titles].filter((r) => r.candidate)} time={t} />
      </section>
    </>
  );
}

function Breakdown({ caption, rows }: { caption: string; rows: readonly BreakdownRow[] }) {
  return (
    <table className="report-table report-numeric">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Opened</th>
          <th scope="col">Resolved</th>
          <th scope="col">Resolve (median)</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={4}>None recorded.</td>
          </tr>
        )}
        {rows.slice(0, BREAKDOWN_ROWS).map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.key || '(none)'}</th>
            <td>{r.opened}</td>
            <td>{r.resolved}</td>
            <td>{span(r.mttr.median)}</td>
          </tr>
        ))}
        {rows.length > BREAKDOWN_ROWS && (
          <tr>
            <td colSpan={4}>and {rows.length - BREAKDOWN_ROWS} more</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Recurring({ rows, time: t }: { rows: readonly RecurringRow[]; time: ReportTime }) {
  if (rows.length === 0) return <p className="report-note">No problem candidates in this period.</p>;
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th scope="col">Service or title</th>
          <th scope="col">In period</th>
          <th scope="col">Peak</th>
          <th scope="col">Peak window</th>
          <th scope="col">Incidents</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.label}</td>
            <td>{r.count}</td>
            <td>{r.peak}</td>
            <td>
              <span className="report-nowrap">{t.date(r.peakFrom)}</span> – <span className="report-nowrap">{t.date(r.peakTo)}</span>
            </td>
            <td className="report-ids">
              <IdList ids={r.incidentIds} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
