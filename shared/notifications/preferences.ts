/**
 * The operator's desktop-notification preferences (per machine): which kinds pop up, quiet hours
 * and sound. The notification centre lists everything regardless; these only decide what is shown
 * by the operating system (Electron) or the browser (Web Notifications).
 */
import { z } from 'zod';
import { TimeOfDaySchema } from '../sla/calendar';
import { NotificationKindSchema, type Notification, type NotificationKind } from './model';

export const NotificationPreferencesSchema = z.object({
  /** Show desktop notifications at all. */
  enabled: z.boolean().default(true),
  /** Kinds that pop up. */
  kinds: z.array(NotificationKindSchema).default(['sla.warning', 'sla.breached', 'escalation.raised', 'incident.p1', 'assigned']),
  quietHours: z
    .object({
      enabled: z.boolean().default(false),
      /** Local wall time; a window crossing midnight (22:00–07:00) is allowed. */
      start: TimeOfDaySchema.default('22:00'),
      end: TimeOfDaySchema.default('07:00'),
      /** P1 notifications still pop up during quiet hours. */
      allowP1: z.boolean().default(true),
    })
    .prefault({}),
  sound: z.boolean().default(true),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
export type NotificationPreferencesInput = z.input<typeof NotificationPreferencesSchema>;

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = NotificationPreferencesSchema.parse({});

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Whether a local minute of the day (0–1439) falls in [start, end), wrapping past midnight. */
export function inQuietHours(prefs: NotificationPreferences, minuteOfDay: number): boolean {
  const q = prefs.quietHours;
  if (!q.enabled) return false;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/**
 * Whether a notification pops up on the desktop now. `minuteOfDay` is the operator's local wall
 * time (the caller reads its own time zone; this stays pure).
 */
export function wantsDesktop(prefs: NotificationPreferences, n: Pick<Notification, 'kind' | 'priority'>, minuteOfDay: number): boolean {
  if (!prefs.enabled || !prefs.kinds.includes(n.kind)) return false;
  if (inQuietHours(prefs, minuteOfDay)) return prefs.quietHours.allowP1 && n.priority === 'P1';
  return true;
}

export function kindEnabled(prefs: NotificationPreferences, kind: NotificationKind): boolean {
  return prefs.enabled && prefs.kinds.includes(kind);
}

/** The local minute of the day of an instant, in the runtime's own time zone. */
export function localMinuteOfDay(now: number): number {
  const d = new Date(now);
  return d.getHours() * 60 + d.getMinutes();
}
