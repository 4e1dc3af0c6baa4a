import { homedir } from 'node:os';
import { join } from 'node:path';

/** The OS's per-user app-data folder for Watchfloor (what Electron's app.getPath('userData') gives). */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Watchfloor');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Watchfloor');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Watchfloor');
}

/** `--data-dir` wins, then WATCHFLOOR_DATA_DIR, then the OS default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.WATCHFLOOR_DATA_DIR ?? defaultDataDir(process.platform, env);
}
