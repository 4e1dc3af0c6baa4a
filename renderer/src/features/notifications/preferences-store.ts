import { create } from 'zustand';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  NotificationPreferencesSchema,
  type NotificationPreferences,
} from '../../../../shared/notifications/preferences';
import type { ApiClient } from '../../api/api-client';

/**
 * Desktop-notification preferences of this machine. In the app they live with the host (the main
 * process shows the notifications); in a browser they are this browser's own (localStorage), since
 * the browser is the machine that shows them.
 */
export const PREFS_STORAGE_KEY = 'watchfloor.notificationPreferences';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function loadBrowserPreferences(): NotificationPreferences {
  const raw = storage()?.getItem(PREFS_STORAGE_KEY);
  if (!raw) return DEFAULT_NOTIFICATION_PREFERENCES;
  try {
    const parsed = NotificationPreferencesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_PREFERENCES;
  } catch {
    return DEFAULT_NOTIFICATION_PREFERENCES;
  }
}

interface PreferencesStore {
  prefs: NotificationPreferences;
  load(client: ApiClient, browser: boolean): Promise<void>;
  save(client: ApiClient, browser: boolean, prefs: NotificationPreferences): Promise<void>;
}

export const usePreferences = create<PreferencesStore>((set) => ({
  prefs: DEFAULT_NOTIFICATION_PREFERENCES,
  async load(client, browser) {
    if (browser) return set({ prefs: loadBrowserPreferences() });
    try {
      const parsed = NotificationPreferencesSchema.safeParse(await client.call('notifications.preferences', {}));
      if (parsed.success) set({ prefs: parsed.data });
    } catch {
      // keep the defaults; the panel still works
    }
  },
  async save(client, browser, prefs) {
    const next = NotificationPreferencesSchema.parse(prefs);
    set({ prefs: next });
    if (browser) storage()?.setItem(PREFS_STORAGE_KEY, JSON.stringify(next));
    else set({ prefs: await client.call('notifications.setPreferences', next) });
  },
}));
