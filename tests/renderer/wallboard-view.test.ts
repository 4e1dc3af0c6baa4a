// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceInfo } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { IncidentState } from '../../shared/domain/incident';
import { DEFAULT_LIFECYCLE } from '../../shared/domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX } from '../../shared/domain/priority';
import * as facts from '../../shared/wallboard/facts';
import * as order from '../../shared/wallboard/order';
import type { ApiClient } from '../../renderer/src/api/api-client';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { App } from '../../renderer/src/app/App';
import { BOARD_UPDATE_MS } from '../../renderer/src/features/wallboard/use-coalesced-incidents';
import { WallBoardView } from '../../renderer/src/features/wallboard/WallBoardView';
import { useClock } from '../../renderer/src/ui/clock-store';
import { useWorkspace } from '../../renderer/src/state/workspace-store';
import { T0, Writer } from '../shared/helpers';

vi.mock('../../shared/wallboard/facts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../shared/wallboard/facts')>();
  return { ...m, headlineEntry: vi.fn(m.headlineEntry) };
});
vi.mock('../../shared/wallboard/order', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../shared/wallboard/order')>();
  return { ...m, orderForBoard: vi.fn(m.orderForBoard) };
});

const MIN = 60_000;
const info = {
  version: '0.1.0',
  writerId: 'w',
  writerCode: 'WALL',
  settings: { operatorName: 'Wall', siteName: 'North Control Room', utcEverywhere: false, theme: 'dark' },
  matrix: DEFAULT_PRIORITY_MATRIX,
  lifecycle: DEFAULT_LIFECYCLE,
  suggestions: { services: [], categories: [], people: [] },
  readOnly: true,
} satisfies WorkspaceInfo;

const LEVELS = { P1: [1, 1], P2: [1, 2], P3: [2, 2], P4: [2, 3], P5: [3, 3] } as const;

function incidents(spec: Array<[keyof typeof LEVELS, string, Record<string, unknown>?]>): { w: Writer; list: IncidentState[] } {
  const w = new Writer('writer-wall', { tag: 'wall' });
  const ids = spec.map(([p, title, extra], i) => {
    w.now = T0 + i * 1000;
    return w.create({ title, impact: LEVELS[p][0], urgency: LEVELS[p][1], ...extra });
  });
  return { w, list: ids.map((id) => w.get(id)) };
}

function setStore(list: IncidentState[]) {
  useWorkspace.setState({ info, incidents: Object.fromEntries(list.map((i) => [i.id, i])), incidentsLoaded: true, connected: true, loadError: undefined });
}

function tick(to: number) {
  act(() => useClock.setState({ now: to }));
}

function show(query = '') {
  return render(createElement(WallBoardView, { params: new URLSearchParams(query) }));
}

const articleNames = () => screen.getAllByRole('article').map((a) => a.getAttribute('data-incident'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0 + 5 * MIN);
  useClock.setState({ now: T0 + 5 * MIN, offsetMs: 0 });
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1920 });
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: 1080 });
  localStorage.clear();
  vi.mocked(facts.headlineEntry).mockClear();
  vi.mocked(order.orderForBoard).mockClear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('WallBoardView', () => {
  it('shows a calm empty screen with the clock', () => {
    setStore([]);
    show();
    expect(screen.getByRole('heading', { name: 'No active incidents' })).toBeTruthy();
    expect(screen.getByText('North Control Room')).toBeTruthy();
    expect(screen.getByText('LIVE')).toBeTruthy();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
  });

  it('shows two or three incidents as hero panels with roles and timeline', () => {
    const { w, list } = incidents([
      ['P2', 'CAD slow'],
      ['P3', 'Door fault'],
    ]);
    w.now = T0 + MIN;
    w.run(list[0]!.id, { type: 'assignRole', role: 'communications', person: 'Bo Lind' });
    w.run(list[0]!.id, { type: 'addEntry', kind: 'decision', text: 'Fail over to the backup site' });
    setStore([w.get(list[0]!.id), list[1]!]);
    show();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(screen.getByText('Bo Lind')).toBeTruthy();
    expect(screen.getByText('Fail over to the backup site')).toBeTruthy();
    expect(screen.getAllByRole('heading', { name: 'Latest timeline' })).toHaveLength(2);
  });

  it('shows one article per active incident in board order, named by id first', () => {
    const { w, list } = incidents([
      ['P3', 'Door fault'],
      ['P1', 'Radio down'],
      ['P2', 'CAD slow'],
      ['P1', 'Cancelled one'],
    ]);
    w.now = T0 + 2 * MIN;
    w.run(list[3]!.id, { type: 'transition', to: 'cancelled', reason: 'Raised in error' });
    setStore([...list.slice(0, 3), w.get(list[3]!.id)]);
    show();
    const articles = screen.getAllByRole('article');
    expect(articles).toHaveLength(3);
    expect(articleNames()).toEqual([list[1]!.id, list[2]!.id, list[0]!.id]);
    for (const a of articles) {
      const id = a.getAttribute('data-incident')!;
      expect(screen.getByRole('article', { name: new RegExp(`^${id} `) })).toBe(a);
    }
    expect(screen.getByRole('article', { name: `${list[1]!.id} Radio down` })).toBeTruthy();
    // header counts
    expect(screen.getByRole('list', { name: 'Active incidents by priority' }).textContent).toContain('P11');
  });

  it('a clock tick re-renders only time texts, not the board or its tiles', () => {
    const { list } = incidents([
      ['P2', 'CAD slow'],
      ['P3', 'Door fault'],
      ['P4', 'Printer'],
      ['P5', 'Kettle'],
    ]);
    setStore(list);
    show();
    const tileRenders = vi.mocked(facts.headlineEntry).mock.calls.length;
    const boardRenders = vi.mocked(order.orderForBoard).mock.calls.length;
    expect(tileRenders).toBeGreaterThan(0);
    const before = screen.getAllByText(/^Impact/)[0]!.textContent;
    tick(T0 + 6 * MIN);
    tick(T0 + 7 * MIN);
    expect(screen.getAllByText(/^Impact/)[0]!.textContent).not.toBe(before); // the time moved
    expect(vi.mocked(facts.headlineEntry).mock.calls.length).toBe(tileRenders);
    expect(vi.mocked(order.orderForBoard).mock.calls.length).toBe(boardRenders);
  });

  it('re-renders only the changed tile when one incident changes', () => {
    const { w, list } = incidents([
      ['P2', 'CAD slow'],
      ['P3', 'Door fault'],
      ['P4', 'Printer'],
      ['P5', 'Kettle'],
    ]);
    setStore(list);
    show();
    const before = vi.mocked(facts.headlineEntry).mock.calls.length;
    w.now = T0 + 6 * MIN;
    w.run(list[0]!.id, { type: 'assignRole', role: 'coordinator', person: 'Ana Ruiz' });
    // the server sends the changed incident; an unchanged one re-sent keeps its identity
    act(() => useWorkspace.getState().upsert([w.get(list[0]!.id), list[1]!]));
    expect(vi.mocked(facts.headlineEntry).mock.calls.length).toBe(before + 1);
    expect(screen.getByText('Ana Ruiz')).toBeTruthy();
  });

  it('coalesces a burst of changes: the first shows at once, the rest within BOARD_UPDATE_MS', async () => {
    const { w, list } = incidents([
      ['P2', 'CAD slow'],
      ['P3', 'Door fault'],
      ['P4', 'Printer'],
      ['P5', 'Kettle'],
    ]);
    setStore(list);
    show();
    w.now = T0 + 6 * MIN;
    w.run(list[0]!.id, { type: 'assignRole', role: 'coordinator', person: 'Ana Ruiz' });
    act(() => useWorkspace.getState().upsert([w.get(list[0]!.id)]));
    expect(screen.getByText('Ana Ruiz')).toBeTruthy();
    w.run(list[1]!.id, { type: 'assignRole', role: 'coordinator', person: 'Bo Lind' });
    act(() => useWorkspace.getState().upsert([w.get(list[1]!.id)]));
    expect(screen.queryByText('Bo Lind')).toBeNull(); // within the burst: not yet
    await act(() => new Promise((r) => setTimeout(r, BOARD_UPDATE_MS + 50)));
    expect(screen.getByText('Bo Lind')).toBeTruthy();
  });

  it('marks an overdue update when the SLA update clock breaches, without waiting for data', () => {
    const { list } = incidents([
      ['P2', 'CAD slow'],
      ['P3', 'Door fault'],
    ]);
    setStore(list);
    show();
    expect(screen.queryByText(/UPDATE OVERDUE/)).toBeNull();
    expect(screen.getByText(/0 breaching/)).toBeTruthy();
    // P2: first stakeholder update due 30 min after creation (and acknowledgement after 15)
    tick(T0 + 31 * MIN);
    expect(screen.getAllByText(/UPDATE OVERDUE/)).toHaveLength(1);
    expect(screen.getByText(/1 breaching/)).toBeTruthy();
  });

  it("shows each tile's SLA countdown with the target name, amber at a warning, red at a breach", () => {
    const { list } = incidents([
      ['P2', 'CAD slow'],
      ['P3', 'Door fault'],
      ['P4', 'Printer'],
      ['P5', 'Kettle'],
    ]);
    setStore(list);
    const { container } = show();
    const slaOf = (title: string) => screen.getByRole('article', { name: new RegExp(title) }).querySelector('.wall-sla')!;
    // P2 created at T0: acknowledge due 15 min later; the board shows T0 + 5 min
    expect(slaOf('CAD slow').textContent).toContain('acknowledge due in 10 min');
    expect(slaOf('CAD slow').getAttribute('data-sla-tone')).toBe('ok');
    const orders = vi.mocked(order.orderForBoard).mock.calls.length;
    tick(T0 + 6 * MIN);
    expect(slaOf('CAD slow').textContent).toContain('acknowledge due in 9 min'); // only the text ticked
    expect(vi.mocked(order.orderForBoard).mock.calls.length).toBe(orders);
    tick(T0 + 12 * MIN); // 80 % of 15 min: warning
    expect(slaOf('CAD slow').getAttribute('data-sla-tone')).toBe('warning');
    expect(slaOf('CAD slow').textContent).toMatch(/SLA near breach: acknowledge due in 3 min/);
    expect(screen.getByText(/1 near breach/)).toBeTruthy();
    expect(vi.mocked(order.orderForBoard).mock.calls.length).toBe(orders + 1); // re-ordered once, at the change
    tick(T0 + 27 * MIN);
    expect(slaOf('CAD slow').getAttribute('data-sla-tone')).toBe('breached');
    expect(slaOf('CAD slow').textContent).toContain('acknowledge breached 12 min ago');
    expect(container.querySelector('.wall-sla-count.is-breached')!.textContent).toContain('1 breaching');
  });

  it('pulses on an SLA breach until clicked', () => {
    const { list } = incidents([
      ['P2', 'CAD slow'],
      ['P3', 'Door fault'],
      ['P4', 'Printer'],
      ['P5', 'Kettle'],
    ]);
    setStore(list);
    show();
    const tile = () => screen.getByRole('article', { name: /CAD slow/ });
    expect(tile().className).not.toContain('is-attention');
    tick(T0 + 16 * MIN);
    expect(tile().className).toContain('is-attention');
    expect(screen.getByRole('button', { name: /SLA breach/ })).toBeTruthy();
    fireEvent.click(tile());
    expect(tile().className).not.toContain('is-attention');
    // the update going overdue later is a new occurrence: it asks again
    tick(T0 + 31 * MIN);
    expect(screen.getByRole('button', { name: /Update overdue/ })).toBeTruthy();
  });

  it('pulses a new P1 until clicked, and remembers the acknowledgement per board', () => {
    const { list } = incidents([
      ['P1', 'Radio down'],
      ['P3', 'Door fault'],
    ]);
    setStore(list);
    const { unmount } = show('board=north');
    const tile = screen.getByRole('article', { name: /Radio down/ });
    expect(tile.className).toContain('is-attention');
    expect(screen.getByRole('button', { name: /New P1/ })).toBeTruthy();
    fireEvent.click(tile);
    expect(tile.className).not.toContain('is-attention');
    unmount();
    show('board=north');
    expect(screen.getByRole('article', { name: /Radio down/ }).className).not.toContain('is-attention');
    cleanup();
    show('board=south');
    expect(screen.getByRole('article', { name: /Radio down/ }).className).toContain('is-attention');
  });

  it('filters by URL parameters and names the filter', () => {
    const { list } = incidents([
      ['P1', 'Radio down', { services: ['North site'] }],
      ['P2', 'CAD slow', { services: ['South site'] }],
      ['P3', 'Drill', { exercise: true, services: ['North site'] }],
    ]);
    setStore(list);
    show('location=north&exercise=exclude');
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.getByText('Location north · Exercises excluded')).toBeTruthy();
  });

  it('applies the theme and reduced motion from the URL', () => {
    setStore([]);
    const { container } = show('theme=high-contrast&motion=reduced');
    expect(document.documentElement.dataset.theme).toBe('high-contrast');
    expect(container.querySelector('.wall-board')!.getAttribute('data-theme')).toBe('high-contrast');
    expect(container.querySelector('.wall-board')!.getAttribute('data-motion')).toBe('reduced');
  });

  it("keeps the board's theme when the app applies the workspace theme (App on the wall view)", async () => {
    setStore([]);
    const client: ApiClient = {
      call: ((method: string) => Promise.resolve(method === 'workspace.info' ? info : { incidents: [] })) as ApiClient['call'],
      subscribe: () => () => {},
      onConnectionChange: () => () => {},
    };
    window.history.pushState({}, '', '/wall?theme=high-contrast');
    try {
      render(createElement(ApiProvider, { client, children: createElement(App) }));
      await act(async () => {
        await Promise.resolve();
      });
      expect(useWorkspace.getState().info?.settings.theme).toBe('dark');
      expect(document.documentElement.dataset.theme).toBe('high-contrast');
    } finally {
      window.history.pushState({}, '', '/');
    }
  });

  it('pages when the incidents do not fit, keeping P1s on every page', () => {
    const spec: Array<[keyof typeof LEVELS, string]> = [
      ['P1', 'Radio down'],
      ...Array.from({ length: 39 }, (_, i): [keyof typeof LEVELS, string] => ['P4', `Minor ${i}`]),
    ];
    const { list } = incidents(spec);
    setStore(list);
    show('rotate=10');
    // 6 × 5 compact tiles per page at 1080p; one P1 pinned → 29 rotating slots: 39 / 29 → 2 pages
    const period = 10_000;
    const start = Math.ceil((T0 + 5 * MIN) / (2 * period)) * 2 * period; // a page-1 moment
    tick(start);
    expect(screen.getByText(/^Page 1 of 2 · P1 & breached pinned/)).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(30);
    const page1 = articleNames();
    tick(start + period);
    expect(screen.getByText(/^Page 2 of 2/)).toBeTruthy();
    const page2 = articleNames();
    expect(page2[0]).toBe(list[0]!.id);
    expect(page1[0]).toBe(list[0]!.id);
    expect(page2.slice(1).some((id) => page1.includes(id))).toBe(false);
    expect(page1.length + page2.length - 1).toBe(40);
  });

  it('fits 30 incidents on one 1080p page, in compact tiles', () => {
    const { list } = incidents(Array.from({ length: 30 }, (_, i): [keyof typeof LEVELS, string] => [i < 3 ? 'P1' : 'P3', `Incident ${i}`]));
    setStore(list);
    const { container } = show();
    expect(screen.getAllByRole('article')).toHaveLength(30);
    expect(container.querySelectorAll('.wall-tile--compact')).toHaveLength(30);
    expect(screen.queryByText(/^Page /)).toBeNull();
    expect((container.querySelector('.wall-grid') as HTMLElement).style.getPropertyValue('--wall-tile-fs')).toBe('22.68px');
  });

  it('shows critical alerts on the ticker: recent ones from the inbox, new ones from the stream, marked in words', async () => {
    const { list } = incidents([['P2', 'CAD slow']]);
    setStore(list);
    const at = new Date(T0 + 2 * MIN).toISOString();
    const firing = {
      dedupKey: 'k', format: 'generic', status: 'firing', acknowledged: false, severity: 'critical', rawSeverity: 'critical',
      title: 'Core switch down', description: '', labels: {}, annotations: {}, links: [], startsAt: at, endsAt: null, exercise: false,
      flag: null, placeholder: false, firstSeenAt: at, lastSeenAt: at, lastChangedAt: at, count: 1, fires: 1,
    };
    const group = {
      id: 'nms/core', source: 'nms', groupKey: 'core', format: 'generic', title: 'Core switch down', severity: 'critical', peakSeverity: 'critical',
      labels: {}, alerts: [firing], firstSeenAt: at, lastSeenAt: at, lastChangedAt: at, count: 1, duplicates: 0, firing: true, firingCount: 1,
      acknowledged: false, truncatedAlerts: 0, exercise: false, flag: null, incidentId: null, incidentCreated: false, dismissed: null,
    };
    let push: (m: StreamMessage) => void = () => {};
    const client: ApiClient = {
      call: ((method: string) =>
        Promise.resolve(method === 'alerts.inbox' ? { groups: [group], counts: {}, truncated: false, dedupWindowMinutes: 15 } : {})) as ApiClient['call'],
      subscribe: (l) => {
        push = l;
        return () => {};
      },
      onConnectionChange: () => () => {},
    };
    render(createElement(ApiProvider, { client, children: createElement(WallBoardView, { params: new URLSearchParams() }) }));
    await act(async () => {
      await Promise.resolve();
    });
    const ticker = () => screen.getByRole('region', { name: 'Latest changes and critical alerts' });
    const lines = () => [...ticker().querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines()[0]).toMatch(/^\d\d:\d\d ⚠ CRITICAL ALERT nms Core switch down 3m ago$/);
    expect(lines()[1]).toMatch(/New P2: CAD slow$/);

    act(() =>
      push({
        kind: 'alerts', groups: [], truncated: false, monitoringSuggested: [],
        critical: [{ groupId: 'pd/db', source: 'pagerduty', title: 'Primary DB unreachable', at: new Date(T0 + 4 * MIN).toISOString(), incidentId: null, exercise: false }],
      }),
    );
    expect(lines()[0]).toMatch(/CRITICAL ALERT pagerduty Primary DB unreachable 1m ago$/);
    expect(lines()).toHaveLength(3);
  });

  it('never needs the API client (read-only: it renders without one)', () => {
    const { list } = incidents([['P1', 'Radio down']]);
    setStore(list);
    expect(() => show()).not.toThrow();
    expect(screen.getByRole('article', { name: /Radio down/ })).toBeTruthy();
  });
});
