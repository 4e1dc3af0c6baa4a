import { useId, useRef, useState, type ReactNode } from 'react';
import type { ChartTable } from './chart-data';
import { IdList } from './IdList';
import type { ChartColors } from './chart-theme';
import { exportFileName } from './csv';
import { chartPng, downloadBlob, downloadCsv } from './export';

export interface LegendItem {
  label: string;
  color: string;
  /** Line charts: how the series is drawn. */
  dash?: string;
  shape?: 'box' | 'line';
}

export function Legend({ items }: { items: readonly LegendItem[] }) {
  if (!items.length) return null;
  return (
    <ul className="trends-legend" aria-label="Legend">
      {items.map((i) => (
        <li key={i.label}>
          <svg width="18" height="12" aria-hidden="true" className="trends-swatch">
            {i.shape === 'line' ? (
              <line x1="1" y1="6" x2="17" y2="6" stroke={i.color} strokeWidth="3" strokeDasharray={i.dash} />
            ) : (
              <rect x="3" y="1" width="12" height="10" rx="2" fill={i.color} />
            )}
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

export function DataTable({ table, caption }: { table: ChartTable; caption: string }) {
  const numeric = table.columns.map((_, j) => j > 0 && table.rows.some((r) => typeof r[j] === 'number'));
  const cellClass = (j: number) => (j === table.listColumn ? 'is-list' : numeric[j] ? 'is-number' : undefined);
  return (
    <div className="trends-table-wrap" tabIndex={0} role="region" aria-label={`${caption}: table`}>
      <table className="trends-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, j) => (
              <th key={c} scope="col" className={cellClass(j)}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell ?? '—'}
                  </th>
                ) : (
                  <td key={j} className={cellClass(j)}>
                    {cell === null || cell === undefined ? '—' : j === table.listColumn ? <IdList ids={String(cell).split(', ')} /> : String(cell)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ChartCardProps {
  title: string;
  summary: string;
  table: ChartTable;
  legend?: readonly LegendItem[];
  /** Controls of this chart (e.g. a priority or target picker). */
  controls?: ReactNode;
  /** For file names and the picture's subtitle. */
  range: { from: string; to: string; label: string };
  colors: ChartColors;
  wide?: boolean;
  /** A card that is a table only (no chart). */
  tableOnly?: boolean;
  children?: ReactNode;
}

/**
 * One chart as a figure: caption (title and a one-sentence summary), a chart/table toggle, CSV
 * and PNG downloads. The chart is vector SVG; the PNG is drawn from it on demand.
 */
export function ChartCard({ title, summary, table, legend = [], controls, range, colors, wide, tableOnly, children }: ChartCardProps) {
  const [asTable, setAsTable] = useState(Boolean(tableOnly));
  const [status, setStatus] = useState('');
  const chartRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const savePng = async () => {
    const svg = chartRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface, svg.trends-svg');
    if (!svg) return;
    setStatus('Drawing the picture…');
    try {
      const blob = await chartPng(svg, {
        title,
        subtitle: `${range.label} · Watchfloor`,
        legend: legend.map((l) => ({ label: l.label, color: l.color })),
        colors: { background: colors.background, text: colors.text, muted: colors.muted },
        font: colors.font,
      });
      downloadBlob(blob, exportFileName(title, range.from, range.to, 'png'));
      setStatus('Picture saved.');
    } catch (err) {
      setStatus(err instanceof Error ? err.message : 'The picture could not be made');
    }
  };

  return (
    <figure className={`trends-card${wide ? ' is-wide' : ''}`} aria-labelledby={titleId}>
      <figcaption className="trends-card-caption">
        <h2 id={titleId} className="trends-card-title">
          {title}
        </h2>
        <p className="trends-card-summary">{summary}</p>
      </figcaption>
      <div className="trends-card-tools">
        {controls}
        {!tableOnly && (
          <button type="button" className="trends-button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            Table
          </button>
        )}
        <button type="button" className="trends-button" onClick={() => downloadCsv(table, exportFileName(title, range.from, range.to, 'csv'))}>
          CSV<span className="visually-hidden"> of {title}</span>
        </button>
        {!tableOnly && (
          <button type="button" className="trends-button" onClick={() => void savePng()} disabled={asTable} title={asTable ? 'Show the chart to save it as a picture' : undefined}>
            PNG<span className="visually-hidden"> of {title}</span>
          </button>
        )}
        <span className="visually-hidden" role="status">
          {status}
        </span>
      </div>
      {!asTable && <Legend items={legend} />}
      {!asTable && (
        <div ref={chartRef} className="trends-chart">
          {children}
        </div>
      )}
      {asTable && <DataTable table={table} caption={title} />}
    </figure>
  );
}
