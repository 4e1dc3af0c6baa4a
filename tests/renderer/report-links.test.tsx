// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreloadBridge } from '../../renderer/src/api/preload-bridge';
import { ReportRequestSchema, reportRoute } from '../../electron/services/reports/report-request';
import { ReportLinks } from '../../renderer/src/features/reports/ReportLinks';
import { filtersFromSearch, NO_FILTERS } from '../../renderer/src/features/trends/trends-params';
import { viewHref } from '../../renderer/src/ui/view-href';

afterEach(() => {
  cleanup();
  delete window.watchfloor;
  window.history.pushState({}, '', '/');
});

function electronBridge(answer: Awaited<ReturnType<PreloadBridge['exportReport']>>) {
  const requests: unknown[] = [];
  window.watchfloor = {
    invoke: async () => ({ ok: true, value: {} }),
    onStream: () => () => {},
    exportReport: async (request) => {
      requests.push(request);
      return answer;
    },
  };
  return requests;
}

describe('view links', () => {
  it('go to the root with a hash route in a browser, from any path, keeping the access token', () => {
    window.history.pushState({}, '', '/report/incident/INC-2026-ABC123-7?token=wall-1');
    expect(viewHref('/wall')).toBe('/?token=wall-1#/wall');
    window.history.pushState({}, '', '/trends?from=2026-01-01');
    expect(viewHref('/')).toBe('/#/');
    expect(viewHref('settings')).toBe('/#/settings');
  });

  it('are bare hash routes in an Electron window', () => {
    electronBridge({ ok: true, value: { canceled: true } });
    expect(viewHref('/policies')).toBe('#/policies');
  });
});

describe('ReportLinks', () => {
  it('in a browser: the report in a new tab and the server-side PDF', () => {
    render(<ReportLinks kind="trends" from="2026-01-01" to="2026-03-31" granularity="week" timeZone="Europe/Madrid" />);
    const report = screen.getByRole('link', { name: 'Period report' });
    expect(report.getAttribute('href')).toBe('/#/report/trends?from=2026-01-01&to=2026-03-31&granularity=week&tz=Europe%2FMadrid');
    expect(report.getAttribute('target')).toBe('_blank');
    expect(screen.getByRole('link', { name: 'Period report as PDF' }).getAttribute('href')).toBe(
      '/api/report.pdf?kind=trends&from=2026-01-01&to=2026-03-31&granularity=week&tz=Europe%2FMadrid',
    );
    expect(screen.queryByRole('button')).toBeNull();
  });

  it("carries the trends screen's filters to the report, its server-side PDF and the Electron export, named as on the trends screen", async () => {
    const filters = { ...NO_FILTERS, priorities: ['P1' as const, 'P2' as const], category: 'Network', includeExercises: true };
    render(<ReportLinks kind="trends" from="2026-01-01" to="2026-03-31" granularity="week" filters={filters} timeZone="UTC" />);
    const query = 'from=2026-01-01&to=2026-03-31&granularity=week&exercises=1&priority=P1%2CP2&category=Network&tz=UTC';
    expect(screen.getByRole('link', { name: 'Period report' }).getAttribute('href')).toBe(`/#/report/trends?${query}`);
    expect(screen.getByRole('link', { name: 'Period report as PDF' }).getAttribute('href')).toBe(`/api/report.pdf?kind=trends&${query}`);
    // The trends screen reads the report's address back to the same filters.
    expect(filtersFromSearch(new URLSearchParams(query))).toEqual(filters);
    cleanup();

    const requests = electronBridge({ ok: true, value: { canceled: true } });
    render(<ReportLinks kind="trends" from="2026-01-01" to="2026-03-31" filters={{ ...NO_FILTERS, service: 'Email', location: 'Building B' }} />);
    expect(screen.getByRole('link', { name: 'Period report' }).getAttribute('href')).toBe('#/report/trends?from=2026-01-01&to=2026-03-31&service=Email&location=Building+B');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export Period report as PDF' }));
    });
    expect(requests).toEqual([{ kind: 'trends', from: '2026-01-01', to: '2026-03-31', service: 'Email', location: 'Building B' }]);
    // What the main process validates, and the route it prints.
    const parsed = ReportRequestSchema.parse(requests[0]);
    expect(reportRoute(parsed)).toBe('#/report/trends?from=2026-01-01&to=2026-03-31&service=Email&location=Building+B&paper=A4&orientation=landscape&pdf=1');
  });

  it('in Electron: the report in place, and "Export PDF…" through the main process', async () => {
    const requests = electronBridge({ ok: true, value: { canceled: false, filePath: '/home/ana/Documents/INC-2026-ABC123-7.pdf' } });
    render(<ReportLinks kind="incident" id="INC-2026-ABC123-7" paper="Letter" />);
    const report = screen.getByRole('link', { name: 'Incident report' });
    expect(report.getAttribute('href')).toBe('#/report/incident/INC-2026-ABC123-7?paper=Letter');
    expect(report.getAttribute('target')).toBeNull();
    expect(screen.queryByRole('link', { name: /as PDF$/ })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export Incident report INC-2026-ABC123-7 as PDF' }));
    });
    expect(requests).toEqual([{ kind: 'incident', id: 'INC-2026-ABC123-7', paper: 'Letter' }]);
    expect(screen.getByRole('status').textContent).toBe('Saved to /home/ana/Documents/INC-2026-ABC123-7.pdf');
  });

  it('in Electron: says why an export failed, and nothing when the dialog was cancelled', async () => {
    electronBridge({ ok: false, error: { code: 'internal', message: 'Incident INC-2026-ABC123-9 not found' } });
    render(<ReportLinks kind="situation" />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export Situation report as PDF' }));
    });
    expect(screen.getByRole('status').textContent).toBe('Incident INC-2026-ABC123-9 not found');
    cleanup();
    electronBridge({ ok: true, value: { canceled: true } });
    render(<ReportLinks kind="situation" />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export Situation report as PDF' }));
    });
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
