/**
 * New critical alerts raise a desktop notification (electron/main/notifications.ts, fed the
 * workspace's stream): real receiver, real stream messages, a fake Notification class.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationConstructorOptions } from 'electron';
import { createDesktopNotifier, criticalAlertNotices } from '../../electron/main/notifications';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../../shared/notifications/preferences';
import { tempDir } from '../support/temp-dir';
import { openIntake, sample, type IntakeHarness } from './alert-helpers';

class FakeNotification {
  static shown: NotificationConstructorOptions[] = [];
  static isSupported() {
    return true;
  }
  constructor(readonly options: NotificationConstructorOptions) {}
  on() {
    return this;
  }
  show() {
    FakeNotification.shown.push(this.options);
  }
}

describe('critical alert notifications', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let h: IntakeHarness;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-notify-');
    FakeNotification.shown = [];
  });
  afterEach(async () => {
    await h?.close();
    await dir.cleanup();
  });

  it('pops up once for a new critical alert, not for warnings, duplicates or resolves', async () => {
    h = await openIntake(dir.path);
    let prefs: NotificationPreferences = DEFAULT_NOTIFICATION_PREFERENCES;
    const notifier = createDesktopNotifier({
      Notification: FakeNotification,
      onActivate: () => undefined,
      preferences: () => prefs,
      operator: () => 'Ana',
      unacknowledged: () => 0,
      isFocused: () => true,
    });
    h.ws.subscribe((m) => notifier.handle(m));
    await h.post('prom', sample('alertmanager/am0.25_generated_01_firing_single.json'));
    await h.post('prom', sample('alertmanager/am0.25_generated_01_firing_single.json'));
    await h.post('prom', sample('alertmanager/am0.25_generated_03_firing_two_alerts.json'));
    await h.post('prom', sample('alertmanager/am0.25_generated_04_resolved.json'));
    expect(FakeNotification.shown.map((o) => [o.title, o.body])).toEqual([['Critical alert: prom', 'checkout-api 5xx ratio above 5% for 5m']]);

    // Notifications switched off: nothing.
    prefs = { ...DEFAULT_NOTIFICATION_PREFERENCES, enabled: false };
    await h.post('generic', JSON.stringify({ title: 'Core router down', dedupKey: 'core-1', status: 'firing', severity: 'critical' }));
    expect(FakeNotification.shown).toHaveLength(1);
    notifier.dispose();
  });

  it('summarises a burst', () => {
    const c = (n: number) => ({ groupId: `s/${n}`, source: 's', title: `Alert ${n}`, at: '2026-11-27T20:00:00.000Z', incidentId: null, exercise: false });
    expect(criticalAlertNotices([c(1), c(2)]).map((n) => n.title)).toEqual(['Critical alert: s', 'Critical alert: s']);
    expect(criticalAlertNotices([1, 2, 3, 4, 5].map(c))).toEqual([
      { title: '5 critical alerts', body: 'Alert 1; Alert 2; Alert 3 and 2 more', incidentId: null, ids: ['s/1', 's/2', 's/3', 's/4', 's/5'], priority: 'P2', summary: true },
    ]);
  });
});
