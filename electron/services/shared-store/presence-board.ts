import { hostname } from 'node:os';
import { join } from 'node:path';
import type { WriterPresence } from '../../../shared/contract/store-api';
import type { Clock } from '../../../shared/time/clock';
import { isTempName, isValidWriterId, PRESENCE_DIR, type Presence } from './format';
import { isNotFound, ShareTimeoutError, type ShareIO } from './share-io';

export interface PresenceIdentity {
  writerId: string;
  writerName?: string;
  host?: string;
  appVersion?: string;
}

/**
 * The presence heartbeats in `presence/<writerId>.json`: this PC's own (rewritten every
 * `presenceMs`) and the other writers' (read every few seconds), for the status's writer list.
 */
export class PresenceBoard {
  private readonly dir: string;
  private readonly byWriter = new Map<string, Presence>();
  private lastWrite = -Infinity;
  private lastRead = -Infinity;
  private cleaned = false;

  constructor(
    private readonly io: ShareIO,
    root: string,
    private readonly me: PresenceIdentity,
    private readonly clock: Clock,
    private readonly presenceMs: number,
  ) {
    this.dir = join(root, PRESENCE_DIR);
  }

  nameOf(writerId: string): string | undefined {
    return this.byWriter.get(writerId)?.writerName;
  }

  /** Every writer seen, most recently seen first. */
  writers(): WriterPresence[] {
    return [...this.byWriter.values()]
      .map((p) => ({
        writerId: p.writerId,
        writerName: p.writerName,
        host: p.host,
        lastSeen: p.lastSeen,
        appVersion: p.appVersion,
        publishedSeq: p.publishedSeq,
        self: p.writerId === this.me.writerId,
      }))
      .sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : a.writerId.localeCompare(b.writerId)));
  }

  /** Once per pass: the own heartbeat when due (if `writable`), the others' every few seconds. */
  async tick(writable: boolean, publishedSeq: number): Promise<void> {
    if (writable && performance.now() - this.lastWrite >= this.presenceMs) await this.write(writable, publishedSeq);
    if (performance.now() - this.lastRead >= Math.min(this.presenceMs, 5000) || this.byWriter.size === 0) await this.read(writable);
  }

  /** After publishing: the heartbeat (with the new published seq) if it is a few seconds old. */
  async afterPublish(writable: boolean, publishedSeq: number): Promise<void> {
    if (performance.now() - this.lastWrite > Math.min(this.presenceMs, 2000)) await this.write(writable, publishedSeq);
  }

  /**
   * Best effort: a heartbeat that fails (Windows refuses to replace a file another PC has open,
   * EBUSY/EPERM) is simply written next time; a share that is really gone shows in the next probe.
   */
  private async write(writable: boolean, publishedSeq: number): Promise<void> {
    try {
      await this.writeFile(writable, publishedSeq);
    } catch (err) {
      if (err instanceof ShareTimeoutError) throw err;
      this.lastWrite = performance.now();
    }
  }

  private async writeFile(writable: boolean, publishedSeq: number): Promise<void> {
    if (!writable) return;
    const now = this.clock.now();
    const { writerId } = this.me;
    const p: Presence = {
      kind: 'watchfloor.presence',
      writerId,
      writerName: this.me.writerName ?? hostname(),
      host: this.me.host ?? hostname(),
      lastSeen: new Date(now).toISOString(),
      appVersion: this.me.appVersion ?? 'unknown',
      publishedSeq,
    };
    await this.io.mkdirOne(this.dir);
    await this.io.writeAtomic(this.dir, `${writerId}.json`, JSON.stringify(p, null, 2) + '\n', 'replace', false);
    this.lastWrite = performance.now();
    this.byWriter.set(writerId, p);
  }

  private async read(writable: boolean): Promise<void> {
    this.lastRead = performance.now();
    const cleaning = !this.cleaned;
    const { dir } = this;
    const me = this.me.writerId;
    let names: string[];
    try {
      names = await this.io.readdir(dir);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    for (const name of names) {
      if (isTempName(name) && name.startsWith(`.${me}.json.`) && writable && !this.cleaned) {
        await this.io.unlink(join(dir, name)).catch(() => undefined); // our own heartbeat, torn by a crash
        continue;
      }
      if (!name.endsWith('.json') || isTempName(name)) continue;
      const w = name.slice(0, -5);
      if (!isValidWriterId(w) || w === me) continue;
      try {
        const p = JSON.parse(await this.io.readText(join(dir, name))) as Partial<Presence>;
        if (p.kind === 'watchfloor.presence' && p.writerId === w && typeof p.lastSeen === 'string') {
          this.byWriter.set(w, {
            kind: 'watchfloor.presence',
            writerId: w,
            writerName: String(p.writerName ?? ''),
            host: String(p.host ?? ''),
            lastSeen: p.lastSeen,
            appVersion: String(p.appVersion ?? ''),
            publishedSeq: typeof p.publishedSeq === 'number' ? p.publishedSeq : 0,
          });
        }
      } catch (err) {
        if (err instanceof ShareTimeoutError) throw err;
        // Vanished, half-replaced (Windows), unreadable or not JSON: skip this heartbeat.
      }
    }
    if (cleaning && writable) this.cleaned = true;
  }
}
