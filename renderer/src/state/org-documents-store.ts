import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract/api';
import { OrgDocumentNameSchema, type OrgDocumentName } from '../../../shared/org/documents';
import type { ApiClient } from '../api/api-client';
import { reloadOn } from './reload-on';

type Histories = { [K in OrgDocumentName]: MethodOutput<`${K}.get`> };

export type OrgDocumentsState = {
  /** Each document with its versions; undefined until the host answered (callers fall back to the shipped default). */
  [K in OrgDocumentName]: Histories[K] | undefined;
} & {
  set<K extends OrgDocumentName>(name: K, history: Histories[K]): void;
  connect(client: ApiClient): () => void;
};

/**
 * The directory, the update templates, the priority matrix and the lifecycle rules in the
 * renderer: loaded with `<name>.get`, again for each `org` stream message that names them (a
 * version published here or on another PC) and after a reconnect.
 */
export const useOrgDocuments = create<OrgDocumentsState>((set, get) => ({
  directory: undefined,
  templates: undefined,
  matrix: undefined,
  lifecycle: undefined,
  set(name, history) {
    set({ [name]: history });
  },
  connect(client) {
    const follow = <K extends OrgDocumentName>(name: K) => {
      const method: `${OrgDocumentName}.get` = `${name}.get`;
      return reloadOn(
        client,
        (m) => m.kind === 'org' && m.documents.includes(name),
        async () => get().set(name, (await client.call(method, {})) as Histories[K]),
      );
    };
    const offs = OrgDocumentNameSchema.options.map(follow);
    return () => offs.forEach((off) => off());
  },
}));
