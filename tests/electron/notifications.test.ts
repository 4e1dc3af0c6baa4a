import { EventEmitter } from 'node:events';
import type { NotificationConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/api';
import { viewOf } from '../../renderer/src/app/route';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { createAlertTracker, createIncidentNotifier, type IncidentAlert } from '../../electron/main/notifications';
import { createWindowManager } from '../../electron/main/windows';
import { tempDir } from '../support/temp-dir';
import { FakeBrowserWindow } from './fake-window';

type Incident = MethodOutput<'incidents.get'>;

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
  click() {
    this.emit('click');
  }
}

const alert: IncidentAlert = { incidentId: 'INC-2026-K7Q2-14', title: 'Payment gateway timeouts', priority: 'P1', reason: 'new' };

describe('incident notifier', () => {
  beforeEach(() => {
    FakeNotification.instances = [];
    FakeNotification.supported = true;
  });

  it('shows a notification naming the incident, and its click focuses the console on that incident', () => {
    const windows = createWindowManager({
      BrowserWindow: FakeBrowserWindow,
      preloadPath: '/app/out/preload/index.cjs',
      entryUrl: 'app://watchfloor/index.html',
      displays: () => ({ all: [] }),
    });
    const consoleWin = windows.openConsole();
    consoleWin.minimized = true;
    const notifier = createIncidentNotifier({ Notification: FakeNotification, onActivate: (id) => windows.showConsole(id) });

    expect(notifier.notify(alert)).toBe(true);
    const [n] = FakeNotification.instances;
    expect(n?.shown).toBe(true);
    expect(n?.options).toMatchObject({ title: 'P1 incident INC-2026-K7Q2-14', body: 'Payment gateway timeouts', timeoutType: 'never' });
    expect(notifier.open).toBe(1);

    n!.click();
    expect(notifier.open).toBe(0);
    expect(consoleWin.calls).toEqual(expect.arrayContaining(['restore', 'show', 'focus']));
    const url = consoleWin.urls.at(-1)!;
    expect(url).toBe('app://watchfloor/index.html#/?incident=INC-2026-K7Q2-14');
    const view = viewOf(new URL(url));
    expect(view.name).toBe('console');
    expect(new URLSearchParams(new URL(url).hash.split('?')[1]).get('incident')).toBe('INC-2026-K7Q2-14');
    expect(windows.counts()).toEqual({ consoles: 1, walls: 0 }); // reused, not a second console
  });

  it('opens a console when none is left and points it at the incident', () => {
    const windows = createWindowManager({ BrowserWindow: FakeBrowserWindow, preloadPath: '/p', entryUrl: 'app://watchfloor/index.html', displays: () => ({ all: [] }) });
    const notifier = createIncidentNotifier({ Notification: FakeNotification, onActivate: (id) => windows.showConsole(id) });
    notifier.notify({ ...alert, priority: 'P2', reason: 'escalated' });
    expect(FakeNotification.instances[0]!.options.title).toBe('INC-2026-K7Q2-14 escalated to P2');
    FakeNotification.instances[0]!.click();
    expect(FakeBrowserWindow.last().urls).toEqual(['app://watchfloor/index.html#/?incident=INC-2026-K7Q2-14']);
  });

  it('forgets closed notifications and does nothing where notifications are unsupported', () => {
    const notifier = createIncidentNotifier({ Notification: FakeNotification, onActivate: () => {} });
    notifier.notify(alert);
    FakeNotification.instances[0]!.emit('close');
    expect(notifier.open).toBe(0);
    FakeNotification.supported = false;
    expect(notifier.notify(alert)).toBe(false);
    expect(FakeNotification.instances).toHaveLength(1);
  });
});

describe('alert tracker fed by a real workspace stream', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let service: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-alerts-');
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test' });
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('alerts on new P1/P2 incidents and on escalations, not on low priorities or known incidents', async () => {
    const existing = (await service.call('incidents.create', { title: 'Already known', impact: 1, urgency: 1 })) as Incident;
    const tracker = createAlertTracker([existing]);
    const alerts: IncidentAlert[] = [];
    service.subscribe((m) => {
      if (m.kind === 'incidents') alerts.push(...tracker.update(m.incidents));
    });

    const p1 = (await service.call('incidents.create', { title: 'Core switch failure', impact: 1, urgency: 1 })) as Incident;
    const low = (await service.call('incidents.create', { title: 'Printer jam', impact: 3, urgency: 3 })) as Incident;
    await service.call('incidents.command', { id: existing.id, command: { type: 'updateFields', fields: { description: 'more detail' } } });
    expect(alerts).toEqual([{ incidentId: p1.id, title: 'Core switch failure', priority: 'P1', reason: 'new' }]);

    await service.call('incidents.command', { id: low.id, command: { type: 'setPriority', impact: 1, urgency: 2, reason: 'Spreading to all floors' } });
    expect(alerts.at(-1)).toEqual({ incidentId: low.id, title: 'Printer jam', priority: 'P2', reason: 'escalated' });
    expect(alerts).toHaveLength(2);
  });
});
