import { create } from 'zustand';
import { orgPoliciesOf, type OrgPolicyState } from '../../../shared/org/policies';
import { DEFAULT_ORG_POLICIES, type OrgPolicies } from '../../../shared/sla/snapshot';
import type { ApiClient } from '../api/api-client';
import { reloadOn } from './reload-on';

export interface PoliciesState {
  /** The organisation's policies with their histories; undefined until the host answered. */
  state: OrgPolicyState | undefined;
  /** Every version, as the SLA engine takes them: what the console's countdowns are computed with. */
  engine: OrgPolicies;
  set(state: OrgPolicyState): void;
  connect(client: ApiClient): () => void;
}

/**
 * The organisation's policies in the renderer: loaded with `policies.get`, again on every
 * `policies` stream message (a version published here or on another PC) and after a reconnect.
 * Until the first answer the shipped defaults stand in, as they do on a host nothing was published to.
 */
export const usePolicies = create<PoliciesState>((set, get) => ({
  state: undefined,
  engine: DEFAULT_ORG_POLICIES,
  set(state) {
    set({ state, engine: orgPoliciesOf(state) });
  },
  connect(client) {
    return reloadOn(
      client,
      (message) => message.kind === 'policies',
      async () => get().set(await client.call('policies.get', {})),
    );
  },
}));
