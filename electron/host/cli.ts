import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ControllableClock } from '../services/scheduler/controllable-clock';
import { resolveDataDir } from '../services/settings/data-dir';
import { chooseSharedFolder, savedSharedDir } from '../services/settings/shared-folder-choice';
import { openWorkspace } from '../services/workspace/open-workspace';
import { isLoopback, newToken } from './access';
import { createHttpHost } from './http-host';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `Usage: npm run serve -- [--port 4510] [--host 127.0.0.1] [--data-dir DIR] [--no-demo] [--token T] [--wall-token T]
                        [--shared-dir PATH] [--writer-name NAME] [--poll-ms 1000] [--test-clock]

  --shared-dir PATH   shared folder to merge with other PCs (else WATCHFLOOR_SHARED_DIR, else the one saved in Settings)
  --writer-name NAME  how other PCs see this one (default: user@host)
  --poll-ms MS        how often the shared folder is listed (default 1000)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.WATCHFLOOR_PORT ?? '4510' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      token: { type: 'string', default: process.env.WATCHFLOOR_TOKEN },
      'wall-token': { type: 'string', default: process.env.WATCHFLOOR_WALL_TOKEN },
      'shared-dir': { type: 'string' },
      'writer-name': { type: 'string' },
      'poll-ms': { type: 'string' },
      /** Tests only: lets `testing.advanceClock` move this host's clock forward. */
      'test-clock': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const host = values.host;
  const exposed = !isLoopback(host);
  // Anything reachable from the network needs a token; loopback stays open unless one is given.
  const token = values.token ?? (exposed ? newToken() : undefined);
  const wallToken = values['wall-token'] ?? (exposed ? newToken() : undefined);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = resolveDataDir(values['data-dir']);
  const pollMs = values['poll-ms'] === undefined ? undefined : Number(values['poll-ms']);
  if (pollMs !== undefined && !(Number.isInteger(pollMs) && pollMs >= 50)) throw new Error(`--poll-ms must be a whole number of at least 50, not "${values['poll-ms']}"`);
  const shared = chooseSharedFolder({
    flag: values['shared-dir'],
    env: process.env,
    saved: await savedSharedDir(dataDir),
    writerName: values['writer-name'],
    demo: !values['no-demo'],
  });

  const clock = values['test-clock'] ? new ControllableClock() : undefined;
  const service = await openWorkspace({ dataDir, version, demo: shared.demo, clock, sharedDir: shared.sharedDir ?? undefined, writerName: shared.writerName, sharePollMs: pollMs });
  const httpHost = createHttpHost({ service, version, staticDir: join(root, 'out', 'renderer'), token, wallToken });
  await new Promise<void>((resolve, reject) => {
    httpHost.server.once('error', reject);
    httpHost.server.listen(port, host, resolve);
  });
  const address = httpHost.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  console.log(`Watchfloor ${version} serving ${base}/ (console) and ${base}/wall (wall board)`);
  console.log(`Data directory: ${dataDir}`);
  if (shared.sharedDir) console.log(`Shared folder: ${shared.sharedDir} (from ${shared.from}), as "${shared.writerName}"`);
  if (shared.demoSkipped) console.log(shared.demoSkipped);
  if (token) console.log(`Access token: ${token}   (open ${base}/?token=${token})`);
  if (wallToken) console.log(`Wall (read-only) token: ${wallToken}   (open ${base}/wall?token=${wallToken})`);
  if (clock) console.log('Test clock: testing.advanceClock is enabled (never use --test-clock in production)');
  for (const w of service.warnings) console.warn(`warning: ${w.file}: ${w.message}`);

  const stop = async () => {
    await httpHost.close();
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
