import { resolve } from 'node:path';
import { MachineSettingsStore, userAtHost } from './machine-settings';

/** Where the shared folder in use came from. */
export type SharedDirSource = 'flag' | 'env' | 'settings';

export interface SharedFolderInput {
  /** `--shared-dir PATH`. */
  flag?: string;
  /** WATCHFLOOR_SHARED_DIR is read from here. */
  env: NodeJS.ProcessEnv;
  /** The folder saved in this machine's settings (what the Settings view edits). */
  saved: string | null;
  /** `--writer-name NAME`. */
  writerName?: string;
  /** Seeding the demo workspace was asked for (no `--no-demo`). */
  demo: boolean;
}

export interface SharedFolderChoice {
  /** Absolute path, or null: this machine's journal only. */
  sharedDir: string | null;
  from: SharedDirSource | null;
  /** How other PCs see this one. */
  writerName: string;
  /** Seed the demo workspace (if the data directory is empty). */
  demo: boolean;
  /** Why the demo workspace is not seeded although it was asked for; printed at start. */
  demoSkipped?: string;
}

const nonEmpty = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * The shared folder and writer name of an instance: `--shared-dir`, then WATCHFLOOR_SHARED_DIR,
 * then the machine setting. With a shared folder the demo workspace is never seeded: its incidents
 * would be published to every PC sharing the folder.
 */
export function chooseSharedFolder(input: SharedFolderInput): SharedFolderChoice {
  const flag = nonEmpty(input.flag);
  const env = nonEmpty(input.env.WATCHFLOOR_SHARED_DIR);
  const saved = nonEmpty(input.saved ?? undefined);
  const [dir, from]: [string | undefined, SharedDirSource | null] = flag ? [flag, 'flag'] : env ? [env, 'env'] : saved ? [saved, 'settings'] : [undefined, null];
  const sharedDir = dir ? resolve(dir) : null;
  const writerName = nonEmpty(input.writerName) ?? userAtHost();
  if (!sharedDir || !input.demo) return { sharedDir, from, writerName, demo: input.demo };
  return {
    sharedDir,
    from,
    writerName,
    demo: false,
    demoSkipped: `Demo workspace not seeded: a shared folder is configured (${sharedDir}), and demo incidents would be published to every PC that shares it`,
  };
}

/** The shared folder saved in the machine settings of a data directory. */
export async function savedSharedDir(dataDir: string): Promise<string | null> {
  const { store } = await MachineSettingsStore.open(dataDir);
  return store.sharedDir;
}
