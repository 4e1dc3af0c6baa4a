/**
 * The intake log: every delivery or file the receiver refused, with time, source, reason and the
 * first bytes of the body. Kept in memory (a ring buffer, for the API) and appended to a
 * per-machine file `<data dir>/alert-intake.log` (one JSON object per line, rotated to `.1`
 * beyond a size limit). A flood of the same refusal from one source is written once per window
 * and counted (`repeats`) instead of filling the disk.
 */
import { appendFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntakeLogEntry } from '../../../shared/contract/alerts-api';

export const INTAKE_LOG_FILE = 'alert-intake.log';

export interface IntakeLogOptions {
  /** Entries kept in memory. */
  capacity?: number;
  /** The file is rotated beyond this size. */
  maxFileBytes?: number;
  /** The same source + reason within this window only counts as a repeat. */
  repeatWindowMs?: number;
  now?: () => number;
}

export type IntakeLogInput = Omit<IntakeLogEntry, 'seq' | 'at' | 'repeats' | 'snippet'> & { body?: Buffer | string };

const SNIPPET_BYTES = 200;

/** The first bytes of a body, printable, with secrets masked. */
export function snippetOf(body: Buffer | string | undefined): string {
  if (body === undefined) return '';
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let text = buf.subarray(0, SNIPPET_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
  text = text
    .replace(/("routing_key"\s*:\s*")[^"]*/g, '$1****')
    .replace(/("(?:token|secret|password|api_key|apikey)"\s*:\s*")[^"]*/gi, '$1****')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '·');
  return buf.length > SNIPPET_BYTES ? `${text}…` : text;
}

export class IntakeLog {
  private readonly entries: IntakeLogEntry[] = [];
  private readonly lastByKey = new Map<string, IntakeLogEntry>();
  private seq = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly capacity: number;
  private readonly maxFileBytes: number;
  private readonly repeatWindowMs: number;
  private readonly now: () => number;
  readonly file: string;

  constructor(dataDir: string, opts: IntakeLogOptions = {}) {
    this.file = join(dataDir, INTAKE_LOG_FILE);
    this.capacity = opts.capacity ?? 1000;
    this.maxFileBytes = opts.maxFileBytes ?? 5 * 1024 * 1024;
    this.repeatWindowMs = opts.repeatWindowMs ?? 10_000;
    this.now = opts.now ?? (() => Date.now());
  }

  add(input: IntakeLogInput): IntakeLogEntry {
    const now = this.now();
    const key = `${input.transport}\n${input.source}\n${input.reason}`;
    const last = this.lastByKey.get(key);
    if (last && now - Date.parse(last.at) < this.repeatWindowMs) {
      last.repeats++;
      return last;
    }
    const { body, ...rest } = input;
    const entry: IntakeLogEntry = { ...rest, seq: ++this.seq, at: new Date(now).toISOString(), snippet: snippetOf(body), repeats: 0 };
    if (last && last.repeats > 0) this.persist({ ...last, message: `${last.message} (and ${last.repeats} more like it)` });
    this.lastByKey.set(key, entry);
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.persist(entry);
    return entry;
  }

  /** Newest first. */
  list(limit = 200, source?: string): IntakeLogEntry[] {
    const out: IntakeLogEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.entries[i]!;
      if (!source || e.source === source) out.push({ ...e });
    }
    return out;
  }

  /** Resolves when everything logged so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  private persist(entry: IntakeLogEntry): void {
    const line = `${JSON.stringify(entry)}\n`;
    this.writing = this.writing
      .then(async () => {
        const size = await stat(this.file).then((s) => s.size, () => 0);
        if (size + line.length > this.maxFileBytes) await rename(this.file, `${this.file}.1`).catch(() => undefined);
        await appendFile(this.file, line, { mode: 0o600 });
      })
      .catch((err: unknown) => console.warn(`alert intake log: ${err instanceof Error ? err.message : String(err)}`));
  }
}
