// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodName } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { Notification } from '../../shared/notifications/model';
import type { ApiClient } from '../../renderer/src/api/api-client';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { useConsole } from '../../renderer/src/features/console/console-store';
import { visibleIncidents, DEFAULT_FILTERS } from '../../renderer/src/features/console/incident-filter';
import { labelOf, nearestLabel, riskOf, snapshotOf, updateLabel } from '../../renderer/src/features/console/sla-model';
import { SlaCountdown } from '../../renderer/src/features/console/SlaCountdown';
import { NotificationBell, titleWithCount } from '../../renderer/src/features/notifications/NotificationBell';
import { useNotifications } from '../../renderer/src/features/notifications/notifications-store';
import { useWorkspace } from '../../renderer/src/state/workspace-store';
import { setClockOffset, useClock } from '../../renderer/src/ui/clock-store';
import { created, event, fold } from './console-fixtures';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A P1 (impact 1 × urgency 1) created at `at`. */
const p1 = (id: string, at: number, title = 'Radio down') => fold([created(id, { title, impact: 1, urgency: 1 }, { at: iso(at) })]);
const p2 = (id: string, at: number) => fold([created(id, { impact: 1, urgency: 2 }, { at: iso(at) })]);

describe('SLA labels in the console', () => {
  it('words the nearest clock and its tone: running, at risk (amber), breached (red)', () => {
    const i = p1('INC-2026-AAAA-1', T0);
    expect(nearestLabel(i, T0 + MIN)).toEqual({ tone: 'ok', flag: '', text: 'acknowledge due in 4 min' });
    expect(nearestLabel(i, T0 + 4 * MIN)).toEqual({ tone: 'warning', flag: 'At risk', text: 'acknowledge due in 1 min' });
    expect(nearestLabel(i, T0 + 17 * MIN)).toEqual({ tone: 'breached', flag: 'Breached', text: 'acknowledge breached 12 min ago' });
    expect(updateLabel(i, T0 + MIN)).toMatchObject({ text: 'first update due in 14 min' });
  });

  it('the next update is the cadence once the first update is sent', () => {
    const i = fold([
      created('INC-2026-AAAA-2', { impact: 1, urgency: 1 }, { at: iso(T0) }),
      event('INC-2026-AAAA-2', 'incident.statusChanged', { from: 'new', to: 'investigating' }, { at: iso(T0 + MIN) }),
      event('INC-2026-AAAA-2', 'entry.added', { entryId: 'e1', kind: 'status_update', text: 'Working on it' }, { at: iso(T0 + 10 * MIN) }),
    ]);
    expect(updateLabel(i, T0 + 16 * MIN)).toEqual({ tone: 'ok', flag: '', text: 'update due in 24 min' });
    // The display clock may lag the host's by up to a tick: the fresh update counts already.
    expect(updateLabel(i, T0 + 10 * MIN - 800)).toMatchObject({ text: 'update due in 30 min' });
  });

  it('orders by priority, then SLA risk, then age', () => {
    const older = p2('INC-2026-AAAA-3', T0); // P2: acknowledge 15 min
    const riskier = fold([created('INC-2026-AAAA-4', { impact: 1, urgency: 2 }, { at: iso(T0 + 2 * MIN) })]);
    const acked = fold([
      created('INC-2026-AAAA-5', { impact: 1, urgency: 2 }, { at: iso(T0 - 30 * MIN) }),
      event('INC-2026-AAAA-5', 'incident.statusChanged', { from: 'new', to: 'investigating' }, { at: iso(T0 - 29 * MIN) }),
      event('INC-2026-AAAA-5', 'entry.added', { entryId: 'u', kind: 'status_update', text: 'ok' }, { at: iso(T0 - 28 * MIN) }),
    ]);
    const top = p1('INC-2026-AAAA-6', T0 + 5 * MIN);
    const now = T0 + 6 * MIN;
    // older: 6/15 = 0.4; riskier: 4/15 ≈ 0.27; acked: cadence 34/60 ≈ 0.57 → first among P2s
    expect(riskOf(acked, now)!).toBeGreaterThan(riskOf(older, now)!);
    const order = visibleIncidents([older, riskier, acked, top], DEFAULT_FILTERS, '', (i) => riskOf(i, now)).map((i) => i.id);
    expect(order).toEqual(['INC-2026-AAAA-6', 'INC-2026-AAAA-5', 'INC-2026-AAAA-3', 'INC-2026-AAAA-4']);
  });

  it('labels a clock met late as met (in words), not as a live breach', () => {
    const late = fold([
      created('INC-2026-AAAA-7', { impact: 1, urgency: 1 }, { at: iso(T0) }),
      event('INC-2026-AAAA-7', 'incident.statusChanged', { from: 'new', to: 'acknowledged' }, { at: iso(T0 + 8 * MIN) }),
    ]);
    const ack = snapshotOf(late, T0 + 9 * MIN).clocks.find((c) => c.target === 'acknowledge')!;
    expect(labelOf(ack, T0 + 9 * MIN)).toEqual({ tone: 'met', flag: 'Met', text: 'acknowledge met 3 min late' });
    expect(nearestLabel(late, T0 + 9 * MIN)!.text).toBe('first update due in 6 min');
  });
});

describe('SlaCountdown', () => {
  afterEach(() => cleanup());
  it('ticks with the clock store and re-bases on the host clock offset', () => {
    const i = p1('INC-2026-AAAA-8', T0);
    act(() => useClock.setState({ now: T0 + MIN, offsetMs: 0 }));
    render(<SlaCountdown incident={i} />);
    expect(screen.getByText('acknowledge due in 4 min')).toBeTruthy();
    act(() => useClock.setState({ now: T0 + 6 * MIN }));
    expect(screen.getByText('acknowledge breached 1 min ago')).toBeTruthy();
    expect(screen.getByText('Breached')).toBeTruthy();
    expect(document.querySelector('[data-sla-tone]')!.getAttribute('data-sla-tone')).toBe('breached');
    act(() => setClockOffset(T0 + 2 * MIN - Date.now()));
    expect(screen.getByText('acknowledge due in 3 min')).toBeTruthy();
  });
});

describe('notification bell', () => {
  let listener: ((m: StreamMessage) => void) | undefined;
  let list: Notification[];
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const n = (id: string, extra: Partial<Notification> = {}): Notification => ({
    id,
    kind: 'sla.breached',
    incidentId: 'INC-2026-AAAA-1',
    priority: 'P1',
    at: iso(T0),
    title: `INC-2026-AAAA-1: ${id}`,
    body: 'Radio down',
    assignee: null,
    target: 'update',
    acknowledged: false,
    ...extra,
  });
  const client: ApiClient = {
    call: vi.fn(async (method: MethodName, input: unknown) => {
      calls.push({ method, input });
      if (method === 'notifications.list') return { notifications: list, unacknowledged: list.filter((x) => !x.acknowledged).length } as never;
      if (method === 'notifications.acknowledge') {
        const all = (input as { all?: boolean }).all;
        const ids = (input as { ids?: string[] }).ids ?? [];
        list = list.map((x) => (all || ids.includes(x.id) ? { ...x, acknowledged: true } : x));
        return { acknowledged: ids, unacknowledged: list.filter((x) => !x.acknowledged).length } as never;
      }
      if (method === 'notifications.preferences') return {} as never;
      return {} as never;
    }) as ApiClient['call'],
    subscribe: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
    onConnectionChange: (l) => {
      l(true);
      return () => {};
    },
  };

  beforeEach(() => {
    calls.length = 0;
    list = [n('a'), n('b'), n('c', { acknowledged: true })];
    useNotifications.setState({ items: [], unacknowledged: 0, open: false, loaded: false, error: undefined });
    useWorkspace.setState({ incidents: {}, info: undefined });
    useConsole.setState({ selectedId: undefined });
    Object.defineProperty(window, 'Notification', { configurable: true, value: Object.assign(vi.fn(), { permission: 'default', requestPermission: vi.fn(async () => 'granted') }) });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows the unacknowledged count on the bell and in the title; acknowledges one or all; never asks permission on load', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    render(
      <ApiProvider client={client}>
        <NotificationBell />
      </ApiProvider>,
    );
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unacknowledged' });
    expect(document.title).toBe('(2) Watchfloor');
    expect((window.Notification as unknown as { requestPermission: ReturnType<typeof vi.fn> }).requestPermission).not.toHaveBeenCalled();

    fireEvent.click(bell);
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['INC-2026-AAAA-1: a', 'INC-2026-AAAA-1: b', 'INC-2026-AAAA-1: c (acknowledged)']);

    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Acknowledge: INC-2026-AAAA-1: a' })));
    expect(calls.at(-1)).toEqual({ method: 'notifications.acknowledge', input: { ids: ['a'] } });
    expect(screen.getByRole('button', { name: 'Notifications, 1 unacknowledged' })).toBeTruthy();

    // A new one arrives on the stream: the centre asks the host again.
    list = [n('d'), ...list];
    await act(async () => {
      listener?.({ kind: 'notifications', added: [n('d')], acknowledged: [] });
      await vi.advanceTimersByTimeAsync(200);
    });
    expect(screen.getByRole('button', { name: 'Notifications, 2 unacknowledged' })).toBeTruthy();

    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Acknowledge all' })));
    expect(calls.at(-1)).toEqual({ method: 'notifications.acknowledge', input: { all: true } });
    expect(screen.getByRole('button', { name: 'Notifications, 0 unacknowledged' })).toBeTruthy();
    expect(document.title).toBe('Watchfloor');

    // The permission is asked only from the button.
    fireEvent.click(within(panel).getByText('Desktop notifications'));
    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Enable desktop notifications' })));
    expect((window.Notification as unknown as { requestPermission: ReturnType<typeof vi.fn> }).requestPermission).toHaveBeenCalledTimes(1);
  });

  it('titles the window with the count', () => {
    expect(titleWithCount(0)).toBe('Watchfloor');
    expect(titleWithCount(3)).toBe('(3) Watchfloor');
  });
});
