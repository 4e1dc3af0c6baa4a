import { join } from 'node:path';
import { headsHash, isTempName, parseSnapshotName, snapshotName, SNAPSHOTS_DIR, STORE_FORMAT_VERSION, type SnapshotHeader } from './format';
import { isNotFound, type ShareIO } from './share-io';
import type { StoreWarnings } from './store-warnings';

export interface SnapshotFile {
  name: string;
  path: string;
  header: SnapshotHeader;
}

/** Snapshot files of store `storeId` on the share with their headers (first line only), newest (most events) first. */
export async function listSnapshots(io: ShareIO, root: string, storeId: string | null, warnings: StoreWarnings): Promise<SnapshotFile[]> {
  const dir = join(root, SNAPSHOTS_DIR);
  let names: string[];
  try {
    names = await io.readdir(dir);
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
  const out: SnapshotFile[] = [];
  for (const name of names) {
    if (!parseSnapshotName(name) || isTempName(name)) continue;
    const path = join(dir, name);
    let first: string;
    try {
      first = await io.readFirstLine(path);
    } catch (err) {
      if (isNotFound(err)) continue; // removed meanwhile (its writer pruned it)
      throw err;
    }
    let header: Partial<SnapshotHeader> = {};
    try {
      header = JSON.parse(first) as Partial<SnapshotHeader>;
    } catch {
      // reported below
    }
    if (header.kind !== 'watchfloor.snapshot' || typeof header.heads !== 'object' || !header.heads || typeof header.bodySha256 !== 'string') {
      warnings.warnOnce(`file:snap/${name}`, path, 'not a Watchfloor snapshot; skipped');
      continue;
    }
    if ((header.format ?? 0) > STORE_FORMAT_VERSION) {
      warnings.warnOnce(`file:snap/${name}`, path, `snapshot format ${header.format} is newer than this version understands; skipped`);
      continue;
    }
    if (header.storeId !== storeId) continue;
    out.push({ name, path, header: header as SnapshotHeader });
  }
  return out.sort((a, b) => b.header.count - a.header.count);
}

/**
 * Writes a snapshot file, named by its heads' hash so two PCs compacting the same view write the
 * same file (the second one skips); returns its name.
 */
export async function writeSnapshotFile(io: ShareIO, root: string, header: SnapshotHeader, body: Buffer): Promise<string> {
  const name = snapshotName(header.count, headsHash(header.heads));
  const dir = join(root, SNAPSHOTS_DIR);
  await io.mkdirOne(dir);
  await io.writeAtomic(dir, name, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body]), 'create');
  return name;
}

/**
 * Removes this PC's own older snapshots once a newer one is there (never another PC's file).
 * Keeps the newest two of its own, so a reader that just chose the previous one can still read it;
 * readers skip a snapshot that vanished anyway.
 */
export async function pruneOwnSnapshots(snapshots: readonly SnapshotFile[], io: ShareIO, me: string, keep: string): Promise<void> {
  const own = snapshots.filter((s) => s.header.createdBy === me && s.name !== keep);
  for (const old of own.slice(1)) await io.unlink(old.path).catch(() => undefined);
}
