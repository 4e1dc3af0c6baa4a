import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface RunningHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the real browser host (`npm run serve` without the build step) on a free port. */
export async function startBrowserHost(
  opts: { dataDir?: string; args?: string[]; sharedDir?: string; writerName?: string; /** How long opening the data dir may take (a huge journal: benches). */ startTimeoutMs?: number } = {},
): Promise<RunningHost> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'watchfloor-e2e-')));
  const shared = [...(opts.sharedDir ? ['--shared-dir', opts.sharedDir] : []), ...(opts.writerName ? ['--writer-name', opts.writerName] : [])];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--port', '0', '--data-dir', dataDir, ...shared, ...(opts.args ?? ['--no-demo'])], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), opts.startTimeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/[^/\s]+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
