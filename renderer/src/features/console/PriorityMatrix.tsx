import { IMPACT_LABELS, URGENCY_LABELS, type Level, type PriorityMatrix as Matrix } from '../../../../shared/domain/priority';
import type { ReactNode } from 'react';
import './PriorityMatrix.css';

const LEVELS: readonly Level[] = [1, 2, 3];
const short = (label: string) => label.split(' — ')[0] ?? label;

/** The impact × urgency grid (rows: impact, columns: urgency), each cell drawn by `cell`. */
export function MatrixFrame({ caption, className = 'console-matrix', cell }: { caption: ReactNode; className?: string; cell: (impact: Level, urgency: Level) => ReactNode }) {
  return (
    <table className={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="console-matrix-corner">
            <span aria-hidden="true">Impact ↓ Urgency →</span>
            <span className="visually-hidden">Impact by urgency</span>
          </th>
          {LEVELS.map((u) => (
            <th key={u} scope="col" title={URGENCY_LABELS[u]}>
              U{u} {short(URGENCY_LABELS[u])}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {LEVELS.map((i) => (
          <tr key={i}>
            <th scope="row" title={IMPACT_LABELS[i]}>
              I{i} {short(IMPACT_LABELS[i])}
            </th>
            {LEVELS.map((u) => cell(i, u))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The organisation's impact × urgency matrix with the resulting cell highlighted. With `onPick`
 * the cells are buttons that set impact and urgency.
 */
export function PriorityMatrix({
  matrix,
  impact,
  urgency,
  onPick,
  caption = 'Priority matrix',
  disabled,
}: {
  matrix: Matrix;
  impact: Level;
  urgency: Level;
  onPick?: (impact: Level, urgency: Level) => void;
  caption?: string;
  disabled?: boolean;
}) {
  return (
    <MatrixFrame
      caption={caption}
      cell={(i, u) => {
        const p = matrix[i - 1]?.[u - 1] ?? 'P5';
        const selected = i === impact && u === urgency;
        const cls = `console-matrix-cell priority-${p}${selected ? ' is-selected' : ''}`;
        return (
          <td key={u} className={selected ? 'is-selected-cell' : undefined}>
            {onPick ? (
              <button
                type="button"
                className={cls}
                aria-pressed={selected}
                aria-label={`Impact ${i}, urgency ${u}: ${p}`}
                disabled={disabled}
                onClick={() => onPick(i, u)}
              >
                {p}
              </button>
            ) : (
              <span className={cls}>
                {p}
                {selected && <span className="visually-hidden"> (selected)</span>}
              </span>
            )}
          </td>
        );
      }}
    />
  );
}
