import { PRIORITIES, type Priority, type PriorityMatrix } from '../../../../shared/domain/priority';
import type { DocumentHistory } from '../../../../shared/org/documents';
import { PublishedMatrixSchema } from '../../../../shared/org/matrix';
import { useApi } from '../../api/api-context';
import { useOrgDocuments } from '../../state/org-documents-store';
import { useWorkspace } from '../../state/workspace-store';
import { MatrixFrame } from '../console/PriorityMatrix';
import { PublishBar } from '../directory/PublishBar';
import { useDocumentDraft } from '../directory/use-document-draft';
import { FieldError, invalidProps } from './FieldError';
import { issuesByPath } from './form-values';
import { VersionHistory, versionText } from './VersionHistory';

/** The impact × urgency → priority matrix: a priority per cell; Publish makes the next version. */
export function PriorityMatrixSection({ history }: { history: DocumentHistory<PriorityMatrix> }) {
  const client = useApi();
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const draft = useDocumentDraft(
    history,
    (h) => useOrgDocuments.getState().set('matrix', h),
    (matrix, baseVersion) => client.call('matrix.publish', { matrix, baseVersion }),
  );
  // "Impact 2 × urgency 1 may not be…" at the cell, as the host would refuse it.
  const errors = issuesByPath(PublishedMatrixSchema, draft.draft);
  const set = (i: number, j: number, p: Priority) => draft.edit(draft.draft.map((row, r) => (r === i ? row.map((c, k) => (k === j ? p : c)) : row)));
  const current = history.versions[history.versions.length - 1]!;
  return (
    <section className="policies-card policies-matrix" aria-labelledby="policies-matrix-title">
      <h2 className="policies-card-title" id="policies-matrix-title">
        Priority matrix
      </h2>
      <p className="policies-muted" data-testid="matrix-current-version">
        In force: {versionText(current, utc)}. Incidents created or re-prioritised from then on get their priority from it; existing priorities stay as recorded.
      </p>
      <MatrixFrame
        caption="Priority per impact (rows) and urgency (columns)"
        cell={(i, u) => {
          const id = `policies-matrix-${i}-${u}`;
          const error = errors[`${i - 1}.${u - 1}`];
          return (
            <td key={u}>
              <select id={id} className="console-select" aria-label={`Impact ${i} × urgency ${u} priority`} value={draft.draft[i - 1]![u - 1]} disabled={readOnly} onChange={(e) => set(i - 1, u - 1, e.target.value as Priority)} {...invalidProps(id, error)}>
                {PRIORITIES.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
              <FieldError id={id} message={error} />
            </td>
          );
        }}
      />
      {!readOnly && <PublishBar what="matrix" draft={draft} latest={history.version} />}
      <VersionHistory label="Priority matrix versions" versions={history.versions} />
    </section>
  );
}
