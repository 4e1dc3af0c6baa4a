import { rename, unlink } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: hashes the body of the pieces it is handed and, if given a file, writes
 * every piece to it; answers {sha256, error} when handed null.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const hash = require('node:crypto').createHash('sha256');
let fd;
let error;
try { if (workerData.file) fd = fs.openSync(workerData.file, 'w'); } catch (err) { error = String(err); }
parentPort.on('message', (m) => {
  if (m === null) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch (err) { error ??= String(err); }
    parentPort.postMessage({ sha256: hash.digest('hex'), error });
    return;
  }
  const piece = new Uint8Array(m.buffer, 0, m.length);
  hash.update(piece.subarray(m.bodyFrom));
  if (fd !== undefined && error === undefined) try { fs.writeSync(fd, piece); } catch (err) { error = String(err); }
});
`;

/**
 * Where a snapshot read from the share goes besides the parser: another thread hashes its body
 * (checked against the header's bodySha256) and writes the file, byte for byte, to a temp file
 * next to this PC's local copy — so neither adds to the time the main thread spends parsing.
 * Pieces are handed over (transferred, not copied): the caller must be done with them.
 */
export class SnapshotSink {
  private readonly worker: Worker | undefined;
  private readonly failed: Promise<never>;
  private readonly tmp: string | undefined;

  /** `keepAs`: the local copy's path (the file is put there by `keep`). */
  constructor(private readonly keepAs: string | undefined) {
    this.tmp = keepAs && `${keepAs}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      const worker = new Worker(SOURCE, { eval: true, workerData: { file: this.tmp } });
      this.worker = worker;
      this.failed = new Promise<never>((_, reject) => worker.once('error', reject));
    } catch (err) {
      this.failed = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    this.failed.catch(() => undefined); // reported by finish()
  }

  /** Hands a piece over; the body starts at `bodyFrom` (after the header line). */
  push(piece: Buffer, bodyFrom: number): void {
    // Only a buffer of its own can be transferred (small Buffers share Node's pool): else a copy.
    const own = piece.byteOffset === 0 && piece.buffer.byteLength > Buffer.poolSize ? piece : new Uint8Array(piece);
    this.worker?.postMessage({ buffer: own.buffer, length: own.length, bodyFrom }, [own.buffer as ArrayBuffer]);
  }

  /**
   * The body's sha256 once every piece is hashed, and whether the local copy was written; rejects
   * if the worker could not start or died (the caller skips the snapshot: it cannot be checked).
   */
  async finish(): Promise<{ sha256: string; copyError: string | undefined }> {
    const worker = this.worker;
    if (!worker) return this.failed;
    try {
      const answer = new Promise<{ sha256: string; error?: string }>((resolve) => worker.once('message', resolve));
      worker.postMessage(null);
      const { sha256, error } = await Promise.race([answer, this.failed]);
      return { sha256, copyError: error };
    } finally {
      await worker.terminate();
    }
  }

  /** Puts the local copy in place (after its checksum held). */
  async keep(): Promise<void> {
    if (this.tmp && this.keepAs) await rename(this.tmp, this.keepAs);
  }

  /** Stops and removes the temp file (the read failed or the checksum did not hold). */
  async discard(): Promise<void> {
    await this.worker?.terminate();
    if (this.tmp) await unlink(this.tmp).catch(() => undefined);
  }
}
