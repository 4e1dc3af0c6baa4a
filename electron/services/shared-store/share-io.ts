import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A share operation that did not finish in time (hung SMB/NFS mount). */
export class ShareTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(label: string, ms: number) {
    super(`${label} did not finish within ${ms} ms`);
  }
}

export function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

export const isNotFound = (err: unknown) => errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR';

/**
 * Every file operation on the share goes through here: each has a deadline, and at most
 * `maxInFlight` run at once. A call into a hung network mount can block a libuv thread for
 * minutes and cannot be cancelled; the limit keeps such calls from taking the whole thread pool
 * (which the local journal needs) — a stuck call keeps its slot until the OS gives up, and later
 * calls time out while waiting, so the store reports "offline" instead of hanging.
 */
export class ShareIO {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly timeoutMs: number,
    private readonly maxInFlight = 2,
  ) {}

  run<T>(label: string, op: () => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        const i = this.waiting.indexOf(start);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new ShareTimeoutError(label, timeoutMs));
      }, timeoutMs);
      timer.unref?.();
      const start = () => {
        this.inFlight++;
        op().then(
          (v) => {
            if (!done) {
              done = true;
              clearTimeout(timer);
              resolve(v);
            }
          },
          (e: unknown) => {
            if (!done) {
              done = true;
              clearTimeout(timer);
              reject(e);
            }
          },
        ).finally(() => {
          this.inFlight--;
          const next = this.waiting.shift();
          next?.();
        });
      };
      if (this.inFlight < this.maxInFlight) start();
      else this.waiting.push(start);
    });
  }

  /** Calls still blocked in the OS after their deadline passed (or running now). */
  get busy(): number {
    return this.inFlight;
  }

  readdir(path: string): Promise<string[]> {
    return this.run(`listing ${path}`, () => readdir(path));
  }

  readText(path: string): Promise<string> {
    return this.run(`reading ${path}`, () => readFile(path, 'utf8'));
  }

  /** Bytes [start, end) of a file, for each pair of `ranges` (start, end, start, end, …); a deadline per range. */
  readRanges(path: string, ranges: readonly number[]): Promise<Buffer[]> {
    return readRangesOf(path, ranges, (label, op) => this.run(label, op));
  }

  /**
   * Reads a file of any size in 8 MB pieces, each with its own deadline: the deadline tells a dead
   * share from a slow one, it does not cap how long a big snapshot may take.
   */
  readChunks(path: string, onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    return readChunks(path, onChunk, (label, op) => this.run(label, op));
  }

  /** The first line of a file (up to 1 MB), without reading the rest (snapshot headers). */
  readFirstLine(path: string): Promise<string> {
    return this.run(`reading ${path}`, () => readFirstLineOf(path));
  }

  stat(path: string) {
    return this.run(`checking ${path}`, () => stat(path));
  }

  /** mkdir of one level (never recursive: an unmounted share must not be recreated locally). */
  async mkdirOne(path: string): Promise<void> {
    await this.run(`creating ${path}`, async () => {
      try {
        await mkdir(path);
      } catch (err) {
        if (errorCode(err) !== 'EEXIST') throw err;
      }
    });
  }

  /** One deadline for the whole write, stretched for big files (at least 1 MB/s must get through). */
  writeAtomic(dir: string, name: string, data: string | Buffer, mode: 'replace' | 'create', durable = true): Promise<'written' | 'exists'> {
    const stretch = Math.ceil(data.length / 1000);
    return this.run(`writing ${join(dir, name)}`, () => writeFileAtomic(dir, name, data, mode, durable), this.timeoutMs + stretch);
  }

  unlink(path: string): Promise<void> {
    return this.run(`removing ${path}`, () => unlink(path));
  }
}

const CHUNK = 8 << 20;

/**
 * Hands a file to `onChunk` in fresh 8 MB buffers (the caller may keep or pass them on), reading
 * the next piece while the caller works on the current one. `guard` wraps each file operation
 * (ShareIO adds its deadline).
 */
export async function readChunks(
  path: string,
  onChunk: (chunk: Buffer) => void | Promise<void>,
  guard: <T>(label: string, op: () => Promise<T>) => Promise<T> = (_label, op) => op(),
): Promise<void> {
  const fh = await guard(`opening ${path}`, () => open(path, 'r'));
  const readAt = (pos: number) =>
    guard(`reading ${path}`, async () => {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      return bytesRead < CHUNK ? buf.subarray(0, bytesRead) : buf;
    });
  let next = readAt(0);
  try {
    for (let pos = 0; ; ) {
      const chunk = await next;
      if (chunk.length === 0) break;
      pos += chunk.length;
      next = readAt(pos);
      await onChunk(chunk);
    }
  } finally {
    await next.catch(() => undefined);
    await guard(`closing ${path}`, () => fh.close()).catch(() => undefined);
  }
}

/** The first line of a file (up to 1 MB), without reading the rest (snapshot headers). */
export async function readFirstLineOf(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    let text = '';
    const buf = Buffer.alloc(64 * 1024);
    for (let pos = 0; pos < 1024 * 1024; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const chunk = buf.toString('latin1', 0, bytesRead);
      const nl = chunk.indexOf('\n');
      if (nl >= 0) return Buffer.from(text + chunk.slice(0, nl), 'latin1').toString('utf8');
      text += chunk;
      pos += bytesRead;
    }
    return Buffer.from(text, 'latin1').toString('utf8');
  } finally {
    await fh.close();
  }
}

/**
 * Bytes [start, end) of a file, for each pair of `ranges` (start, end, start, end, …); fails if
 * the file is shorter. `guard` wraps each file operation (ShareIO adds its deadline).
 */
export async function readRangesOf(
  path: string,
  ranges: readonly number[],
  guard: <T>(label: string, op: () => Promise<T>) => Promise<T> = (_label, op) => op(),
): Promise<Buffer[]> {
  const fh = await guard(`opening ${path}`, () => open(path, 'r'));
  try {
    const out: Buffer[] = [];
    for (let i = 0; i < ranges.length; i += 2) {
      const buf = Buffer.alloc(ranges[i + 1]! - ranges[i]!);
      for (let got = 0; got < buf.length; ) {
        const { bytesRead } = await guard(`reading ${path}`, () => fh.read(buf, got, buf.length - got, ranges[i]! + got));
        if (bytesRead === 0) throw new Error(`${path} is shorter than expected`);
        got += bytesRead;
      }
      out.push(buf);
    }
    return out;
  } finally {
    await guard(`closing ${path}`, () => fh.close()).catch(() => undefined);
  }
}

/** Best-effort directory fsync so a rename survives power loss; not supported everywhere (Windows, some shares). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on platforms and file systems without directory fsync.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EINVAL', 'EMLINK', 'EACCES']);

/**
 * Writes `data` to `dir/name` so that readers only ever see the whole file: write a temp file in
 * the same folder, fsync, then rename (and fsync the folder). With mode 'create' an existing file
 * is never replaced: the temp file is hard-linked into place (fails if the name exists) where
 * links work, else checked for and renamed. `durable: false` skips the fsyncs (files whose loss
 * in a power cut does no harm: presence heartbeats).
 */
export async function writeFileAtomic(dir: string, name: string, data: string | Buffer, mode: 'replace' | 'create', durable = true): Promise<'written' | 'exists'> {
  const tmp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const final = join(dir, name);
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    if (durable) await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    if (mode === 'replace') {
      await rename(tmp, final);
    } else {
      let linked = false;
      try {
        await link(tmp, final);
        linked = true;
      } catch (err) {
        if (errorCode(err) === 'EEXIST') {
          await unlink(tmp).catch(() => undefined);
          return 'exists';
        }
        if (!LINK_UNSUPPORTED.has(errorCode(err) ?? '')) throw err;
      }
      if (linked) {
        await unlink(tmp).catch(() => undefined);
      } else {
        const exists = await stat(final).then(() => true, (e: unknown) => (isNotFound(e) ? false : Promise.reject(e)));
        if (exists) {
          await unlink(tmp).catch(() => undefined);
          return 'exists';
        }
        await rename(tmp, final);
      }
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  if (durable) await fsyncDir(dir);
  return 'written';
}
