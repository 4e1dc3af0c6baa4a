import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ImportMappingSchema, type ImportMapping, type RememberedMapping } from '../../../shared/contract/import-api';

export const MAPPINGS_FILE = 'importer-mappings.json';

const FileSchema = z.object({
  version: z.literal(1),
  sources: z.record(z.string(), z.object({ mapping: z.unknown(), fileName: z.string().default(''), updatedAt: z.string() })),
});

/**
 * Column/status/impact mappings remembered per source, in `<data dir>/importer-mappings.json`.
 * Written atomically (temp file, fsync, rename) so a crash leaves the old file or the new one.
 * A damaged file or entry is ignored (the importer suggests a mapping again), never fatal.
 */
export class MappingStore {
  private cache: Map<string, RememberedMapping> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  static inDataDir(dataDir: string): MappingStore {
    return new MappingStore(join(dataDir, MAPPINGS_FILE));
  }

  private async load(): Promise<Map<string, RememberedMapping>> {
    if (this.cache) return this.cache;
    const cache = new Map<string, RememberedMapping>();
    try {
      const parsed = FileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      if (parsed.success) {
        for (const [sourceKey, entry] of Object.entries(parsed.data.sources)) {
          const mapping = ImportMappingSchema.safeParse(entry.mapping);
          if (mapping.success) cache.set(sourceKey, { sourceKey, mapping: mapping.data, fileName: entry.fileName, updatedAt: entry.updatedAt });
        }
      }
    } catch {
      /* no file yet, or unreadable: start empty */
    }
    this.cache = cache;
    return cache;
  }

  async get(sourceKey: string): Promise<RememberedMapping | undefined> {
    return (await this.load()).get(sourceKey);
  }

  async list(): Promise<RememberedMapping[]> {
    return [...(await this.load()).values()].sort((a, b) => a.sourceKey.localeCompare(b.sourceKey));
  }

  async remember(sourceKey: string, mapping: ImportMapping, fileName: string, now: Date): Promise<void> {
    const cache = await this.load();
    cache.set(sourceKey, { sourceKey, mapping, fileName, updatedAt: now.toISOString() });
    const doc = { version: 1, sources: Object.fromEntries([...cache].map(([k, v]) => [k, { mapping: v.mapping, fileName: v.fileName, updatedAt: v.updatedAt }])) };
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    const write = this.writing.then(() => writeAtomically(this.path, text));
    this.writing = write.catch(() => undefined);
    await write;
  }
}

/** Writes a file so that readers see the old or the new content, never a torn one. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  // Make the rename itself durable where the platform allows fsync on a directory.
  try {
    const dir = await open(dirname(path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* Windows cannot open directories; the rename is atomic there anyway */
  }
}
