// @vitest-environment jsdom
/** The period report: the trends screen's filters in its address reach `trends.query`, and the page says which apply. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../renderer/src/api/api-client';
import { ApiProvider } from '../../renderer/src/api/api-context';
import type { ReportContext } from '../../renderer/src/features/reports/ReportFrame';
import { parseReportOptions, trendsTarget } from '../../renderer/src/features/reports/report-params';
import { reportTime } from '../../renderer/src/features/reports/report-time';
import { TrendReport } from '../../renderer/src/features/reports/TrendReport';
import { computeTrends, FactsCache, policyTargets } from '../../shared/metrics';
import { TrendsQuerySchema } from '../../shared/metrics/schema';
import { fixtureIncidents, FIXTURE_POLICY, NOW } from '../shared/metrics-fixture';

afterEach(cleanup);

const facts = new FactsCache([FIXTURE_POLICY]).factsOf(Object.values(fixtureIncidents()), NOW);

/** A backend answering `trends.query` from the metrics fixture; records the inputs. */
function fakeClient(inputs: unknown[]): ApiClient {
  return {
    call: (async (method: string, input: unknown) => {
      if (method !== 'trends.query') throw new Error(`unexpected ${method}`);
      inputs.push(input);
      return computeTrends(facts, TrendsQuerySchema.parse(input), { now: NOW, slaTargets: policyTargets([FIXTURE_POLICY]) });
    }) as ApiClient['call'],
    subscribe: () => () => {},
    onConnectionChange: () => () => {},
  };
}

async function open(query: string): Promise<{ inputs: unknown[]; lede: string }> {
  const params = new URLSearchParams(`from=2026-03-02&to=2026-03-15&granularity=week&tz=UTC&${query}`);
  const options = parseReportOptions('trends', params, true);
  const ctx: ReportContext = { kind: 'trends', target: trendsTarget(params), info: undefined, options, time: reportTime('UTC'), generatedAt: NOW, params };
  const inputs: unknown[] = [];
  render(
    <ApiProvider client={fakeClient(inputs)}>
      <TrendReport ctx={ctx} />
    </ApiProvider>,
  );
  await screen.findByRole('heading', { name: /Incident trends/ });
  return { inputs, lede: document.querySelector('.report-lede')?.textContent ?? '' };
}

describe('period report filters', () => {
  it('asks for the filtered incidents and says so under the heading', async () => {
    const { inputs, lede } = await open('priority=P1,P2,P9&service=Payments&exercises=1');
    expect(inputs).toEqual([
      expect.objectContaining({ includeExercises: true, filters: { priorities: ['P1', 'P2'], categories: [], teams: [], services: ['Payments'], locations: [] } }),
    ]);
    expect(document.querySelector('.report-filters')?.textContent).toBe('Filtered: P1, P2 · Service Payments · exercises included');
    expect(lede).toMatch(/^2 incidents opened/); // A (P1) and F (P2) on Payments; C (P2→P1) is on Email
  });

  it('says "All incidents" without filters', async () => {
    const { inputs, lede } = await open('');
    expect(inputs).toEqual([expect.objectContaining({ includeExercises: false, filters: { priorities: [], categories: [], teams: [], services: [], locations: [] } })]);
    expect(document.querySelector('.report-filters')?.textContent).toBe('All incidents');
    expect(lede).toMatch(/^5 incidents opened/);
  });
});
