/**
 * Wires alert intake to one workspace: the per-machine settings (alert-intake.json), the intake
 * log, the intake (batching, triage), the HTTP receiver and the watch folders. Handlers find it
 * with `alertRuntimeOf(ws)`; `startAlertIntake(ws)` (openWorkspace: the app and the browser host)
 * creates it at start so an enabled receiver listens from the beginning. Settings changes apply at
 * once: the receiver (re)binds or stops, watch folders start or stop.
 */
import { networkInterfaces } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { ReceiverStatus } from '../../../shared/contract/alerts-api';
import type { WorkspaceService } from '../workspace/workspace-service';
import { AlertIntake, type IntakeOptions } from './intake';
import { IntakeLog, type IntakeLogOptions } from './intake-log';
import { IntakeSettingsStore } from './intake-settings';
import { IntakeStats } from './rate-limit';
import { AlertReceiver } from './receiver';
import { WatchFolder } from './watch-folder';

export interface AlertRuntimeOptions {
  log?: IntakeLogOptions;
  intake?: IntakeOptions;
  /** Watch-folder polling. */
  pollIntervalMs?: number;
  settleMs?: number;
}

export interface AlertRuntime {
  settings: IntakeSettingsStore;
  log: IntakeLog;
  intake: AlertIntake;
  receiver: AlertReceiver;
  stats: IntakeStats;
  folders(): ReadonlyMap<string, WatchFolder>;
  /** Applies the current settings (receiver binding, watch folders, dedup window). */
  apply(): Promise<void>;
  status(): ReceiverStatus;
  stop(): Promise<void>;
}

const runtimes = new WeakMap<WorkspaceService, Promise<AlertRuntime>>();

function interfaces(): ReceiverStatus['interfaces'] {
  const out: ReceiverStatus['interfaces'] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const i of list ?? []) out.push({ name, address: i.address, family: String(i.family) });
  }
  return out;
}

async function create(ws: WorkspaceService, opts: AlertRuntimeOptions): Promise<AlertRuntime> {
  const settings = await IntakeSettingsStore.open(ws.dataDir);
  const log = new IntakeLog(ws.dataDir, { now: () => ws.now(), ...opts.log });
  const intake = new AlertIntake(ws, settings, opts.intake);
  const stats = new IntakeStats();
  const now = () => ws.now();
  const receiver = new AlertReceiver({ settings, intake, log, stats, now });
  const folders = new Map<string, WatchFolder>();
  let stopped = false;
  let applying: Promise<void> = Promise.resolve();

  const folderPath = (p: string) => (isAbsolute(p) ? p : resolve(ws.dataDir, p));

  const applyNow = async () => {
    if (stopped) return;
    ws.alertInbox.setDedupWindow(settings.rules.dedupWindowMinutes * 60_000);
    const r = settings.receiver;
    const bound = receiver.listening;
    if (!r.enabled) await receiver.stop();
    else if (!bound || bound.address !== r.bindAddress || (r.port !== 0 && bound.port !== r.port)) await receiver.start(r.bindAddress, r.port);

    const wanted = new Map(settings.sources().filter((s) => s.enabled && s.watchFolder).map((s) => [s.id, folderPath(s.watchFolder)]));
    for (const [id, folder] of folders) {
      if (wanted.get(id) !== folder.folder) {
        await folder.stop();
        folders.delete(id);
      }
    }
    for (const [id, path] of wanted) {
      if (folders.has(id)) continue;
      const folder = new WatchFolder(id, path, { settings, intake, log, stats, now, intervalMs: opts.pollIntervalMs, settleMs: opts.settleMs });
      folders.set(id, folder);
      await folder.start();
    }
  };
  const apply = () => (applying = applying.then(applyNow, applyNow));

  const runtime: AlertRuntime = {
    settings,
    log,
    intake,
    receiver,
    stats,
    folders: () => folders,
    apply,
    status() {
      const r = settings.receiver;
      const base = receiver.baseUrl;
      return {
        enabled: r.enabled,
        listening: receiver.listening !== undefined,
        bindAddress: r.bindAddress,
        port: receiver.listening?.port ?? null,
        baseUrl: base,
        error: r.enabled ? receiver.error : null,
        interfaces: interfaces(),
        sources: settings.sources().map((s) => {
          const folder = folders.get(s.id);
          return {
            id: s.id,
            enabled: s.enabled,
            format: s.format,
            auth: s.auth,
            path: `/alerts/${s.id}`,
            url: base ? `${base}/alerts/${encodeURIComponent(s.id)}` : null,
            watchFolder: s.watchFolder ? folderPath(s.watchFolder) : '',
            watching: folder?.watching ?? false,
            watchError: folder?.error ?? null,
            ...stats.of(s.id),
          };
        }),
      };
    },
    async stop() {
      stopped = true;
      await applying.catch(() => undefined);
      await receiver.stop();
      for (const f of folders.values()) await f.stop();
      folders.clear();
      await log.flush();
    },
  };
  settings.onChange(() => void apply());
  ws.onClose(() => runtime.stop());
  await apply();
  return runtime;
}

/** Starts alert intake for a workspace (once; later calls return the same runtime). */
export function startAlertIntake(ws: WorkspaceService, opts: AlertRuntimeOptions = {}): Promise<AlertRuntime> {
  let pending = runtimes.get(ws);
  if (!pending) {
    pending = create(ws, opts);
    runtimes.set(ws, pending);
  }
  return pending;
}

/** The workspace's alert runtime, created on first use. */
export function alertRuntimeOf(ws: WorkspaceService): Promise<AlertRuntime> {
  return startAlertIntake(ws);
}
