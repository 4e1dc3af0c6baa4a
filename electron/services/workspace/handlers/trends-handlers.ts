import { ApiError } from '../../../../shared/contract/api';
import type { trendsApi } from '../../../../shared/contract/trends-api';
import { computeTrends, FactsCache, policyTargets } from '../../../../shared/metrics';
import type { OrgPolicies } from '../../../../shared/sla/snapshot';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

/**
 * Trends over every incident of the workspace, measured against the organisation's SLA policy
 * versions in force (each incident against the version it was created under). Per-incident facts
 * are cached by incident version, so a repeated query only re-reads incidents that changed since
 * the last one; a newly published policy starts a fresh cache (the facts depend on it).
 */
export function trendsHandlers(ws: WorkspaceService, makeCache = (policies: OrgPolicies) => new FactsCache(policies.sla)): HandlerMap<keyof typeof trendsApi> {
  let current: { policies: OrgPolicies; cache: FactsCache } | undefined;
  const cacheFor = (policies: OrgPolicies): FactsCache => {
    if (current?.policies !== policies) current = { policies, cache: makeCache(policies) };
    return current.cache;
  };
  return {
    'trends.query': (query) => {
      const now = ws.now();
      const policies = ws.org.policies;
      // Incidents not folded yet are folded for their facts and not kept (the facts are cached by version).
      const facts = cacheFor(policies).factsOf(ws.incidentSummaries(), now, (s) => ws.peek(s.id)!);
      try {
        return computeTrends(facts, query, { now, slaTargets: policyTargets(policies.sla) });
      } catch (err) {
        if (err instanceof RangeError) throw new ApiError({ code: 'invalid_input', message: err.message, field: 'granularity' });
        throw err;
      }
    },
  };
}
