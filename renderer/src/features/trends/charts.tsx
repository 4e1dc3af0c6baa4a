/**
 * The trend charts (recharts, SVG). Colours are concrete values from the theme (see
 * chart-theme.ts) so an exported SVG keeps them; animations are off (steady exports and
 * screenshots, calmer for a control room).
 */
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PRIORITIES } from '../../../../shared/domain/priority';
import type { SlaTarget } from '../../../../shared/sla/policy';
import type { ChartRow } from './chart-data';
import type { ChartColors } from './chart-theme';

const HEIGHT = 260;

/**
 * For the grid lines a chart does not draw: recharts computes their positions anyway, from the
 * axis's ticks, measuring every tick label in the DOM (a forced layout per new label) on every
 * render. No lines, no positions.
 */
const NO_LINES = (): number[] => [];

interface Common {
  rows: ChartRow[];
  colors: ChartColors;
  /** For the SVG's <title> and <desc>. */
  title: string;
  summary: string;
}

function axes(colors: ChartColors, opts: { unit?: string; domain?: [number, number]; decimals?: boolean; ticks?: number } = {}) {
  const tick = { fill: colors.muted, fontSize: 12 };
  return [
    <CartesianGrid key="grid" stroke={colors.grid} strokeDasharray="3 3" vertical={false} verticalCoordinatesGenerator={NO_LINES} />,
    <XAxis key="x" dataKey="tick" tick={tick} stroke={colors.axis} tickLine={false} minTickGap={14} />,
    <YAxis
      key="y"
      tick={tick}
      stroke={colors.axis}
      tickLine={false}
      // "1.5 min", "100 %": a unit needs room, or the label wraps onto two lines
      width={opts.unit ? 62 : 48}
      allowDecimals={opts.decimals ?? false}
      domain={opts.domain}
      unit={opts.unit}
      tickCount={opts.ticks}
      niceTicks="snap125"
    />,
  ];
}

function tooltip(colors: ChartColors, unit = '') {
  return (
    <Tooltip
      cursor={{ fill: colors.grid, fillOpacity: 0.35, stroke: colors.axis }}
      contentStyle={{ background: colors.raised, border: `1px solid ${colors.axis}`, borderRadius: 6, color: colors.text, fontSize: 13 }}
      labelStyle={{ color: colors.text, fontWeight: 700, marginBottom: 4 }}
      itemStyle={{ padding: 0 }}
      labelFormatter={(_, payload) => String((payload?.[0]?.payload as ChartRow | undefined)?.period ?? '')}
      formatter={(value) => (value === null || value === undefined ? '—' : `${String(value)}${unit}`)}
    />
  );
}

/**
 * Counts per period stacked by priority (P1 at the bottom). The backlog (open incidents at each
 * period's end) uses it too, with narrower gaps: bars, not a step area, so the last period (the
 * open count now) gets a full bar instead of a hairline at the right edge, in the legend's colours.
 */
export function PriorityBars({ rows, colors, title, summary, gap = '18%' }: Common & { gap?: string }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={title} desc={summary} barCategoryGap={gap}>
        {axes(colors)}
        {tooltip(colors)}
        {PRIORITIES.map((p) => (
          <Bar key={p} dataKey={p} name={p} stackId="p" fill={colors.priority[p]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export const STAT_DASH = { median: undefined, p90: '6 4', mean: '2 3' } as const;

/** Median, 90th percentile and mean duration per period, in `unit`. */
export function DurationLines({ rows, colors, title, summary, unit }: Common & { unit: string }) {
  const line = (key: 'median' | 'p90' | 'mean', name: string, width: number) => (
    <Line
      key={key}
      type="linear"
      dataKey={key}
      name={name}
      stroke={colors.stat[key]}
      strokeWidth={width}
      strokeDasharray={STAT_DASH[key]}
      dot={rows.length <= 40 ? { r: 2.5, fill: colors.stat[key], strokeWidth: 0 } : false}
      connectNulls={false}
      isAnimationActive={false}
    />
  );
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={title} desc={summary}>
        {axes(colors, { unit: ` ${unit}`, decimals: true })}
        {tooltip(colors, ` ${unit}`)}
        {line('p90', '90th percentile', 1.75)}
        {line('mean', 'Mean', 1.75)}
        {line('median', 'Median', 2.75)}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Compliance (%) per period: all priorities (thick) and each priority. */
export function ComplianceLines({ rows, colors, title, summary }: Common) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={title} desc={summary}>
        {axes(colors, { unit: ' %', domain: [0, 100], ticks: 6 })}
        {tooltip(colors, ' %')}
        {/* A period without resolutions of a priority has no compliance: the line breaks there (a
            line across the gap would invent values), and dots keep lone periods visible. */}
        {PRIORITIES.map((p) => (
          <Line key={p} type="linear" dataKey={p} name={p} stroke={colors.priority[p]} strokeWidth={1.5} strokeOpacity={0.9} dot={{ r: 2, fill: colors.priority[p], strokeWidth: 0 }} connectNulls={false} isAnimationActive={false} />
        ))}
        <Line type="linear" dataKey="all" name="All priorities" stroke={colors.text} strokeWidth={3} dot={rows.length <= 40 ? { r: 2.5, fill: colors.text, strokeWidth: 0 } : false} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Breaches per period, stacked by SLA target. */
export function BreachBars({ rows, colors, title, summary, targets, labels }: Common & { targets: readonly SlaTarget[]; labels: Record<SlaTarget, string> }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={title} desc={summary} barCategoryGap="18%">
        {axes(colors)}
        {tooltip(colors)}
        {targets.map((t) => (
          <Bar key={t} dataKey={t} name={labels[t]} stackId="t" fill={colors.target[t]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Escalation and reopen rates (%). */
export function RateLines({ rows, colors, title, summary }: Common) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={title} desc={summary}>
        {axes(colors, { unit: ' %', decimals: true })}
        {tooltip(colors, ' %')}
        <Line type="linear" dataKey="escalation" name="Escalation rate" stroke={colors.priority.P1} strokeWidth={2.5} dot={false} connectNulls isAnimationActive={false} />
        <Line type="linear" dataKey="reopen" name="Reopen rate" stroke={colors.accent} strokeWidth={2.5} strokeDasharray="6 4" dot={false} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Share of after-hours work (%). */
export function ShareBars({ rows, colors, title, summary }: Common) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title={title} desc={summary} barCategoryGap="18%">
        {axes(colors, { unit: ' %', domain: [0, 100], ticks: 6 })}
        {tooltip(colors, ' %')}
        <Bar dataKey="share" name="After hours" fill={colors.stat.mean} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars: incidents opened and median time to resolve (in `unit`), per service/category/team/location. */
export function BreakdownBars({ rows, colors, title, summary, unit }: Common & { unit: string }) {
  const height = Math.max(160, 34 + rows.length * 30);
  const tick = { fill: colors.muted, fontSize: 12 };
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} title={title} desc={summary} barCategoryGap="22%" barGap={2}>
        <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" horizontal={false} horizontalCoordinatesGenerator={NO_LINES} />
        <YAxis type="category" dataKey="name" tick={{ ...tick, fill: colors.text }} stroke={colors.axis} tickLine={false} width={190} interval={0} />
        <XAxis xAxisId="count" type="number" orientation="top" tick={tick} stroke={colors.axis} tickLine={false} allowDecimals={false} niceTicks="snap125" />
        <XAxis xAxisId="mttr" type="number" orientation="bottom" tick={tick} stroke={colors.axis} tickLine={false} unit={` ${unit}`} niceTicks="snap125" />
        <Tooltip
          cursor={{ fill: colors.grid, fillOpacity: 0.35 }}
          contentStyle={{ background: colors.raised, border: `1px solid ${colors.axis}`, borderRadius: 6, color: colors.text, fontSize: 13 }}
          labelStyle={{ color: colors.text, fontWeight: 700 }}
          formatter={(value, name) => (value === null || value === undefined ? '—' : name === 'MTTR median' ? `${String(value)} ${unit}` : String(value))}
        />
        <Bar xAxisId="count" dataKey="opened" name="Opened" fill={colors.accent} isAnimationActive={false} />
        <Bar xAxisId="mttr" dataKey="mttr" name="MTTR median" fill={colors.stat.p90} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
