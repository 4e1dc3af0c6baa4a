import { useEffect } from 'react';
import type { Directory } from '../../../../shared/org/directory';
import type { DocumentHistory } from '../../../../shared/org/documents';
import { useApi } from '../../api/api-context';
import { useOrgDocuments } from '../../state/org-documents-store';
import { useWorkspace } from '../../state/workspace-store';
import { startClock } from '../../ui/clock-store';
import { ViewFrame } from '../../ui/ViewFrame';
import { VersionHistory, versionText } from '../policies/VersionHistory';
import { CollectionSection } from './CollectionSection';
import { ORGANISATIONS, PEOPLE, TEAMS } from './collections';
import { PublishBar } from './PublishBar';
import { TemplatesSection } from './TemplatesSection';
import { useDocumentDraft } from './use-document-draft';
import '../policies/Policies.css';
import './Directory.css';

/** People, teams and external organisations, edited as a draft and published as one version. */
function DirectoryEditor({ history }: { history: DocumentHistory<Directory> }) {
  const client = useApi();
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const draft = useDocumentDraft(
    history,
    (h) => useOrgDocuments.getState().set('directory', h),
    (directory, baseVersion) => client.call('directory.publish', { directory, baseVersion }),
  );
  const current = history.versions[history.versions.length - 1]!;
  return (
    <div className="directory-group">
      <p className="policies-muted" data-testid="directory-current-version">
        In force: {versionText(current, utc)}. The console suggests these people and teams in its pickers, next to people seen on incidents.
      </p>
      <CollectionSection spec={PEOPLE} directory={draft.draft} readOnly={readOnly} onChange={draft.edit} />
      <CollectionSection spec={TEAMS} directory={draft.draft} readOnly={readOnly} onChange={draft.edit} />
      <CollectionSection spec={ORGANISATIONS} directory={draft.draft} readOnly={readOnly} onChange={draft.edit} />
      <section className="policies-card directory-card" aria-label="Publish and versions">
        {!readOnly && <PublishBar what="directory" draft={draft} latest={history.version} />}
        <VersionHistory label="Directory versions" versions={history.versions} />
      </section>
    </div>
  );
}

/** The organisation's directory and update templates (route `/directory`, `#/directory`); shared by every PC on the folder. */
export function DirectoryView() {
  useEffect(() => startClock(), []);
  const directory = useOrgDocuments((s) => s.directory);
  const templates = useOrgDocuments((s) => s.templates);
  return (
    <ViewFrame title="Directory" intro="Published versions apply at once, on every PC sharing this workspace." mainClassName="directory-main">
      {!directory || !templates ? (
        <p className="policies-muted" role="status">
          Loading the directory…
        </p>
      ) : (
        <>
          <DirectoryEditor history={directory} />
          <TemplatesSection history={templates} />
        </>
      )}
    </ViewFrame>
  );
}
