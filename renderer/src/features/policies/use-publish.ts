import { useState } from 'react';
import type { ApiErrorBody } from '../../../../shared/contract/api';
import { apiErrorOf } from '../console/form-errors';

export interface Publishing<S> {
  pending: boolean;
  /** The host's refusal (its `field` names the input that is at fault). */
  error: ApiErrorBody | undefined;
  /** "Published v3", after a publish went through. */
  done: string | undefined;
  /** Resolves to the host's answer after the publish, or undefined when it was refused. */
  publish(call: () => Promise<S>, versionOf: (s: S) => number): Promise<S | undefined>;
}

/**
 * One publish at a time; `apply` puts the host's answer in the renderer's store at once (the
 * stream message follows). Serves policies and organisation documents alike.
 */
export function usePublish<S>(apply: (state: S) => void): Publishing<S> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const publish: Publishing<S>['publish'] = async (call, versionOf) => {
    setPending(true);
    setError(undefined);
    setDone(undefined);
    try {
      const state = await call();
      apply(state);
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
