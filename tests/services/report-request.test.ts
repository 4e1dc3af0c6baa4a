/** The report request's trend filters: validated like the other parameters, and carried to the printed route. */
import { describe, expect, it } from 'vitest';
import { parseReportQuery, reportRoute, type ReportRequest } from '../../electron/services/reports/report-request';
import { viewOf } from '../../renderer/src/app/route';
import { filtersFromSearch } from '../../renderer/src/features/trends/trends-params';

const parse = (query: string) => parseReportQuery(new URLSearchParams(query));

describe('trend report filters in a report request', () => {
  it('reads the trends screen parameters and prints a route the report reads back to the same filters', () => {
    const parsed = parse('kind=trends&from=2026-01-01&to=2026-03-31&priority=P1,P2&category=Network&team=Service+Desk&service=Radio&location=North&exercises=1');
    expect(parsed).toEqual({
      ok: true,
      request: { kind: 'trends', from: '2026-01-01', to: '2026-03-31', priority: ['P1', 'P2'], category: 'Network', team: 'Service Desk', service: 'Radio', location: 'North', exercises: true, paper: 'A4' },
    });
    const route = reportRoute((parsed as { request: ReportRequest }).request);
    expect(route).toBe(
      '#/report/trends?from=2026-01-01&to=2026-03-31&exercises=1&priority=P1%2CP2&category=Network&team=Service+Desk&service=Radio&location=North&paper=A4&orientation=landscape&pdf=1',
    );
    expect(filtersFromSearch(viewOf({ pathname: '/', search: '', hash: route }).params)).toEqual({ includeExercises: true, priorities: ['P1', 'P2'], category: 'Network', team: 'Service Desk', service: 'Radio', location: 'North' });
  });

  it('leaves out what is not set', () => {
    const parsed = parse('kind=trends&from=2026-01-01&to=2026-03-31&exercises=0&category=');
    expect(parsed).toMatchObject({ ok: true, request: { exercises: false, category: '' } });
    expect(reportRoute((parsed as { request: ReportRequest }).request)).toBe('#/report/trends?from=2026-01-01&to=2026-03-31&paper=A4&orientation=landscape&pdf=1');
  });

  it('refuses an unknown priority, naming it and what is allowed', () => {
    expect(parse('kind=trends&priority=P1,P9,urgent')).toEqual({ ok: false, field: 'priority', message: 'priority: unknown priority "P9", "urgent": use P1, P2, P3, P4, P5, comma-separated' });
    expect(parse('kind=trends&exercises=yes')).toMatchObject({ ok: false, field: 'exercises' });
    expect(parse(`kind=trends&service=${'x'.repeat(121)}`)).toMatchObject({ ok: false, field: 'service' });
  });
});
