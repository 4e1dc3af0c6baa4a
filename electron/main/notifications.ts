import type { NotificationConstructorOptions } from 'electron';
import type { CriticalAlert } from '../../shared/contract/alerts-api';
import type { StreamMessage } from '../../shared/contract/stream';
import { EMPTY_COALESCE_STATE, flushNotices, planNotices, type CoalesceOptions, type CoalesceState, type Notice } from '../../shared/notifications/coalesce';
import { isFor } from '../../shared/notifications/model';
import { inQuietHours, localMinuteOfDay, wantsDesktop, type NotificationPreferences } from '../../shared/notifications/preferences';
import type { IncidentState } from '../../shared/domain/incident';
import { isActive } from '../../shared/domain/lifecycle';
import { priorityRank, type Priority } from '../../shared/domain/priority';

/** The part of an Electron Notification the wrapper uses. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
}

/** Electron's Notification class, or a fake with the same shape in tests. */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

export interface IncidentAlert {
  incidentId: string;
  title: string;
  priority: Priority;
  reason: 'new' | 'escalated';
}

export interface IncidentNotifier {
  /** Shows the alert; false when the platform has no notifications. */
  notify(alert: IncidentAlert): boolean;
  /** Notifications shown and not yet closed (kept referenced so their click handlers survive GC). */
  readonly open: number;
}

export function notificationOptions(alert: IncidentAlert): NotificationConstructorOptions {
  return {
    title: alert.reason === 'new' ? `${alert.priority} incident ${alert.incidentId}` : `${alert.incidentId} escalated to ${alert.priority}`,
    body: alert.title,
    silent: false,
    timeoutType: alert.priority === 'P1' ? 'never' : 'default',
  };
}

/**
 * Desktop notifications for incidents. Clicking one calls `onActivate(incidentId)`, which the app
 * uses to bring the coordinator console forward on that incident.
 */
export function createIncidentNotifier(deps: { Notification: NotificationClass; onActivate: (incidentId: string) => void }): IncidentNotifier {
  const live = new Set<NotificationLike>();
  return {
    notify(alert) {
      if (!deps.Notification.isSupported()) return false;
      const n = new deps.Notification(notificationOptions(alert));
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        deps.onActivate(alert.incidentId);
      });
      n.on('close', () => live.delete(n));
      n.show();
      return true;
    },
    get open() {
      return live.size;
    },
  };
}

/**
 * Decides which incident changes deserve a notification: an active incident seen for the first
 * time, or one whose priority rises, at or above `threshold` (P2 by default).
 */
export function createAlertTracker(initial: readonly IncidentState[], threshold: Priority = 'P2') {
  const known = new Map<string, Priority>(initial.map((i) => [i.id, i.priority]));
  const counts = (p: Priority) => priorityRank(p) <= priorityRank(threshold);
  return {
    update(changed: readonly IncidentState[]): IncidentAlert[] {
      const alerts: IncidentAlert[] = [];
      for (const i of changed) {
        const before = known.get(i.id);
        known.set(i.id, i.priority);
        if (!isActive(i.status) || !counts(i.priority)) continue;
        if (before === undefined) alerts.push({ incidentId: i.id, title: i.title, priority: i.priority, reason: 'new' });
        else if (priorityRank(i.priority) < priorityRank(before)) alerts.push({ incidentId: i.id, title: i.title, priority: i.priority, reason: 'escalated' });
      }
      return alerts;
    },
  };
}

/** Timers the desktop notifier uses to end a burst hold (injectable for tests). */
export interface NotifierTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DesktopNotifierDeps {
  Notification: NotificationClass;
  /** Brings the console forward on the incident (null: a summary of several incidents). */
  onActivate: (incidentId: string | null) => void;
  /** The dock/taskbar badge (Electron's app.setBadgeCount); absent where unsupported. */
  setBadgeCount?: (count: number) => void;
  /** This machine's preferences (read on every message, so changes apply at once). */
  preferences: () => NotificationPreferences;
  /** Whom the machine notifies: assignments are shown only to their assignee. */
  operator: () => string;
  /** Unacknowledged notifications for the operator (badge). */
  unacknowledged: () => number;
  /** While a Watchfloor window has focus, nothing pops up (the bell in the console shows it). */
  isFocused?: () => boolean;
  now?: () => number;
  /** Local minute of the day, for quiet hours. */
  minuteOfDay?: (now: number) => number;
  timers?: NotifierTimers;
  coalesce?: CoalesceOptions;
}

export interface DesktopNotifier {
  /** Feed it every stream message of the workspace. */
  handle(message: StreamMessage): void;
  /** Sets the badge to the unacknowledged count. */
  refreshBadge(): void;
  /** Notifications shown and not yet closed. */
  readonly open: number;
  dispose(): void;
}

/** Electron options for one notice: P1 stays on screen; sound per preference. */
export function noticeOptions(notice: Notice, prefs: NotificationPreferences): NotificationConstructorOptions {
  return { title: notice.title, body: notice.body, silent: !prefs.sound, timeoutType: notice.priority === 'P1' ? 'never' : 'default' };
}

/**
 * Desktop notifications for the notification centre: the kinds the operator wants, outside quiet
 * hours, bursts coalesced (shared/notifications/coalesce.ts), a click focuses the app on the
 * incident; the dock/taskbar badge shows the unacknowledged count.
 */
export function createDesktopNotifier(deps: DesktopNotifierDeps): DesktopNotifier {
  const live = new Set<NotificationLike>();
  const now = deps.now ?? (() => Date.now());
  const minuteOfDay = deps.minuteOfDay ?? localMinuteOfDay;
  const timers: NotifierTimers = deps.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  let state: CoalesceState = EMPTY_COALESCE_STATE;
  let flushTimer: unknown;
  let lastBadge: number | undefined;

  const show = (notices: readonly Notice[]) => {
    if (!deps.Notification.isSupported()) return;
    const prefs = deps.preferences();
    for (const notice of notices) {
      const n = new deps.Notification(noticeOptions(notice, prefs));
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        deps.onActivate(notice.incidentId);
      });
      n.on('close', () => live.delete(n));
      n.show();
    }
  };
  const schedule = (at: number | null) => {
    if (flushTimer !== undefined) timers.clearTimeout(flushTimer);
    flushTimer = undefined;
    if (at === null) return;
    flushTimer = timers.setTimeout(() => {
      flushTimer = undefined;
      const plan = flushNotices(state, now(), deps.coalesce);
      state = plan.state;
      show(plan.show);
      schedule(plan.flushAt);
    }, Math.max(0, at - now()));
  };
  // New critical alerts in the inbox pop up even while a window has focus (the inbox is its own
  // view, the console does not show them); off with notifications, and in quiet hours unless P1s may.
  const showCriticalAlerts = (message: Extract<StreamMessage, { kind: 'alerts' }>) => {
    const prefs = deps.preferences();
    if (!prefs.enabled || message.critical.length === 0) return;
    if (inQuietHours(prefs, minuteOfDay(now())) && !prefs.quietHours.allowP1) return;
    show(criticalAlertNotices(message.critical));
  };
  const refreshBadge = () => {
    if (!deps.setBadgeCount) return;
    const count = deps.unacknowledged();
    if (count === lastBadge) return;
    lastBadge = count;
    deps.setBadgeCount(count);
  };

  return {
    handle(message) {
      if (message.kind === 'alerts') return showCriticalAlerts(message);
      if (message.kind === 'settings') return refreshBadge(); // the operator may have changed
      if (message.kind !== 'notifications') return;
      refreshBadge();
      if (message.added.length === 0) return;
      const at = now();
      const prefs = deps.preferences();
      const operator = deps.operator();
      const wanted = message.added.filter((n) => isFor(n, operator) && wantsDesktop(prefs, n, minuteOfDay(at)));
      if (wanted.length === 0 || deps.isFocused?.()) return;
      const plan = planNotices(state, wanted, at, deps.coalesce);
      state = plan.state;
      show(plan.show);
      schedule(plan.flushAt);
    },
    refreshBadge,
    get open() {
      return live.size;
    },
    dispose() {
      schedule(null);
    },
  };
}

/**
 * Desktop notices for newly firing critical alerts (alert intake): one each, or one summary when
 * more than `max` arrive together. A click opens the console (on the incident, when the alert is
 * linked to one).
 */
export function criticalAlertNotices(critical: readonly CriticalAlert[], max = 3): Notice[] {
  const label = (c: CriticalAlert) => `Critical alert${c.exercise ? ' (exercise)' : ''}`;
  if (critical.length <= max) {
    return critical.map((c) => ({ title: `${label(c)}: ${c.source}`, body: c.title, incidentId: c.incidentId, ids: [c.groupId], priority: 'P2', summary: false }));
  }
  const shown = critical.slice(0, 3).map((c) => c.title);
  return [
    {
      title: `${critical.length} critical alerts`,
      body: `${shown.join('; ')}${critical.length > shown.length ? ` and ${critical.length - shown.length} more` : ''}`,
      incidentId: null,
      ids: critical.map((c) => c.groupId),
      priority: 'P2',
      summary: true,
    },
  ];
}
