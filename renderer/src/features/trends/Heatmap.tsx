import type { ChartColors } from './chart-theme';
import { HOURS, WEEKDAYS } from './chart-data';

/** Viridis stops: perceptually even, colour-blind safe, readable on a dark background. */
const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

/** Colour for a share 0…1 of the busiest cell. */
export function heatColor(share: number): string {
  const x = Math.min(1, Math.max(0, share)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const t = x - i;
  const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  const a = rgb(VIRIDIS[i]!);
  const b = rgb(VIRIDIS[i + 1]!);
  return `rgb(${a.map((v, k) => Math.round(v + (b[k]! - v) * t)).join(',')})`;
}

/**
 * Hour-of-week heatmap as an SVG grid (so it exports like the other charts): viridis from dark
 * (few) to yellow (the busiest hour); every cell also shows its count.
 */
export function Heatmap({ cells, max, colors, title, summary }: { cells: number[][]; max: number; colors: ChartColors; title: string; summary: string }) {
  const left = 44;
  const top = 22;
  const cw = 30;
  const ch = 26;
  const width = left + 24 * cw + 2;
  const height = top + 7 * ch + 2;
  return (
    <svg className="trends-svg trends-heatmap" viewBox={`0 0 ${width} ${height + 24}`} width="100%" role="img" aria-label={`${title}. ${summary}`} preserveAspectRatio="xMinYMin meet">
      <title>{title}</title>
      <desc>{summary}</desc>
      <rect x="0" y="0" width={width} height={height + 24} fill={colors.raised} />
      {HOURS.map((h, i) =>
        i % 2 === 0 ? (
          <text key={h} x={left + i * cw + cw / 2} y={14} fill={colors.muted} fontSize="11" textAnchor="middle">
            {h}
          </text>
        ) : null,
      )}
      <text x={left} y={height + 16} fill={colors.muted} fontSize="11">
        fewer
      </text>
      {VIRIDIS.map((c, i) => (
        <rect key={c} x={left + 40 + i * 22} y={height + 6} width="20" height="12" rx="2" fill={c} />
      ))}
      <text x={left + 40 + VIRIDIS.length * 22 + 4} y={height + 16} fill={colors.muted} fontSize="11">
        more (busiest: {max})
      </text>
      {cells.map((row, d) => (
        <g key={d}>
          <text x={left - 8} y={top + d * ch + ch / 2 + 4} fill={colors.muted} fontSize="12" textAnchor="end">
            {WEEKDAYS[d]!.slice(0, 3)}
          </text>
          {row.map((n, h) => {
            const share = max ? n / max : 0;
            const x = left + h * cw;
            const y = top + d * ch;
            return (
              <g key={h}>
                <rect x={x + 1} y={y + 1} width={cw - 2} height={ch - 2} rx="3" fill={n ? heatColor(share) : colors.raised} stroke={colors.grid} strokeWidth="0.5" />
                {n > 0 && (
                  <text x={x + cw / 2} y={y + ch / 2 + 4} fontSize="11" textAnchor="middle" fill={share > 0.6 ? '#0d1117' : '#ffffff'} fontWeight={share > 0.6 ? 700 : 400}>
                    {n}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
