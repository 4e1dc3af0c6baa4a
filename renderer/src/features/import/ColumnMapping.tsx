import type { CsvMapping, ImportPreview } from '../../../../shared/contract/import-api';
import { COLUMN_ROLES, sampleValues, setColumn } from './import-model';

/** Which column holds what: one picker per role, each column shown with a sample value. */
export function ColumnMapping({ preview, mapping, disabled, onChange }: { preview: ImportPreview; mapping: CsvMapping; disabled: boolean; onChange: (m: CsvMapping) => void }) {
  const samples = sampleValues(preview);
  const option = (c: string) => {
    const s = samples[c] ?? '';
    return s ? `${c} — e.g. ${s.length > 28 ? `${s.slice(0, 27)}…` : s}` : c;
  };
  return (
    <div className="import-subsection">
      <h3 className="import-subtitle">Columns</h3>
      <div className="import-columns">
        {COLUMN_ROLES.map(({ role, label, hint, required }) => (
          <label key={role} className="import-field" title={hint}>
            <span className="import-label">
              {label}
              {required ? ' *' : ''}
            </span>
            <select
              className="import-select"
              value={mapping.columns[role] ?? ''}
              disabled={disabled}
              aria-required={required}
              onChange={(e) => onChange(setColumn(mapping, role, e.currentTarget.value))}
            >
              {!required && <option value="">(none)</option>}
              {required && !mapping.columns[role] && <option value="">Choose…</option>}
              {preview.columns.map((c) => (
                <option key={c} value={c}>
                  {option(c)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </div>
  );
}
