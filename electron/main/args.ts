import { resolve } from 'node:path';
import { resolveDataDir } from '../services/settings/data-dir';

export interface MainArgs {
  /** `--data-dir DIR` / `--data-dir=DIR`. */
  dataDir?: string;
  /** False with `--no-demo`: an empty data directory stays empty. */
  demo: boolean;
  /** `--wall`: start with a wall board instead of the console (a dedicated wall PC). */
  wall: boolean;
  /** `--display ID`: the display the start-up wall board covers, fullscreen. */
  displayId?: number;
  /** `--shared-dir PATH`: overrides WATCHFLOOR_SHARED_DIR and the machine setting. */
  sharedDir?: string;
  /** `--writer-name NAME`: how other PCs see this one. */
  writerName?: string;
}

/**
 * Reads Watchfloor's own switches from the command line and ignores everything else (Electron and
 * Chromium switches, the app path in development).
 */
export function parseMainArgs(argv: readonly string[]): MainArgs {
  const args: MainArgs = { demo: true, wall: false };
  const valueOf = (i: number, name: string): [string | undefined, number] => {
    const arg = argv[i]!;
    if (arg.startsWith(`${name}=`)) return [arg.slice(name.length + 1), i];
    const next = argv[i + 1];
    return next !== undefined && !next.startsWith('--') ? [next, i + 1] : [undefined, i];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-demo') args.demo = false;
    else if (arg === '--wall') args.wall = true;
    else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      const [value, last] = valueOf(i, '--data-dir');
      if (value) args.dataDir = value;
      i = last;
    } else if (arg === '--shared-dir' || arg.startsWith('--shared-dir=')) {
      const [value, last] = valueOf(i, '--shared-dir');
      if (value) args.sharedDir = value;
      i = last;
    } else if (arg === '--writer-name' || arg.startsWith('--writer-name=')) {
      const [value, last] = valueOf(i, '--writer-name');
      if (value) args.writerName = value;
      i = last;
    } else if (arg === '--display' || arg.startsWith('--display=')) {
      const [value, last] = valueOf(i, '--display');
      const id = Number(value);
      if (value && Number.isInteger(id)) args.displayId = id;
      i = last;
    }
  }
  return args;
}

/**
 * The data directory: `--data-dir`, then WATCHFLOOR_DATA_DIR (via resolveDataDir, as the browser
 * host does), else Electron's userData folder; always absolute. `overridden` tells whether userData
 * should follow it.
 */
export function chooseDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, userData: () => string): { dataDir: string; overridden: boolean } {
  if (flag || env.WATCHFLOOR_DATA_DIR) return { dataDir: resolve(resolveDataDir(flag, env)), overridden: true };
  return { dataDir: userData(), overridden: false };
}
