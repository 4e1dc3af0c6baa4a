import { EventEmitter } from 'node:events';
import type { NotificationConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { Notification } from '../../shared/notifications/model';
import { DEFAULT_NOTIFICATION_PREFERENCES, NotificationPreferencesSchema, type NotificationPreferences } from '../../shared/notifications/preferences';
import { createDesktopNotifier, type NotifierTimers } from '../../electron/main/notifications';
import { createWindowManager } from '../../electron/main/windows';
import { ControllableClock } from '../../electron/services/scheduler/controllable-clock';
import { slaRuntimeOf, startSla } from '../../electron/services/scheduler/sla-runtime';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { FakeBrowserWindow } from './fake-window';

/** Stands in for Electron's Notification: records what was shown and lets the test click it. */
class FakeNotification extends EventEmitter {
  static supported = true;
  static instances: FakeNotification[] = [];
  static isSupported() {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
    FakeNotification.instances.push(this);
  }
  show() {
    this.shown = true;
  }
}

class ManualTimers implements NotifierTimers {
  pending: Array<{ fn: () => void; ms: number; id: number }> = [];
  private n = 0;
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.n;
    this.pending.push({ fn, ms, id });
    return id;
  }
  clearTimeout(h: unknown) {
    this.pending = this.pending.filter((p) => p.id !== h);
  }
  fire() {
    const due = this.pending;
    this.pending = [];
    for (const p of due) p.fn();
  }
}

const T = Date.parse('2026-03-02T10:00:00Z');
let seq = 0;
function note(kind: Notification['kind'], incidentId: string, extra: Partial<Notification> = {}): Notification {
  seq++;
  return { id: `n${seq}`, kind, incidentId, priority: 'P2', at: new Date(T).toISOString(), title: `${incidentId} ${kind}`, body: 'Radio trunking down', assignee: null, target: kind.startsWith('sla.') ? 'update' : null, acknowledged: false, ...extra };
}
const added = (...list: Notification[]): StreamMessage => ({ kind: 'notifications', added: list, acknowledged: [] });

describe('desktop notifier', () => {
  let now: number;
  let prefs: NotificationPreferences;
  let focused: boolean;
  let badge: number[];
  let unacked: number;
  let activated: Array<string | null>;
  let timers: ManualTimers;
  const make = (operator = 'Ana Ruiz', minuteOfDay = 600) =>
    createDesktopNotifier({
      Notification: FakeNotification,
      onActivate: (id) => activated.push(id),
      setBadgeCount: (c) => badge.push(c),
      preferences: () => prefs,
      operator: () => operator,
      unacknowledged: () => unacked,
      isFocused: () => focused,
      now: () => now,
      minuteOfDay: () => minuteOfDay,
      timers,
    });

  beforeEach(() => {
    FakeNotification.instances = [];
    FakeNotification.supported = true;
    now = T;
    prefs = DEFAULT_NOTIFICATION_PREFERENCES;
    focused = false;
    badge = [];
    unacked = 0;
    activated = [];
    timers = new ManualTimers();
  });

  it('shows each notification with sound per preference; P1 stays; a click opens the incident', () => {
    const d = make();
    d.handle(added(note('sla.breached', 'INC-1', { priority: 'P1', title: 'INC-1: update cadence breached' })));
    const [shown] = FakeNotification.instances;
    expect(shown?.shown).toBe(true);
    expect(shown?.options).toEqual({ title: 'INC-1: update cadence breached', body: 'Radio trunking down', silent: false, timeoutType: 'never' });
    prefs = { ...prefs, sound: false };
    d.handle(added(note('sla.warning', 'INC-2')));
    expect(FakeNotification.instances[1]!.options).toMatchObject({ silent: true, timeoutType: 'default' });
    shown!.emit('click');
    expect(activated).toEqual(['INC-1']);
    expect(d.open).toBe(1);
  });

  it('coalesces a burst: "5 incidents breached update cadence", and summarises the rest after the hold', () => {
    const d = make();
    d.handle(added(...Array.from({ length: 5 }, (_, i) => note('sla.breached', `INC-${i + 1}`))));
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['5 incidents breached update cadence']);
    expect(FakeNotification.instances[0]!.options.body).toBe('INC-1, INC-2, INC-3 and 2 more');
    FakeNotification.instances[0]!.emit('click');
    expect(activated).toEqual([null]); // several incidents: just bring the console forward
    now = T + 3000;
    d.handle(added(note('escalation.raised', 'INC-7'), note('escalation.raised', 'INC-8')));
    expect(FakeNotification.instances).toHaveLength(1); // held
    expect(timers.pending.map((p) => p.ms)).toEqual([7000]);
    now = T + 10_000;
    timers.fire();
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['5 incidents breached update cadence', '2 incidents escalated']);
  });

  it('respects kinds, quiet hours, assignee and focus', () => {
    prefs = NotificationPreferencesSchema.parse({ kinds: ['sla.breached', 'assigned'], quietHours: { enabled: true, start: '22:00', end: '07:00' } });
    make().handle(added(note('sla.warning', 'INC-1'), note('assigned', 'INC-2', { assignee: 'Ben Okafor' }), note('assigned', 'INC-3', { assignee: 'ana ruiz' })));
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['INC-3 assigned']);
    make('Ana Ruiz', 23 * 60).handle(added(note('sla.breached', 'INC-4'), note('sla.breached', 'INC-5', { priority: 'P1' })));
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['INC-3 assigned', 'INC-5 sla.breached']); // quiet: only P1
    focused = true;
    make().handle(added(note('sla.breached', 'INC-6')));
    expect(FakeNotification.instances).toHaveLength(2);
  });

  it('sets the badge to the unacknowledged count when it changes, and does nothing unsupported', () => {
    const d = make();
    unacked = 3;
    d.refreshBadge();
    d.handle({ kind: 'notifications', added: [], acknowledged: ['x'], operator: 'Ana Ruiz' });
    unacked = 2;
    d.handle({ kind: 'notifications', added: [], acknowledged: ['y'], operator: 'Ana Ruiz' });
    d.handle({ kind: 'incidents', incidents: [] });
    expect(badge).toEqual([3, 2]);
    FakeNotification.supported = false;
    d.handle(added(note('incident.p1', 'INC-1')));
    expect(FakeNotification.instances).toEqual([]);
  });
});

describe('desktop notifier fed by a real workspace and scheduler', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let service: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('wf-desktop-');
    FakeNotification.instances = [];
    FakeNotification.supported = true;
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('a breach found by the scheduler pops up; its click focuses the console on the incident; the badge follows acknowledgements', async () => {
    const clock = new ControllableClock({ now: () => T });
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock });
    await startSla(service, { testClock: clock, changeDelayMs: 0 });
    const { centre, store } = await slaRuntimeOf(service);
    const windows = createWindowManager({ BrowserWindow: FakeBrowserWindow, preloadPath: '/p', entryUrl: 'app://watchfloor/index.html', displays: () => ({ all: [] }) });
    const consoleWin = windows.openConsole();
    const badge: number[] = [];
    const notifier = createDesktopNotifier({
      Notification: FakeNotification,
      onActivate: (id) => windows.showConsole(id ?? undefined),
      setBadgeCount: (c) => badge.push(c),
      preferences: () => store.preferences,
      operator: () => service.settings.operatorName,
      unacknowledged: () => centre.unacknowledgedCount(service.settings.operatorName),
      now: () => service.now(),
      minuteOfDay: () => 600,
    });
    service.subscribe((m) => notifier.handle(m));
    notifier.refreshBadge();

    const inc = (await service.call('incidents.create', { title: 'Radio trunking down', impact: 1, urgency: 1 })) as MethodOutput<'incidents.create'>;
    await service.call('testing.advanceClock', { ms: 5 * 60_000 });
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual([`P1 incident ${inc.id}`, `${inc.id}: acknowledge target breached`]);
    expect(badge).toEqual([0, 1, 2]);

    FakeNotification.instances[1]!.emit('click');
    expect(consoleWin.urls.at(-1)).toBe(`app://watchfloor/index.html#/?incident=${inc.id}`);
    expect(consoleWin.calls).toContain('focus');

    await service.call('notifications.acknowledge', { all: true });
    expect(badge.at(-1)).toBe(0);
  });
});
