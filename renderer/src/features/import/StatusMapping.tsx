import type { CsvMapping, StatusTarget, ValueCount } from '../../../../shared/contract/import-api';
import { formatCount, setStatusTarget, STATUS_TARGETS, statusTargetOf } from './import-model';

/** Source status (and sub-status) → lifecycle status; On hold takes the sub-status as its reason. */
export function StatusMapping({ values, mapping, disabled, onChange }: { values: ValueCount[]; mapping: CsvMapping; disabled: boolean; onChange: (m: CsvMapping) => void }) {
  if (values.length === 0) return null;
  return (
    <div className="import-subsection">
      <h3 className="import-subtitle">Statuses</h3>
      <p className="import-hint">
        Status changes follow the lifecycle (the shortest legal path); waiting sub-statuses put the incident on hold with the sub-status as reason, and it resumes when work
        goes on. A Closed followed by more work counts as Resolved.
      </p>
      <div className="import-table-wrap is-short">
        <table className="import-table" aria-label="Status mapping">
          <thead>
            <tr>
              <th scope="col">Source status</th>
              <th scope="col" className="is-number">
                Rows
              </th>
              <th scope="col">Becomes</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v) => (
              <tr key={v.value}>
                <th scope="row">{v.label === v.value ? v.value : `${v.label} (${v.value})`}</th>
                <td className="is-number">{formatCount(v.count)}</td>
                <td>
                  <select
                    className="import-select"
                    aria-label={`Lifecycle status for ${v.label}`}
                    value={statusTargetOf(mapping, v.value) ?? ''}
                    disabled={disabled}
                    onChange={(e) => onChange(setStatusTarget(mapping, v.value, e.currentTarget.value as StatusTarget))}
                  >
                    {statusTargetOf(mapping, v.value) === undefined && <option value="">Choose…</option>}
                    {STATUS_TARGETS.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
