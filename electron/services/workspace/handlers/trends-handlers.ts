import { ApiError } from '../../../../shared/contract/api';
import type { trendsApi } from '../../../../shared/contract/trends-api';
import { computeTrends, FactsCache, policyTargets } from '../../../../shared/metrics';
import { DEFAULT_SLA_POLICY } from '../../../../shared/sla/defaults';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

/** SLA policy versions the trends measure against (the shipped default until policies are editable). */
const SLA_POLICIES = [DEFAULT_SLA_POLICY];

/**
 * Trends over every incident of the workspace. Per-incident facts are cached by incident version,
 * so a repeated query only re-reads incidents that changed since the last one.
 */
export function trendsHandlers(ws: WorkspaceService, cache = new FactsCache(SLA_POLICIES)): HandlerMap<keyof typeof trendsApi> {
  return {
    'trends.query': (query) => {
      const now = ws.now();
      const facts = cache.factsOf(ws.allIncidents(), now);
      try {
        return computeTrends(facts, query, { now, slaTargets: policyTargets(SLA_POLICIES) });
      } catch (err) {
        if (err instanceof RangeError) throw new ApiError({ code: 'invalid_input', message: err.message, field: 'granularity' });
        throw err;
      }
    },
  };
}
