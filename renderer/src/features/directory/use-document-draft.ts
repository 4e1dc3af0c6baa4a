import { useState } from 'react';
import type { DocumentHistory } from '../../../../shared/org/documents';
import { usePublish, type Publishing } from '../policies/use-publish';

export interface DocumentDraft<D> {
  /** What the editor shows: the draft being edited, else the version in force. */
  draft: D;
  edit(next: D): void;
  /** Whether anything was changed since the version it was opened on. */
  dirty: boolean;
  /** The version the edit started from, when another was published since (here or on another PC). */
  staleFrom: number | undefined;
  discard(): void;
  publish(): Promise<void>;
  publishing: Publishing<DocumentHistory<D>>;
}

/**
 * Editing one organisation document: changes stay local until Publish, which sends the whole
 * document with the version it was edited from. If a newer version came meanwhile the host merges
 * (only this edit's changes replace it), so publishing over someone else's version loses neither.
 */
export function useDocumentDraft<D>(history: DocumentHistory<D>, apply: (h: DocumentHistory<D>) => void, call: (document: D, baseVersion: number) => Promise<DocumentHistory<D>>): DocumentDraft<D> {
  const [edited, setEdited] = useState<{ draft: D; base: number } | undefined>();
  const publishing = usePublish(apply);
  return {
    draft: edited?.draft ?? history.current,
    edit: (next) => setEdited({ draft: next, base: edited?.base ?? history.version }),
    dirty: edited !== undefined,
    staleFrom: edited && edited.base !== history.version ? edited.base : undefined,
    discard: () => setEdited(undefined),
    publish: async () => {
      if (!edited) return;
      if (await publishing.publish(() => call(edited.draft, edited.base), (h) => h.version)) setEdited(undefined);
    },
    publishing,
  };
}
