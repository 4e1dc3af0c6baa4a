import { STATUS_LABELS, type LifecycleRules } from '../../../../shared/domain/lifecycle';
import { PRIORITIES } from '../../../../shared/domain/priority';
import type { DocumentHistory } from '../../../../shared/org/documents';
import { PublishedLifecycleSchema } from '../../../../shared/org/lifecycle';
import { useApi } from '../../api/api-context';
import { useOrgDocuments } from '../../state/org-documents-store';
import { useWorkspace } from '../../state/workspace-store';
import { PublishBar } from '../directory/PublishBar';
import { useDocumentDraft } from '../directory/use-document-draft';
import { issuesByPath } from './form-values';
import { withReviewPriority } from './lifecycle-edits';
import { ResolutionCodesEditor } from './ResolutionCodesEditor';
import { TransitionsTable } from './TransitionsTable';
import { VersionHistory, versionText } from './VersionHistory';

/** The incident lifecycle rules: resolution codes, which priorities need a review to close, each transition's label and requirements. */
export function LifecycleSection({ history }: { history: DocumentHistory<LifecycleRules> }) {
  const client = useApi();
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const draft = useDocumentDraft(
    history,
    (h) => useOrgDocuments.getState().set('lifecycle', h),
    (lifecycle, baseVersion) => client.call('lifecycle.publish', { lifecycle, baseVersion }),
  );
  // Shown at the field as the host would refuse it; a refusal the draft did not foresee lands there too.
  const errors = issuesByPath(PublishedLifecycleSchema, draft.draft);
  const hostError = draft.publishing.error;
  if (hostError?.field) errors[hostError.field.replace(/^lifecycle\./, '')] ??= hostError.message;
  const rules = draft.draft;
  const current = history.versions[history.versions.length - 1]!;
  return (
    <section className="policies-card policies-lifecycle" aria-labelledby="policies-lifecycle-title">
      <h2 className="policies-card-title" id="policies-lifecycle-title">
        Incident lifecycle
      </h2>
      <p className="policies-muted" data-testid="lifecycle-current-version">
        In force: {versionText(current, utc)}. Status changes from then on follow it, on every PC; what incidents already recorded stays as it was.
      </p>
      <fieldset className="policies-fieldset" disabled={readOnly}>
        <legend className="visually-hidden">Lifecycle rules</legend>
        <ResolutionCodesEditor rules={rules} errors={errors} edit={draft.edit} />
        <fieldset className="policies-fieldset policies-review">
          <legend className="policies-subtitle">Post-incident review needed to close</legend>
          <p className="policies-muted">
            {STATUS_LABELS.closed} asks for the review (done, or waived with a reason) on incidents of these priorities, where the transition asks for it below.
          </p>
          <div className="policies-days">
            {PRIORITIES.map((p) => (
              <label key={p} className="console-check">
                <input type="checkbox" checked={rules.reviewPriorities.includes(p)} onChange={(e) => draft.edit(withReviewPriority(rules, p, e.target.checked))} />
                {p}
              </label>
            ))}
          </div>
        </fieldset>
        <h3 className="policies-subtitle">Transitions</h3>
        <TransitionsTable rules={rules} errors={errors} edit={draft.edit} />
      </fieldset>
      {!readOnly && <PublishBar what="lifecycle" draft={draft} latest={history.version} />}
      <VersionHistory label="Lifecycle versions" versions={history.versions} />
    </section>
  );
}
