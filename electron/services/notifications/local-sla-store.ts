import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { operatorKey } from '../../../shared/notifications/model';
import { DEFAULT_NOTIFICATION_PREFERENCES, NotificationPreferencesSchema, type NotificationPreferences } from '../../../shared/notifications/preferences';

/**
 * Per-machine SLA document (lowdb, `sla-local.json` in the data directory; never on a shared
 * folder): when this machine started watching SLAs, which notifications each operator acknowledged
 * here, and the desktop-notification preferences.
 */
interface LocalSlaDoc {
  /** ISO time this machine first ran the SLA engine: older breaches are not recorded, older notifications count as seen. */
  since: string;
  /** operator key → notification id → when acknowledged (ISO). */
  acknowledged: Record<string, Record<string, string>>;
  preferences: NotificationPreferences;
}

export const LOCAL_SLA_FILE = 'sla-local.json';

/** Acknowledgements older than this are dropped when saving (their notifications are long out of the centre). */
const KEEP_ACKS_MS = 30 * 24 * 3_600_000;

export class LocalSlaStore {
  private constructor(
    private readonly db: Low<LocalSlaDoc>,
    readonly created: boolean,
  ) {}

  /** Opens (or creates) the document; `now` stamps `since` on first start. */
  static async open(dataDir: string, now: number): Promise<LocalSlaStore> {
    const file = join(dataDir, LOCAL_SLA_FILE);
    const created = !existsSync(file);
    const fallback: LocalSlaDoc = { since: new Date(now).toISOString(), acknowledged: {}, preferences: DEFAULT_NOTIFICATION_PREFERENCES };
    await mkdir(dataDir, { recursive: true });
    // Not JSONFilePreset: it skips writes when NODE_ENV=test, and tests need real files.
    const db = new Low<LocalSlaDoc>(new JSONFile(file), fallback);
    try {
      await db.read();
    } catch {
      db.data = fallback; // a damaged file: start over rather than refuse to open the workspace
    }
    const prefs = NotificationPreferencesSchema.safeParse(db.data?.preferences ?? {});
    const since = typeof db.data?.since === 'string' && Number.isFinite(Date.parse(db.data.since)) ? db.data.since : fallback.since;
    db.data = { since, acknowledged: db.data?.acknowledged ?? {}, preferences: prefs.success ? prefs.data : DEFAULT_NOTIFICATION_PREFERENCES };
    if (created) await db.write();
    return new LocalSlaStore(db, created);
  }

  /** Epoch ms this machine started watching SLAs. */
  get since(): number {
    return Date.parse(this.db.data.since);
  }

  get preferences(): NotificationPreferences {
    return this.db.data.preferences;
  }

  acknowledgedBy(operator: string): ReadonlyMap<string, string> {
    return new Map(Object.entries(this.db.data.acknowledged[operatorKey(operator)] ?? {}));
  }

  isAcknowledged(operator: string, id: string): boolean {
    return Object.hasOwn(this.db.data.acknowledged[operatorKey(operator)] ?? {}, id);
  }

  async acknowledge(operator: string, ids: readonly string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    const key = operatorKey(operator);
    const at = new Date(now).toISOString();
    const cutoff = now - KEEP_ACKS_MS;
    const mine = Object.fromEntries(Object.entries(this.db.data.acknowledged[key] ?? {}).filter(([, when]) => Date.parse(when) >= cutoff));
    for (const id of ids) mine[id] ??= at;
    this.db.data = { ...this.db.data, acknowledged: { ...this.db.data.acknowledged, [key]: mine } };
    await this.db.write();
  }

  async setPreferences(prefs: NotificationPreferences): Promise<NotificationPreferences> {
    const next = NotificationPreferencesSchema.parse(prefs);
    this.db.data = { ...this.db.data, preferences: next };
    await this.db.write();
    return next;
  }
}
