/**
 * Print charts of the trend report: recharts SVG (vector in the PDF), fixed size, no animation
 * (a printout must not catch a chart half-drawn), black text, colour-blind-safe series with
 * distinct dash patterns so they read in black and white too.
 *
 * STOPGAP: the trends screen (renderer/src/features/trends/, being built) will export the
 * product's chart components; once it does, the report should render those (with a print
 * option: fixed size, animation off) and this file should go. See the hand-over notes.
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import { PRIORITIES } from '../../../../shared/domain/priority';
import type { TrendsResult } from '../../../../shared/metrics/schema';
import { SLA_TARGET_LABELS } from '../../../../shared/sla/policy';

/** Okabe–Ito, as the app's priority palette, darkened where needed for white paper. */
export const PRINT_PRIORITY_COLOURS = { P1: '#d55e00', P2: '#e69f00', P3: '#c9b800', P4: '#0072b2', P5: '#999999' } as const;
const SERIES = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '1 3'];

const W = 1000;
const H = 260;
const axis = { fontSize: 12, fill: '#111' };

export interface ChartProps {
  result: TrendsResult;
  label: (bucketStart: string) => string;
}

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);

export function OpenedResolvedChart({ result, label }: ChartProps) {
  const data = result.buckets.map((b, i) => ({
    name: label(b.start),
    ...Object.fromEntries(PRIORITIES.map((p) => [p, result.opened[i]?.[p] ?? 0])),
    resolved: result.resolved[i]?.total ?? 0,
    backlog: result.backlog[i]?.total ?? null,
  }));
  return (
    <figure className="report-chart">
      <figcaption>Incidents opened (bars, by priority), resolved and open at the end of each period</figcaption>
      <ComposedChart width={W} height={H} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} role="img" aria-label="Opened, resolved and backlog per period">
        <CartesianGrid stroke="#ddd" vertical={false} />
        <XAxis dataKey="name" tick={axis} stroke="#333" interval="preserveStartEnd" />
        <YAxis tick={axis} stroke="#333" allowDecimals={false} />
        <Legend wrapperStyle={{ fontSize: 12, color: '#111' }} />
        {PRIORITIES.map((p) => (
          <Bar key={p} dataKey={p} name={`Opened ${p}`} stackId="opened" fill={PRINT_PRIORITY_COLOURS[p]} isAnimationActive={false} />
        ))}
        <Line dataKey="resolved" name="Resolved" stroke="#111" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line dataKey="backlog" name="Open at end" stroke="#009e73" strokeWidth={2} strokeDasharray="6 3" dot={false} connectNulls isAnimationActive={false} />
      </ComposedChart>
    </figure>
  );
}

export function ResponseTimesChart({ result, label }: ChartProps) {
  const data = result.buckets.map((b, i) => ({
    name: label(b.start),
    mtta: hours(result.mtta[i]?.all.median ?? null),
    mttm: hours(result.timeToMitigate[i]?.all.median ?? null),
    mttr: hours(result.mttr[i]?.all.median ?? null),
  }));
  const series = [
    { key: 'mtta', name: 'Time to acknowledge (median)' },
    { key: 'mttm', name: 'Time to mitigate (median)' },
    { key: 'mttr', name: 'Time to resolve (median)' },
  ];
  return (
    <figure className="report-chart">
      <figcaption>Response times per period, hours (median of incidents in the period)</figcaption>
      <LineChart width={W} height={H} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} role="img" aria-label="Median response times per period">
        <CartesianGrid stroke="#ddd" vertical={false} />
        <XAxis dataKey="name" tick={axis} stroke="#333" interval="preserveStartEnd" />
        <YAxis tick={axis} stroke="#333" unit=" h" />
        <Legend wrapperStyle={{ fontSize: 12, color: '#111' }} />
        {series.map((s, k) => (
          <Line key={s.key} dataKey={s.key} name={s.name} stroke={SERIES[k]} strokeDasharray={DASHES[k]} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </figure>
  );
}

export function SlaComplianceChart({ result, label }: ChartProps) {
  const targets = result.sla.targets;
  const data = result.buckets.map((b, i) => ({
    name: label(b.start),
    ...Object.fromEntries(targets.map((t) => [t, (() => {
      const c = result.sla.compliance[t][i]?.all.compliance;
      return c === null || c === undefined ? null : Math.round(c * 1000) / 10;
    })()])),
  }));
  return (
    <figure className="report-chart">
      <figcaption>SLA compliance per period, % of clocks met, by target</figcaption>
      <LineChart width={W} height={H} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} role="img" aria-label="SLA compliance per period">
        <CartesianGrid stroke="#ddd" vertical={false} />
        <XAxis dataKey="name" tick={axis} stroke="#333" interval="preserveStartEnd" />
        <YAxis tick={axis} stroke="#333" domain={[0, 100]} unit=" %" />
        <Legend wrapperStyle={{ fontSize: 12, color: '#111' }} />
        {targets.map((t, k) => (
          <Line
            key={t}
            dataKey={t}
            name={SLA_TARGET_LABELS[t]}
            stroke={SERIES[k % SERIES.length]}
            strokeDasharray={DASHES[k % DASHES.length]}
            strokeWidth={2}
            dot={{ r: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </figure>
  );
}
