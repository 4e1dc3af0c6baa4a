import { useEffect, useRef, useState } from 'react';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type Notification } from '../../../../shared/notifications/model';
import type { NotificationPreferences } from '../../../../shared/notifications/preferences';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { isBrowserMode, useConsole } from '../console/console-store';
import { useReadOnly, useTimeFormat } from '../console/hooks';
import { permission, requestPermission, type Permission } from './browser-notifier';
import { useNotifications } from './notifications-store';
import { usePreferences } from './preferences-store';
import './Notifications.css';

/** Selects the incident in the console, loading it first when it is not among the active ones. */
export async function openIncident(client: ReturnType<typeof useApi>, id: string): Promise<void> {
  if (!useWorkspace.getState().incidents[id]) {
    try {
      useWorkspace.getState().upsert([await client.call('incidents.get', { id })]);
    } catch {
      return;
    }
  }
  useConsole.getState().select(id);
}

function Item({ n }: { n: Notification }) {
  const client = useApi();
  const readOnly = useReadOnly();
  const acknowledge = useNotifications((s) => s.acknowledge);
  const setOpen = useNotifications((s) => s.setOpen);
  const { smart, title } = useTimeFormat();
  return (
    <li className={`wf-notif-item is-${n.kind.replace('.', '-')}${n.acknowledged ? ' is-acknowledged' : ''}`} data-notification-id={n.id} aria-label={`${n.title}${n.acknowledged ? ' (acknowledged)' : ''}`}>
      <div className="wf-notif-line">
        <span className="wf-notif-kind">{NOTIFICATION_KIND_LABELS[n.kind]}</span>
        <time className="wf-notif-time" dateTime={n.at} title={title(n.at)}>
          {smart(n.at)}
        </time>
      </div>
      <div className="wf-notif-title">{n.title}</div>
      <div className="wf-notif-body">{n.body}</div>
      <div className="wf-notif-actions">
        <button
          type="button"
          className="console-button is-ghost is-small"
          onClick={() => {
            void openIncident(client, n.incidentId);
            setOpen(false);
          }}
        >
          Open {n.incidentId}
        </button>
        {n.acknowledged ? (
          <span className="wf-notif-acked">Acknowledged</span>
        ) : (
          !readOnly && (
            <button type="button" className="console-button is-small" aria-label={`Acknowledge: ${n.title}`} onClick={() => void acknowledge([n.id])}>
              Acknowledge
            </button>
          )
        )}
      </div>
    </li>
  );
}

function PreferencesForm() {
  const client = useApi();
  const browser = isBrowserMode();
  const prefs = usePreferences((s) => s.prefs);
  const save = usePreferences((s) => s.save);
  const [perm, setPerm] = useState<Permission>(permission());
  const update = (patch: Partial<NotificationPreferences>) => void save(client, browser, { ...prefs, ...patch });
  const quiet = prefs.quietHours;
  return (
    <details className="wf-notif-prefs">
      <summary>Desktop notifications</summary>
      {browser && (
        <p className="wf-notif-permission">
          {perm === 'granted' && 'This browser may show desktop notifications.'}
          {perm === 'denied' && 'This browser blocks notifications from Watchfloor (change it in the site settings).'}
          {perm === 'unsupported' && 'This browser cannot show desktop notifications.'}
          {perm === 'default' && (
            <button type="button" className="console-button is-small is-primary" onClick={() => void requestPermission().then(setPerm)}>
              Enable desktop notifications
            </button>
          )}
        </p>
      )}
      <label className="wf-notif-check">
        <input type="checkbox" checked={prefs.enabled} onChange={(e) => update({ enabled: e.target.checked })} /> Show desktop notifications
      </label>
      <fieldset className="wf-notif-kinds" disabled={!prefs.enabled}>
        <legend>For</legend>
        {NOTIFICATION_KINDS.map((k) => (
          <label key={k} className="wf-notif-check">
            <input
              type="checkbox"
              checked={prefs.kinds.includes(k)}
              onChange={(e) => update({ kinds: e.target.checked ? [...prefs.kinds, k] : prefs.kinds.filter((x) => x !== k) })}
            />{' '}
            {NOTIFICATION_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <fieldset className="wf-notif-quiet" disabled={!prefs.enabled}>
        <legend>Quiet hours</legend>
        <label className="wf-notif-check">
          <input type="checkbox" checked={quiet.enabled} onChange={(e) => update({ quietHours: { ...quiet, enabled: e.target.checked } })} /> Quiet from
        </label>{' '}
        <input
          type="time"
          className="console-input"
          aria-label="Quiet hours start"
          value={quiet.start}
          onChange={(e) => e.target.value && update({ quietHours: { ...quiet, start: e.target.value } })}
        />{' '}
        to{' '}
        <input type="time" className="console-input" aria-label="Quiet hours end" value={quiet.end} onChange={(e) => e.target.value && update({ quietHours: { ...quiet, end: e.target.value } })} />
        <label className="wf-notif-check">
          <input type="checkbox" checked={quiet.allowP1} onChange={(e) => update({ quietHours: { ...quiet, allowP1: e.target.checked } })} /> P1 still notifies
        </label>
      </fieldset>
      <label className="wf-notif-check">
        <input type="checkbox" checked={prefs.sound} disabled={!prefs.enabled} onChange={(e) => update({ sound: e.target.checked })} /> Sound
      </label>
    </details>
  );
}

/** The notification centre: newest first, with acknowledge / acknowledge all and desktop settings. */
export function NotificationPanel({ onClose }: { onClose: () => void }) {
  const items = useNotifications((s) => s.items);
  const unacknowledged = useNotifications((s) => s.unacknowledged);
  const error = useNotifications((s) => s.error);
  const acknowledge = useNotifications((s) => s.acknowledge);
  const readOnly = useReadOnly();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section ref={ref} className="wf-notif-panel" role="dialog" aria-modal="false" aria-labelledby="wf-notif-heading" tabIndex={-1}>
      <div className="wf-notif-head">
        <h2 id="wf-notif-heading">Notifications</h2>
        <span className="wf-notif-count" aria-live="polite">
          {unacknowledged} unacknowledged
        </span>
        {!readOnly && (
          <button type="button" className="console-button is-small" disabled={unacknowledged === 0} onClick={() => void acknowledge('all')}>
            Acknowledge all
          </button>
        )}
        <button type="button" className="console-button is-ghost is-small" aria-label="Close notifications" onClick={onClose}>
          ✕
        </button>
      </div>
      {error && (
        <p className="console-alert" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="wf-notif-empty">No notifications in the last 7 days.</p>
      ) : (
        <ul className="wf-notif-list" aria-label="Notifications">
          {items.map((n) => (
            <Item key={n.id} n={n} />
          ))}
        </ul>
      )}
      <PreferencesForm />
    </section>
  );
}
