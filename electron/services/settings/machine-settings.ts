import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { MachineSettingsSchema, type MachineSettings } from '../../../shared/contract/api';

/** Per-machine document (lowdb). Never placed on a shared folder. */
interface MachineDoc {
  writerId: string;
  settings: MachineSettings;
  /**
   * The shared folder this machine merges through, used from the next start. Kept beside the
   * settings, not in them: `settings.update` cannot set it, only `store.setSharedDir` (which checks it).
   */
  sharedDir?: string | null;
}

/** "user@host": the default operator name, and the name other PCs see for this one. */
export function userAtHost(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}

export class MachineSettingsStore {
  private constructor(private readonly db: Low<MachineDoc>) {}

  /** Opens (or creates) `settings.json` in the data directory. */
  static async open(dataDir: string): Promise<{ store: MachineSettingsStore; created: boolean }> {
    // Not JSONFilePreset: it skips writes when NODE_ENV=test, and tests need real files.
    const file = join(dataDir, 'settings.json');
    const created = !existsSync(file);
    const fallback: MachineDoc = {
      writerId: randomUUID(),
      settings: { operatorName: userAtHost(), siteName: 'Control room', utcEverywhere: false, theme: 'dark' },
    };
    await mkdir(dataDir, { recursive: true });
    const db = new Low<MachineDoc>(new JSONFile(file), fallback);
    await db.read();
    // Settings written by an older version may lack newer keys.
    db.data = { writerId: db.data.writerId, settings: { ...fallback.settings, ...db.data.settings }, ...(db.data.sharedDir ? { sharedDir: db.data.sharedDir } : {}) };
    if (created) await db.write();
    return { store: new MachineSettingsStore(db), created };
  }

  get writerId(): string {
    return this.db.data.writerId;
  }

  get settings(): MachineSettings {
    return this.db.data.settings;
  }

  get sharedDir(): string | null {
    return this.db.data.sharedDir ?? null;
  }

  async setSharedDir(dir: string | null): Promise<void> {
    this.db.data = { ...this.db.data, sharedDir: dir };
    await this.db.write();
  }

  async update(patch: Partial<MachineSettings>): Promise<MachineSettings> {
    const next = MachineSettingsSchema.parse({ ...this.db.data.settings, ...patch });
    this.db.data = { ...this.db.data, settings: next };
    await this.db.write();
    return next;
  }
}
