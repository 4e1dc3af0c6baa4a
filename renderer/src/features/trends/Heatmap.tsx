import type { ChartColors } from './chart-theme';
import { HOURS, WEEKDAYS } from './chart-data';

/**
 * Hour-of-week heatmap as an SVG grid (so it exports like the other charts): darker = fewer,
 * brighter = more incident starts; every cell also shows its count.
 */
export function Heatmap({ cells, max, colors, title, summary }: { cells: number[][]; max: number; colors: ChartColors; title: string; summary: string }) {
  const left = 44;
  const top = 22;
  const cw = 30;
  const ch = 26;
  const width = left + 24 * cw + 2;
  const height = top + 7 * ch + 2;
  return (
    <svg className="trends-svg trends-heatmap" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${title}. ${summary}`} preserveAspectRatio="xMinYMin meet">
      <title>{title}</title>
      <desc>{summary}</desc>
      <rect x="0" y="0" width={width} height={height} fill={colors.background} />
      {HOURS.map((h, i) =>
        i % 2 === 0 ? (
          <text key={h} x={left + i * cw + cw / 2} y={14} fill={colors.muted} fontSize="11" textAnchor="middle">
            {h}
          </text>
        ) : null,
      )}
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
                <rect x={x + 1} y={y + 1} width={cw - 2} height={ch - 2} rx="3" fill={n ? colors.accent : colors.raised} fillOpacity={n ? 0.15 + 0.85 * share : 1} stroke={colors.grid} strokeWidth="0.5" />
                {n > 0 && (
                  <text x={x + cw / 2} y={y + ch / 2 + 4} fontSize="11" textAnchor="middle" fill={share > 0.55 ? colors.background : colors.text} fontWeight={share > 0.55 ? 700 : 400}>
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
