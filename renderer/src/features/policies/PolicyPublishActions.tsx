import { FormAlert } from '../console/FormAlert';
import type { Publishing } from './use-publish';

/**
 * The end of a policy form: the host's refusal, a notice when another version was published while
 * this one was edited, and Publish / Discard (hidden for a read-only caller). The form submits.
 */
export function PolicyPublishActions<S>({ publishing, stale, latest, readOnly, onReload }: { publishing: Publishing<S>; stale: boolean; latest: number; readOnly: boolean; onReload: () => void }) {
  return (
    <>
      <FormAlert error={publishing.error} />
      {stale && (
        <p className="console-alert" role="status">
          A newer version (v{latest}) was published while you edited.{' '}
          <button type="button" className="console-button is-small" onClick={onReload}>
            Load v{latest}
          </button>
        </p>
      )}
      {!readOnly && (
        <div className="policies-actions">
          <button type="submit" className="console-button is-primary" disabled={publishing.pending}>
            Publish new version
          </button>
          <button type="button" className="console-button is-ghost" onClick={onReload}>
            Discard changes
          </button>
          <p className="policies-saved" role="status">
            {publishing.done}
          </p>
        </div>
      )}
    </>
  );
}
