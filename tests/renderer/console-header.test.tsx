// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../shared/contract/stream';
import type { ApiClient } from '../../renderer/src/api/api-client';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { ConsoleHeader } from '../../renderer/src/features/console/ConsoleHeader';
import { IncidentHeader } from '../../renderer/src/features/console/IncidentHeader';
import { created, fold } from './console-fixtures';

afterEach(cleanup);

/** A client whose inbox has `triage` groups waiting; `push` sends a stream message. */
function fakeClient(triage: () => number) {
  let listener: (m: StreamMessage) => void = () => {};
  const client: ApiClient = {
    call: ((method: string) =>
      method === 'alerts.inbox'
        ? Promise.resolve({ groups: [], counts: { all: 9, triage: triage(), firing: 5, attached: 1, dismissed: 0 }, truncated: false, dedupWindowMinutes: 15 })
        : Promise.reject(new Error(`no ${method} here`))) as ApiClient['call'],
    subscribe: (l) => {
      listener = l;
      return () => {};
    },
    onConnectionChange: () => () => {},
  };
  return { client, push: (m: StreamMessage) => listener(m) };
}

const settle = () =>
  act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });

describe('console header navigation', () => {
  it('links every view, with the triage count on Inbox and the situation report', async () => {
    const { client } = fakeClient(() => 3);
    render(
      <ApiProvider client={client}>
        <ConsoleHeader />
      </ApiProvider>,
    );
    await settle();
    const nav = screen.getByRole('navigation', { name: 'Views' });
    const href = (name: string) => within(nav).getByRole('link', { name }).getAttribute('href');
    expect(href('Wall board')).toBe('/#/wall');
    expect(href('Trends')).toBe('/#/trends');
    expect(href('Inbox, 3 alert groups need triage')).toBe('/#/inbox');
    expect(screen.getByRole('link', { name: /^Inbox/ }).textContent).toBe('Inbox3');
    expect(href('Import')).toBe('/#/import');
    expect(href('Situation report')).toBe('/#/report/situation');
    expect(href('Situation report as PDF')).toBe('/api/report.pdf?kind=situation');
    expect(href('Settings')).toBe('/#/settings');
    expect(href('Policies')).toBe('/#/policies');
    expect(href('Directory')).toBe('/#/directory');
  });

  it('counts again after alerts arrive', async () => {
    let waiting = 0;
    const { client, push } = fakeClient(() => waiting);
    render(
      <ApiProvider client={client}>
        <ConsoleHeader />
      </ApiProvider>,
    );
    await settle();
    expect(screen.getByRole('link', { name: 'Inbox, 0 alert groups need triage' }).textContent).toBe('Inbox');
    waiting = 1;
    push({ kind: 'alerts', groups: [], truncated: false, critical: [], monitoringSuggested: [] });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 2100));
    });
    expect(screen.getByRole('link', { name: 'Inbox, 1 alert group needs triage' })).toBeTruthy();
  });

  it("the incident header links the incident's report", () => {
    const incident = fold([created('INC-2026-ABC123-7', { title: 'Radio down' })]);
    render(<IncidentHeader incident={incident} />);
    expect(screen.getByRole('link', { name: 'Incident report' }).getAttribute('href')).toBe('/#/report/incident/INC-2026-ABC123-7');
    expect(screen.getByRole('link', { name: 'Incident report INC-2026-ABC123-7 as PDF' }).getAttribute('href')).toBe('/api/report.pdf?kind=incident&id=INC-2026-ABC123-7');
  });
});
