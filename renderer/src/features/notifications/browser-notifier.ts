/**
 * Desktop notifications in a browser (the browser host), with the same rules as the app's
 * (shared/notifications): the operator's kinds and quiet hours, assignments only for their
 * assignee, bursts coalesced, nothing while the page has focus. Permission is asked only from a
 * button (`requestPermission`), never on load.
 */
import { EMPTY_COALESCE_STATE, flushNotices, planNotices, type CoalesceState, type Notice } from '../../../../shared/notifications/coalesce';
import { isFor, type Notification as CentreNotification } from '../../../../shared/notifications/model';
import { localMinuteOfDay, wantsDesktop, type NotificationPreferences } from '../../../../shared/notifications/preferences';

export type Permission = 'granted' | 'denied' | 'default' | 'unsupported';

export function permission(): Permission {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification.permission : 'unsupported';
}

export async function requestPermission(): Promise<Permission> {
  if (permission() === 'unsupported') return 'unsupported';
  return window.Notification.requestPermission();
}

export interface BrowserNotifierDeps {
  preferences: () => NotificationPreferences;
  operator: () => string;
  onActivate: (incidentId: string | null) => void;
  /** Default: the page has focus (then the bell shows it, nothing pops up). */
  isFocused?: () => boolean;
}

export function createBrowserNotifier(deps: BrowserNotifierDeps) {
  let state: CoalesceState = EMPTY_COALESCE_STATE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const focused = deps.isFocused ?? (() => document.hasFocus());

  const show = (notices: readonly Notice[]) => {
    if (permission() !== 'granted') return;
    const prefs = deps.preferences();
    for (const n of notices) {
      const shown = new window.Notification(n.title, { body: n.body, silent: !prefs.sound, tag: n.ids.length === 1 ? n.ids[0] : undefined, requireInteraction: n.priority === 'P1' });
      shown.onclick = () => {
        window.focus();
        deps.onActivate(n.incidentId);
        shown.close();
      };
    }
  };
  const schedule = (at: number | null) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (at === null) return;
    timer = setTimeout(() => {
      const plan = flushNotices(state, Date.now());
      state = plan.state;
      show(plan.show);
      schedule(plan.flushAt);
    }, Math.max(0, at - Date.now()));
  };

  return {
    handle(added: readonly CentreNotification[]) {
      if (permission() !== 'granted' || focused()) return;
      const now = Date.now();
      const prefs = deps.preferences();
      const operator = deps.operator();
      const wanted = added.filter((n) => isFor(n, operator) && wantsDesktop(prefs, n, localMinuteOfDay(now)));
      if (!wanted.length) return;
      const plan = planNotices(state, wanted, now);
      state = plan.state;
      show(plan.show);
      schedule(plan.flushAt);
    },
    dispose() {
      schedule(null);
    },
  };
}
