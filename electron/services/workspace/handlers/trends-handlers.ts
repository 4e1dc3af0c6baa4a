import { ApiError } from '../../../../shared/contract/api';
import type { trendsApi } from '../../../../shared/contract/trends-api';
import { computeTrends, FactsCache, policyTargets } from '../../../../shared/metrics';
import type { OrgPolicies } from '../../../../shared/sla/snapshot';
import { TimeSlices } from '../../time-slices';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

/**
 * Trends over every incident of the workspace, measured against the organisation's SLA policy
 * versions in force (each incident against the version it was created under). Per-incident facts
 * are cached by incident version, so a repeated query only re-reads incidents that changed since
 * the last one; a newly published policy starts a fresh cache (the facts depend on it).
 */
/**
 * Extracts the facts not cached yet, in slices of about `sliceMs` with a turn of the event loop
 * between them: the first query over a large store (each incident not folded yet is folded for
 * its facts, and not kept) takes seconds, and the wall boards and other calls go on meanwhile.
 */
async function extractMissing(ws: WorkspaceService, cache: FactsCache, now: number, sliceMs: number): Promise<void> {
  const slices = new TimeSlices(sliceMs);
  for (const s of ws.incidentSummaries()) {
    if (cache.holds(s.id, s.version)) continue;
    const incident = ws.peek(s.id);
    if (incident) cache.remember(incident, now);
    await slices.pause();
  }
}

export function trendsHandlers(ws: WorkspaceService, makeCache = (policies: OrgPolicies) => new FactsCache(policies.sla), sliceMs = 20): HandlerMap<keyof typeof trendsApi> {
  let current: { policies: OrgPolicies; cache: FactsCache } | undefined;
  const cacheFor = (policies: OrgPolicies): FactsCache => {
    if (current?.policies !== policies) current = { policies, cache: makeCache(policies) };
    return current.cache;
  };
  return {
    'trends.query': async (query) => {
      const now = ws.now();
      const policies = ws.org.policies;
      const cache = cacheFor(policies);
      await extractMissing(ws, cache, now, sliceMs);
      // Those whose stored events could not be read are left out (the store delivers them again, and they count next time).
      const known = ws.incidentSummaries().filter((s) => cache.holds(s.id, s.version) || ws.isFolded(s.id));
      const facts = cache.factsOf(known, now, (s) => ws.peek(s.id)!);
      try {
        return computeTrends(facts, query, { now, slaTargets: policyTargets(policies.sla) });
      } catch (err) {
        if (err instanceof RangeError) throw new ApiError({ code: 'invalid_input', message: err.message, field: 'granularity' });
        throw err;
      }
    },
  };
}
