// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodName, WorkspaceInfo } from '../../shared/contract/api';
import type { IncidentState } from '../../shared/domain/incident';
import { DEFAULT_LIFECYCLE } from '../../shared/domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX } from '../../shared/domain/priority';
import type { ApiClient } from '../../renderer/src/api/api-client';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { ConsoleView } from '../../renderer/src/features/console/ConsoleView';
import { useConsole } from '../../renderer/src/features/console/console-store';
import { DEFAULT_FILTERS } from '../../renderer/src/features/console/incident-filter';
import { DEFAULT_TIMELINE_FILTERS } from '../../renderer/src/features/console/timeline-model';
import { useWorkspace } from '../../renderer/src/state/workspace-store';
import { created, fold } from './console-fixtures';

const info: WorkspaceInfo = {
  version: '0.1.0',
  writerId: 'w',
  writerCode: 'AAAA',
  settings: { operatorName: 'Jane', siteName: 'North', utcEverywhere: true, theme: 'dark' },
  matrix: DEFAULT_PRIORITY_MATRIX,
  lifecycle: DEFAULT_LIFECYCLE,
  suggestions: { services: ['CAD', 'Radio'], categories: [], people: ['Bob'] },
  readOnly: false,
};

const a = fold([created('INC-2026-AAAA-1', { title: 'Radio down', impact: 1, urgency: 1 })]);
const b = fold([created('INC-2026-AAAA-2', { title: 'CAD slow', impact: 2, urgency: 2 })]);
const c = fold([created('INC-2026-AAAA-3', { title: 'Door fault', impact: 3, urgency: 3 })]);

function fakeClient() {
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const client: ApiClient = {
    call: vi.fn(async (method: MethodName, input: unknown) => {
      calls.push({ method, input });
      if (method === 'incidents.create') {
        return fold([created('INC-2026-AAAA-9', input as Record<string, unknown>)]) as never;
      }
      if (method === 'incidents.command') return useWorkspace.getState().incidents[(input as { id: string }).id] as never;
      return {} as never;
    }) as ApiClient['call'],
    subscribe: () => () => {},
    onConnectionChange: (l) => {
      l(true);
      return () => {};
    },
  };
  return { client, calls };
}

function setup(incidents: IncidentState[] = [a, b, c]) {
  useWorkspace.setState({ info, incidents: Object.fromEntries(incidents.map((i) => [i.id, i])), connected: true, loadError: undefined });
  const { client, calls } = fakeClient();
  render(
    <ApiProvider client={client}>
      <ConsoleView />
    </ApiProvider>,
  );
  return { calls };
}

const press = (key: string, code: string, mods: KeyboardEventInit = {}, target: Element | Window = window) =>
  act(() => {
    fireEvent.keyDown(target, { key, code, ...mods });
  });

beforeEach(() => {
  localStorage.clear();
  Element.prototype.scrollIntoView ??= () => {};
  useConsole.setState({ selectedId: undefined, drafts: {}, seen: {}, filters: DEFAULT_FILTERS, timelineFilters: DEFAULT_TIMELINE_FILTERS, createOpen: false, paletteOpen: false });
});
afterEach(() => cleanup());

describe('ConsoleView', () => {
  it('lists open incidents by priority; each item is named starting with its id', () => {
    setup([c, b, a]);
    const list = screen.getByRole('list', { name: 'Open incidents' });
    const names = within(list)
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('aria-label'));
    expect(names).toEqual(['INC-2026-AAAA-1 P1 Radio down', 'INC-2026-AAAA-2 P3 CAD slow', 'INC-2026-AAAA-3 P5 Door fault']);
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('Connected');
  });

  it('selects the n-th incident with Ctrl+n and shows only legal lifecycle buttons', () => {
    setup();
    press('2', 'Digit2', { ctrlKey: true });
    expect(screen.getByRole('heading', { level: 2, name: 'CAD slow' })).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Change status' });
    const labels = within(group)
      .getAllByRole('button')
      .map((x) => x.textContent);
    expect(labels).toEqual(['Acknowledge', 'Start investigating', 'Put on hold…', 'Cancel…']);
    expect(screen.getByRole('button', { name: 'Cancel…' })).toBeTruthy();
  });

  it('keeps unsaved quick-entry text per incident, picks the kind with Alt+n and adds with Ctrl+Enter', async () => {
    const { calls } = setup();
    press('1', 'Digit1', { ctrlKey: true });
    const box = () => screen.getByRole('textbox', { name: /text$/ }) as HTMLTextAreaElement;
    fireEvent.change(box(), { target: { value: 'Half a thought' } });
    press('2', 'Digit2', { ctrlKey: true });
    expect(box().value).toBe('');
    press('1', 'Digit1', { ctrlKey: true });
    expect(box().value).toBe('Half a thought');

    press('2', 'Digit2', { altKey: true });
    expect((screen.getByRole('radio', { name: /Decision/ }) as HTMLInputElement).checked).toBe(true);

    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter', code: 'Enter', ctrlKey: true });
    });
    expect(calls.at(-1)).toEqual({
      method: 'incidents.command',
      input: { id: 'INC-2026-AAAA-1', command: { type: 'addEntry', kind: 'decision', text: 'Half a thought', occurredAt: null } },
    });
    expect(box().value).toBe('');
  });

  it('keeps the create form open when the incident list arrives after it was opened', () => {
    setup([]);
    fireEvent.click(screen.getByRole('button', { name: 'New incident' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Badge readers offline' } });
    act(() => useWorkspace.getState().upsert([a, b]));
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Badge readers offline');
    expect(useConsole.getState().selectedId).toBe(a.id); // the top incident is still preselected behind the form
  });

  it('validates the create form as the user types and selects the new incident', async () => {
    const { calls } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'New incident' }));
    const title = screen.getByLabelText('Title') as HTMLInputElement;
    fireEvent.change(title, { target: { value: 'x' } });
    fireEvent.change(title, { target: { value: ' ' } });
    expect(screen.getByText('Required')).toBeTruthy();
    fireEvent.change(title, { target: { value: 'Core switch failure' } });
    fireEvent.change(screen.getByLabelText('Impact'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Urgency'), { target: { value: '1' } });
    expect(screen.getByText('Resulting priority').parentElement?.textContent).toContain('P1');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create incident' }));
    });
    expect(calls.at(-1)?.method).toBe('incidents.create');
    expect(calls.at(-1)?.input).toMatchObject({ title: 'Core switch failure', impact: 1, urgency: 1 });
    expect(useConsole.getState().selectedId).toBe('INC-2026-AAAA-9');
    expect(screen.getByRole('heading', { level: 2, name: 'Core switch failure' })).toBeTruthy();
  });

  it('marks rows changed since last looked at', () => {
    setup();
    press('1', 'Digit1', { ctrlKey: true });
    const row = (id: string) => screen.getByRole('button', { name: new RegExp(`^${id}`) });
    expect(row('INC-2026-AAAA-2').getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(row('INC-2026-AAAA-2').getAttribute('aria-describedby')!)?.textContent).toContain('changed since you last looked');
    expect(document.getElementById(row('INC-2026-AAAA-1').getAttribute('aria-describedby')!)?.textContent).not.toContain('changed');
    expect(useConsole.getState().seen['INC-2026-AAAA-1']).toBe(a.version);
  });
});
