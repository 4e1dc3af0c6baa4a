/**
 * The one-pass engine against the naive reference (metrics-naive.ts), which recomputes each series
 * on its own from the raw timelines, on synthetic histories under many queries.
 */
import { describe, expect, it } from 'vitest';
import { computeTrends, FactsCache, policyTargets, TrendsQuerySchema, type TrendsQueryInput } from '../../shared/metrics';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { generateIncidents, prng } from './metrics-generator';
import { naiveTrends } from './metrics-naive';

const FROM = Date.parse('2026-01-05T00:00:00Z');
const TO = Date.parse('2026-04-06T00:00:00Z');
const NOW = Date.parse('2026-04-01T12:00:00Z');
const POLICIES = [DEFAULT_SLA_POLICY];

const incidents = generateIncidents(240, { seed: 42, from: FROM, to: TO });
const facts = new FactsCache(POLICIES).factsOf(incidents, NOW);

function both(input: Partial<TrendsQueryInput>) {
  const q = TrendsQuerySchema.parse({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString(), ...input });
  const opts = { now: NOW, slaPolicies: POLICIES, slaTargets: policyTargets(POLICIES) };
  return { fast: computeTrends(facts, q, opts), naive: naiveTrends(incidents, q, opts) };
}

describe('one pass over facts = each series recomputed naively from the timelines', () => {
  const cases: Array<[string, Partial<TrendsQueryInput>]> = [
    ['weekly, UTC', { granularity: 'week' }],
    ['daily, London (a DST change in range)', { granularity: 'day', timeZone: 'Europe/London' }],
    ['monthly, Los Angeles, exercises included', { granularity: 'month', timeZone: 'America/Los_Angeles', includeExercises: true }],
    ['weekly, Kolkata, P1–P3 in two categories', { granularity: 'week', timeZone: 'Asia/Kolkata', filters: { priorities: ['P1', 'P2', 'P3'], categories: ['network', 'APPLICATIONS'] } }],
    ['weekly, by service, team and location', { filters: { services: ['Service A', 'service c'], teams: ['Service Desk', 'Network Operations'] } }],
    ['daily, one location, short recurrence window', { granularity: 'day', filters: { locations: ['dc2'] }, recurrence: { minCount: 2, windowDays: 3 } }],
    ['a range ending after now', { granularity: 'week', from: '2026-03-01T10:00:00Z', to: '2026-05-01T00:00:00Z' }],
  ];
  for (const [name, input] of cases) {
    it(name, () => {
      const { fast, naive } = both(input);
      expect(fast.totals.opened).toBeGreaterThan(0);
      expect(fast).toEqual(naive);
    });
  }

  it('random queries', () => {
    const rnd = prng(7);
    const zones = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu'];
    for (let i = 0; i < 6; i++) {
      const a = FROM + Math.floor(rnd() * 60) * 86_400_000 + Math.floor(rnd() * 86_400_000);
      const b = a + (1 + Math.floor(rnd() * 60)) * 86_400_000;
      const { fast, naive } = both({
        from: new Date(a).toISOString(),
        to: new Date(b).toISOString(),
        granularity: (['day', 'week', 'month'] as const)[i % 3],
        timeZone: zones[Math.floor(rnd() * zones.length)],
        includeExercises: rnd() < 0.5,
      });
      expect(fast).toEqual(naive);
    }
  });
});
