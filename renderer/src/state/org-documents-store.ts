import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract/api';
import type { StreamMessage } from '../../../shared/contract/stream';
import type { OrgDocumentName } from '../../../shared/org/documents';
import type { ApiClient } from '../api/api-client';
import { reloadOn } from './reload-on';

type Histories = { directory: MethodOutput<'directory.get'>; templates: MethodOutput<'templates.get'>; matrix: MethodOutput<'matrix.get'> };

export interface OrgDocumentsState {
  /** Each document with its versions; undefined until the host answered (callers fall back to the shipped default). */
  directory: Histories['directory'] | undefined;
  templates: Histories['templates'] | undefined;
  matrix: Histories['matrix'] | undefined;
  set<K extends OrgDocumentName>(name: K, history: Histories[K]): void;
  connect(client: ApiClient): () => void;
}

/**
 * The directory, the update templates and the priority matrix in the renderer: loaded with `<name>.get`, again for
 * each `org` stream message that names them (a version published here or on another PC) and
 * after a reconnect.
 */
export const useOrgDocuments = create<OrgDocumentsState>((set, get) => ({
  directory: undefined,
  templates: undefined,
  matrix: undefined,
  set(name, history) {
    set({ [name]: history });
  },
  connect(client) {
    const names = (m: StreamMessage) => (m.kind === 'org' ? m.documents : []);
    const offDirectory = reloadOn(client, (m) => names(m).includes('directory'), async () => get().set('directory', await client.call('directory.get', {})));
    const offTemplates = reloadOn(client, (m) => names(m).includes('templates'), async () => get().set('templates', await client.call('templates.get', {})));
    const offMatrix = reloadOn(client, (m) => names(m).includes('matrix'), async () => get().set('matrix', await client.call('matrix.get', {})));
    return () => {
      offDirectory();
      offTemplates();
      offMatrix();
    };
  },
}));
