import type { NotificationConstructorOptions } from 'electron';
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
