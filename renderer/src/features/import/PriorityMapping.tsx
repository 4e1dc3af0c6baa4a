import { STATUSPAGE_IMPACTS, type ImportMapping, type ImportPreview, type Levels, type ValueCount } from '../../../../shared/contract/import-api';
import { priorityFor, type Level, type PriorityMatrix } from '../../../../shared/domain/priority';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { formatCount, setImpactLevels, setUrgency } from './import-model';

const LEVELS: Level[] = [1, 2, 3];
const LEVEL_NAMES: Record<Level, string> = { 1: '1 — High', 2: '2 — Medium', 3: '3 — Low' };

/** Numbers in numeric order; words as the preview lists them (most frequent first). */
function naturalOrder(values: ValueCount[]): ValueCount[] {
  return values.every((v) => /^\d+$/.test(v.value)) ? [...values].sort((a, b) => Number(a.value) - Number(b.value)) : values;
}

/** Source impact (and urgency) values → ITIL impact and urgency, with the priority they give. */
export function PriorityMapping({
  preview,
  mapping,
  matrix,
  disabled,
  onChange,
}: {
  preview: ImportPreview;
  mapping: ImportMapping;
  matrix: PriorityMatrix | undefined;
  disabled: boolean;
  onChange: (m: ImportMapping) => void;
}) {
  const counts = new Map(preview.values.impact.map((v) => [v.value, v.count]));
  const rows: Array<{ value: string; count: number; levels: Levels }> =
    mapping.format === 'statuspage'
      ? STATUSPAGE_IMPACTS.map((k) => ({ value: k, count: counts.get(k) ?? 0, levels: mapping.impact[k] }))
      : naturalOrder(preview.values.impact.filter((v) => mapping.impact[v.value])).map((v) => ({ value: v.value, count: v.count, levels: mapping.impact[v.value]! }));
  const urgencies = mapping.format === 'csv' ? naturalOrder(preview.values.urgency.filter((v) => mapping.urgency[v.value] !== undefined)) : [];
  const byColumn = urgencies.length > 0;
  const select = (label: string, value: Level, change: (l: Level) => void) => (
    <select className="import-select is-narrow" aria-label={label} value={value} disabled={disabled} onChange={(e) => change(Number(e.currentTarget.value) as Level)}>
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {LEVEL_NAMES[l]}
        </option>
      ))}
    </select>
  );
  if (rows.length === 0 && urgencies.length === 0)
    return (
      <div className="import-subsection">
        <h3 className="import-subtitle">Priority</h3>
        <p className="import-hint">No impact column: every incident gets impact {mapping.format === 'csv' ? mapping.defaultLevels.impact : 2}, urgency {mapping.format === 'csv' ? mapping.defaultLevels.urgency : 2}.</p>
      </div>
    );
  return (
    <div className="import-subsection">
      <h3 className="import-subtitle">Priority</h3>
      <p className="import-hint">
        The priority follows from impact and urgency through this workspace’s priority matrix{byColumn ? '; the urgency comes from its own column' : ''}.
      </p>
      <div className="import-table-wrap is-short">
        <table className="import-table" aria-label="Priority mapping">
          <thead>
            <tr>
              <th scope="col">Source impact</th>
              <th scope="col" className="is-number">
                {mapping.format === 'csv' ? 'Rows' : 'Incidents'}
              </th>
              <th scope="col">Impact</th>
              {byColumn ? (
                urgencies.map((u) => (
                  <th key={u.value} scope="col">
                    Priority at urgency {u.value}
                  </th>
                ))
              ) : (
                <>
                  <th scope="col">Urgency</th>
                  <th scope="col">Priority</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value}>
                <th scope="row">{r.value}</th>
                <td className="is-number">{formatCount(r.count)}</td>
                <td>{select(`Impact for ${r.value}`, r.levels.impact, (impact) => onChange(setImpactLevels(mapping, r.value, { ...r.levels, impact })))}</td>
                {byColumn && mapping.format === 'csv' ? (
                  urgencies.map((u) => (
                    <td key={u.value}>
                      <PriorityBadge priority={priorityFor(r.levels.impact, mapping.urgency[u.value]!, matrix)} />
                    </td>
                  ))
                ) : (
                  <>
                    <td>{select(`Urgency for ${r.value}`, r.levels.urgency, (urgency) => onChange(setImpactLevels(mapping, r.value, { ...r.levels, urgency })))}</td>
                    <td>
                      <PriorityBadge priority={priorityFor(r.levels.impact, r.levels.urgency, matrix)} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mapping.format === 'csv' && urgencies.length > 0 && (
        <div className="import-table-wrap is-short">
          <table className="import-table" aria-label="Urgency mapping">
            <thead>
              <tr>
                <th scope="col">Source urgency</th>
                <th scope="col" className="is-number">
                  Rows
                </th>
                <th scope="col">Urgency</th>
              </tr>
            </thead>
            <tbody>
              {urgencies.map((u) => (
                <tr key={u.value}>
                  <th scope="row">{u.value}</th>
                  <td className="is-number">{formatCount(u.count)}</td>
                  <td>{select(`Urgency for source urgency ${u.value}`, mapping.urgency[u.value]!, (l) => onChange(setUrgency(mapping, u.value, l)))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
