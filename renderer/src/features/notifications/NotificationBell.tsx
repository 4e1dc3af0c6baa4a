import { useCallback, useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { isBrowserMode } from '../console/console-store';
import { useOperator } from '../console/hooks';
import { createBrowserNotifier } from './browser-notifier';
import { NotificationPanel, openIncident } from './NotificationPanel';
import { useNotifications } from './notifications-store';
import { usePreferences } from './preferences-store';
import './Notifications.css';

const APP_TITLE = 'Watchfloor';
/** The operator the browser notifier filters assignments for (read when a message arrives). */
const operatorRef = { current: '' };

/** "(3) Watchfloor" while notifications wait for acknowledgement. */
export function titleWithCount(count: number, base = APP_TITLE): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

/**
 * The bell in the console header: unacknowledged count, opens the notification centre. It also
 * connects the centre, keeps the count in the window title, and (in a browser) shows desktop
 * notifications with the Web Notifications API once the operator allowed them.
 */
export function NotificationBell() {
  const client = useApi();
  const operator = useOperator();
  const count = useNotifications((s) => s.unacknowledged);
  const open = useNotifications((s) => s.open);
  const setOpen = useNotifications((s) => s.setOpen);
  const close = useCallback(() => setOpen(false), [setOpen]);

  useEffect(() => {
    const browser = isBrowserMode();
    void usePreferences.getState().load(client, browser);
    const notifier = browser
      ? createBrowserNotifier({
          preferences: () => usePreferences.getState().prefs,
          operator: () => operatorRef.current,
          onActivate: (id) => {
            if (id) void openIncident(client, id);
            else useNotifications.getState().setOpen(true);
          },
        })
      : undefined;
    const off = useNotifications.getState().connect(client, notifier ? (added) => notifier.handle(added) : undefined);
    return () => {
      off();
      notifier?.dispose();
    };
  }, [client]);

  // The browser's operator name decides whose assignments show: reload when it changes.
  useEffect(() => {
    const changed = operatorRef.current !== '' && operatorRef.current !== operator;
    operatorRef.current = operator;
    if (changed) void useNotifications.getState().refresh();
  }, [operator]);

  useEffect(() => {
    document.title = titleWithCount(count);
    return () => {
      document.title = APP_TITLE;
    };
  }, [count]);

  return (
    <span className="wf-notif-anchor">
      <button
        type="button"
        className={`console-button wf-notif-bell${count > 0 ? ' has-unacknowledged' : ''}`}
        aria-label={`Notifications, ${count} unacknowledged`}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
      >
        <svg className="wf-notif-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {count > 0 && (
          <span className="wf-notif-badge" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && <NotificationPanel onClose={close} />}
    </span>
  );
}
