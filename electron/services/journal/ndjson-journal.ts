import { open, mkdir, readFile, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { dirname } from 'node:path';
import type { EventEnvelope } from '../../../shared/domain/events';
import type { EventStore, StoreWarning } from './event-store';

/**
 * Local, crash-safe event journal: one line per event, `<crc32 hex> <json>\n`.
 * Appends are group-committed (one write + fsync per batch of concurrent appends) and each
 * append resolves only after its fsync. A torn last line (crash mid-write) fails its checksum
 * and is cut off on the next open; a damaged line elsewhere is skipped with a warning.
 */
export class NdjsonJournal implements EventStore {
  private handle: FileHandle | undefined;
  private queue: Array<{ bytes: string; done: (err?: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;

  constructor(readonly path: string) {}

  static encode(event: EventEnvelope): string {
    return NdjsonJournal.encodeJson(JSON.stringify(event));
  }

  private static encodeJson(json: string): string {
    return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
  }

  async load(): Promise<{ events: EventEnvelope[]; warnings: StoreWarning[] }> {
    await mkdir(dirname(this.path), { recursive: true });
    let bytes = Buffer.alloc(0);
    try {
      bytes = await readFile(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const events: EventEnvelope[] = [];
    const warnings: StoreWarning[] = [];
    const goodBytes = bytes.lastIndexOf(0x0a) + 1; // bytes after the last newline are a torn write
    bytes
      .subarray(0, goodBytes)
      .toString('utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line === '') return;
        const event = decodeLine(line);
        if (event) events.push(event);
        else warnings.push({ file: this.path, message: `line ${i + 1} is damaged and was skipped` });
      });
    this.handle = await open(this.path, 'a+');
    const size = (await this.handle.stat()).size;
    if (size > goodBytes) {
      await this.handle.truncate(goodBytes);
      await this.handle.sync();
      warnings.push({ file: this.path, message: `a torn last record (${size - goodBytes} bytes) was cut off` });
    }
    return { events, warnings };
  }

  append(events: readonly EventEnvelope[]): Promise<void> {
    return this.appendJson(events.map((e) => JSON.stringify(e)));
  }

  /** Like append, for events already turned into JSON (callers that keep the text too). */
  appendJson(jsons: readonly string[]): Promise<void> {
    if (jsons.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes: jsons.map(NdjsonJournal.encodeJson).join(''), done: (err) => (err ? reject(err) : resolve()) });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Start on the next turn of the event loop: every caller woken by the previous fsync appends
    // again within this turn, so they share one write and one fsync instead of the first one
    // getting an fsync of its own.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        if (!this.handle) throw new Error('journal is not open');
        await this.handle.write(batch.map((b) => b.bytes).join(''));
        await this.handle.datasync(); // appended data and the new size; nothing else about the file matters here
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.flushing = undefined;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }
}

function decodeLine(line: string): EventEnvelope | undefined {
  const space = line.indexOf(' ');
  if (space !== 8) return undefined;
  const json = line.slice(space + 1);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(0, space)) return undefined;
  try {
    return JSON.parse(json) as EventEnvelope;
  } catch {
    return undefined;
  }
}
