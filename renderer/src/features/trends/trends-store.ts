import { create } from 'zustand';
import type { TrendsResult } from '../../../../shared/metrics/schema';
import type { ApiClient } from '../../api/api-client';
import { paramsProblem, toQueryInput, type TrendsParams } from './trends-params';

export interface TrendsStore {
  params: TrendsParams | undefined;
  result: TrendsResult | undefined;
  loading: boolean;
  error: string | undefined;
  setParams(patch: Partial<TrendsParams>): void;
  /** Asks the backend for the current parameters; a newer request wins over an older one. */
  load(client: ApiClient): Promise<void>;
}

let requestSeq = 0;

export const useTrends = create<TrendsStore>((set, get) => ({
  params: undefined,
  result: undefined,
  loading: false,
  error: undefined,

  setParams(patch) {
    const params = get().params;
    if (params) set({ params: { ...params, ...patch } });
  },

  async load(client) {
    const params = get().params;
    if (!params) return;
    const problem = paramsProblem(params);
    if (problem) {
      set({ error: problem, loading: false });
      return;
    }
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const result = await client.call('trends.query', toQueryInput(params));
      if (seq === requestSeq) set({ result, loading: false, error: undefined });
    } catch (err) {
      if (seq === requestSeq) set({ loading: false, error: err instanceof Error ? err.message : String(err) });
    }
  },
}));
