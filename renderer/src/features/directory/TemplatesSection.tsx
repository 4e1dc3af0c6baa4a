import { AUDIENCES, type UpdateTemplates } from '../../../../shared/comms/templates';
import type { DocumentHistory } from '../../../../shared/org/documents';
import { useApi } from '../../api/api-context';
import { useOrgDocuments } from '../../state/org-documents-store';
import { useWorkspace } from '../../state/workspace-store';
import { FormField } from '../console/FormField';
import { VersionHistory } from '../policies/VersionHistory';
import { PublishBar } from './PublishBar';
import { useDocumentDraft } from './use-document-draft';

const FIELDS_HINT = 'Fields: {id} {title} {priority} {status} {services} {next} {age}';

/** The stakeholder-update templates, one per audience: what the console's update composer pre-fills. */
export function TemplatesSection({ history }: { history: DocumentHistory<UpdateTemplates> }) {
  const client = useApi();
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const draft = useDocumentDraft(
    history,
    (h) => useOrgDocuments.getState().set('templates', h),
    (templates, baseVersion) => client.call('templates.publish', { templates, baseVersion }),
  );
  // The host names the field at fault ("templates.customers.text"): show it at that text box.
  const hostField = draft.publishing.error?.field?.replace(/^templates\./, '');
  return (
    <section className="policies-card directory-card directory-templates" aria-labelledby="directory-templates-title">
      <h2 className="policies-card-title" id="directory-templates-title">
        Stakeholder update templates
      </h2>
      <p className="policies-muted">The update composer starts from these; the coordinator edits the text before sending. {FIELDS_HINT}.</p>
      <fieldset className="policies-fieldset" disabled={readOnly}>
        <legend className="visually-hidden">Templates per audience</legend>
        {AUDIENCES.map((a) => {
          const t = draft.draft[a];
          const id = `directory-template-${a}`;
          const set = (patch: Partial<typeof t>) => draft.edit({ ...draft.draft, [a]: { ...t, ...patch } });
          return (
            <div key={a} className="directory-template">
              <div className="policies-row">
                <FormField id={`${id}-label`} label={`${t.label} label`} error={hostField === `${a}.label` ? draft.publishing.error?.message : undefined}>
                  {(p) => <input {...p} className="console-input" value={t.label} onChange={(e) => set({ label: e.target.value })} />}
                </FormField>
                <FormField id={`${id}-prefix`} label={`${t.label} prefix`} error={hostField === `${a}.prefix` ? draft.publishing.error?.message : undefined}>
                  {(p) => <input {...p} className="console-input" value={t.prefix} onChange={(e) => set({ prefix: e.target.value })} />}
                </FormField>
              </div>
              <FormField id={`${id}-text`} label={`${t.label} template`} error={hostField === `${a}.text` ? draft.publishing.error?.message : undefined}>
                {(p) => <textarea {...p} className="console-textarea directory-template-text" rows={6} value={t.text} onChange={(e) => set({ text: e.target.value })} />}
              </FormField>
            </div>
          );
        })}
      </fieldset>
      {!readOnly && <PublishBar what="templates" draft={draft} latest={history.version} />}
      <VersionHistory label="Template versions" versions={history.versions} />
    </section>
  );
}
