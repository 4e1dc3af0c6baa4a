import type { ImportFormat, ImportIssue } from '../../../../shared/contract/import-api';
import { formatCount } from './import-model';

/** The file's problems, by line and field. */
export function IssueList({ issues, count, invalidRows, format }: { issues: ImportIssue[]; count: number; invalidRows: number; format: ImportFormat }) {
  if (count === 0)
    return (
      <p className="import-ok" role="status">
        ✓ No problems found.
      </p>
    );
  const what = format === 'csv' ? 'rows' : 'incidents';
  return (
    <div className="import-issues" role="region" aria-label="Problems in the file">
      <p className="import-alert">
        {formatCount(count)} problem{count === 1 ? '' : 's'} in {formatCount(invalidRows)} {what}. Nothing is imported unless you choose to import only the valid {what}.
      </p>
      <div className="import-table-wrap is-short">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col" className="is-number">
                Line
              </th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, i) => (
              <tr key={i}>
                <td className="is-number">{issue.line ?? '—'}</td>
                <td>{issue.field}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count > issues.length && <p className="import-hint">Showing the first {formatCount(issues.length)}.</p>}
    </div>
  );
}
