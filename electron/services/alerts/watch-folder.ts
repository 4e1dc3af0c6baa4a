/**
 * A watch folder per source: alert files (the same formats as the receiver: JSON bodies or CAP
 * XML, one notification per file) dropped into it are taken in. Polling (works on network shares
 * where change events do not arrive): a file is read once its size and modification time have not
 * changed between two scans (or it is older than `settleMs`), so a file still being written is
 * left alone. Names starting with "." or ending in .tmp/.part/.partial/.crdownload are skipped.
 *
 * - accepted → moved to `processed/`
 * - refused → moved to `failed/`, with `<name>.error.txt` beside it saying why (and the same
 *   line in the intake log)
 * - not recorded (storage failure) → left in place and tried again at the next scan
 * A name already taken in processed/ or failed/ gets a time suffix.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { extname, basename, join } from 'node:path';
import { rulesFor } from '../../../shared/alerts/triage';
import type { NormalisedAlert } from '../../../shared/alerts/model';
import { parseDelivery } from './delivery';
import type { ReceiveResult } from './intake';
import type { IntakeLog } from './intake-log';
import type { IntakeSettingsStore } from './intake-settings';
import type { IntakeStats } from './rate-limit';

export const PROCESSED_DIR = 'processed';
export const FAILED_DIR = 'failed';

export interface WatchFolderDeps {
  settings: IntakeSettingsStore;
  intake: { receive(alerts: NormalisedAlert[]): Promise<ReceiveResult> };
  log: IntakeLog;
  stats: IntakeStats;
  now: () => number;
  /** Poll interval. Default 2 s. */
  intervalMs?: number;
  /** A file unchanged for this long is complete even on its first sighting. Default 2 s. */
  settleMs?: number;
}

export interface ScanResult {
  processed: string[];
  failed: string[];
  /** Left for the next scan (still being written, or not recorded). */
  pending: string[];
}

const SKIP = /^\.|\.(tmp|part|partial|crdownload|swp)$|\.error\.txt$/i;

function typeOf(name: string): string {
  const ext = extname(name).toLowerCase();
  return ext === '.xml' || ext === '.cap' ? 'application/xml' : 'application/json';
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

export class WatchFolder {
  private timer: ReturnType<typeof setInterval> | undefined;
  private scanning: Promise<ScanResult> | undefined;
  private next: Promise<ScanResult> | undefined;
  private readonly seen = new Map<string, string>();
  error: string | null = null;

  constructor(
    readonly sourceId: string,
    readonly folder: string,
    private readonly deps: WatchFolderDeps,
  ) {}

  get watching(): boolean {
    return this.timer !== undefined;
  }

  async start(): Promise<void> {
    try {
      await mkdir(join(this.folder, PROCESSED_DIR), { recursive: true });
      await mkdir(join(this.folder, FAILED_DIR), { recursive: true });
      this.error = null;
    } catch (err) {
      this.error = `Cannot use ${this.folder}: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    this.timer = setInterval(() => void this.scan(), this.deps.intervalMs ?? 2000);
    this.timer.unref?.();
    void this.scan();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await (this.next ?? this.scanning)?.catch(() => undefined);
  }

  /** A pass over the folder that starts after this call (scans never overlap; callers waiting together share one). */
  scan(): Promise<ScanResult> {
    if (this.next) return this.next;
    const run = () => {
      this.next = undefined;
      const current = this.scanOnce().finally(() => {
        if (this.scanning === current) this.scanning = undefined;
      });
      this.scanning = current;
      return current;
    };
    if (!this.scanning) return run();
    this.next = this.scanning.then(run, run);
    return this.next;
  }

  private async scanOnce(): Promise<ScanResult> {
    const out: ScanResult = { processed: [], failed: [], pending: [] };
    let names: string[];
    try {
      names = (await readdir(this.folder, { withFileTypes: true })).filter((d) => d.isFile() && !SKIP.test(d.name)).map((d) => d.name).sort();
      this.error = null;
    } catch (err) {
      this.error = `Cannot read ${this.folder}: ${err instanceof Error ? err.message : String(err)}`;
      return out;
    }
    const settleMs = this.deps.settleMs ?? 2000;
    const present = new Set(names);
    for (const name of [...this.seen.keys()]) if (!present.has(name)) this.seen.delete(name);
    for (const name of names) {
      const path = join(this.folder, name);
      const st = await stat(path).catch(() => undefined);
      if (!st) continue;
      const sig = `${st.size}:${st.mtimeMs}`;
      const settled = this.seen.get(name) === sig || this.deps.now() - st.mtimeMs >= settleMs;
      this.seen.set(name, sig);
      if (!settled) {
        out.pending.push(name);
        continue;
      }
      const outcome = await this.take(name, path, st.size);
      out[outcome].push(name);
      if (outcome !== 'pending') this.seen.delete(name);
    }
    return out;
  }

  private async take(name: string, path: string, size: number): Promise<'processed' | 'failed' | 'pending'> {
    const { settings, log, stats } = this.deps;
    const source = settings.source(this.sourceId);
    if (!source) return 'pending';
    const fail = async (status: number, reason: string, message: string, body?: Buffer) => {
      log.add({ source: this.sourceId, transport: 'folder', status, reason, message, from: name, body });
      stats.rejected(this.sourceId);
      const target = await this.move(path, FAILED_DIR, name);
      const at = new Date(this.deps.now()).toISOString();
      await writeFile(`${target}.error.txt`, `${name}: not taken in (${reason}, would be HTTP ${status})\n${message}\nSource: ${this.sourceId}\nAt: ${at}\n`).catch(() => undefined);
      return 'failed' as const;
    };
    const max = settings.receiver.maxBodyBytes;
    if (size > max) return fail(413, 'too_large', `File of ${size} bytes is over the limit of ${max} bytes`);
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return 'pending';
    }
    const now = this.deps.now();
    const ctx = { source: this.sourceId, receivedAt: new Date(now).toISOString(), severityAliases: rulesFor(settings.rules, this.sourceId).severityAliases };
    const delivery = parseDelivery(source.format, typeOf(name), body, ctx);
    if (!delivery.ok) return fail(delivery.status, delivery.reason, delivery.message, body);
    try {
      await this.deps.intake.receive(delivery.parsed.alerts);
    } catch (err) {
      log.add({ source: this.sourceId, transport: 'folder', status: 503, reason: 'storage_failed', message: `${err instanceof Error ? err.message : String(err)}; will retry`, from: name, body });
      return 'pending';
    }
    stats.accepted(this.sourceId, now);
    await this.move(path, PROCESSED_DIR, name);
    return 'processed';
  }

  /** Moves a file into a subfolder, with a time suffix when the name is taken; returns the new path. */
  private async move(path: string, dir: string, name: string): Promise<string> {
    let target = join(this.folder, dir, name);
    if (await stat(target).then(() => true, () => false)) {
      const ext = extname(name);
      target = join(this.folder, dir, `${basename(name, ext)}.${stamp(this.deps.now())}${ext}`);
    }
    await rename(path, target);
    return target;
  }
}
