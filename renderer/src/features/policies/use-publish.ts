import { useState } from 'react';
import type { ApiErrorBody } from '../../../../shared/contract/api';
import type { OrgPolicyState } from '../../../../shared/org/policies';
import { usePolicies } from '../../state/policies-store';
import { apiErrorOf } from '../console/form-errors';

export interface Publishing {
  pending: boolean;
  /** The host's refusal (its `field` names the input that is at fault). */
  error: ApiErrorBody | undefined;
  /** "Published v3", after a publish went through. */
  done: string | undefined;
  /** Resolves to the policies after the publish, or undefined when it was refused. */
  publish(call: () => Promise<OrgPolicyState>, versionOf: (s: OrgPolicyState) => number): Promise<OrgPolicyState | undefined>;
}

/** One publish at a time; the answer replaces the renderer's policies at once (the stream message follows). */
export function usePublish(): Publishing {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const publish: Publishing['publish'] = async (call, versionOf) => {
    setPending(true);
    setError(undefined);
    setDone(undefined);
    try {
      const state = await call();
      usePolicies.getState().set(state);
      setDone(`Published v${versionOf(state)}`);
      return state;
    } catch (err) {
      setError(apiErrorOf(err));
      return undefined;
    } finally {
      setPending(false);
    }
  };
  return { pending, error, done, publish };
}
