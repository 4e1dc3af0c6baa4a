import { FormAlert } from '../console/FormAlert';
import type { DocumentDraft } from './use-document-draft';

/** Publish and Discard for a document draft, with what happened and whether someone published meanwhile. */
export function PublishBar<D>({ what, draft, latest }: { what: string; draft: DocumentDraft<D>; latest: number }) {
  return (
    <div className="directory-publish">
      <FormAlert error={draft.publishing.error} />
      {draft.staleFrom !== undefined && (
        <p className="console-alert" role="status">
          v{latest} was published while you edited v{draft.staleFrom}. Publishing applies only your changes on top of it.
        </p>
      )}
      <div className="policies-actions">
        <button type="button" className="console-button is-primary" disabled={!draft.dirty || draft.publishing.pending} onClick={() => void draft.publish()}>
          Publish {what}
        </button>
        <button type="button" className="console-button is-ghost" disabled={!draft.dirty} onClick={draft.discard}>
          Discard changes
        </button>
        <p className={draft.dirty ? 'policies-muted' : 'policies-saved'} role="status">
          {draft.dirty ? 'Unpublished changes' : draft.publishing.done}
        </p>
      </div>
    </div>
  );
}
