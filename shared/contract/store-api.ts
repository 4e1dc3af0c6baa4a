import { z } from 'zod';

/**
 * The shared folder store's status: the source of the types the store itself uses
 * (electron/services/shared-store), and of what `store.status` answers and the stream pushes.
 */
export const ShareStateSchema = z.enum(['connected', 'offline', 'unmounted', 'read-only', 'disabled']);
export type ShareState = z.infer<typeof ShareStateSchema>;

export const StoreWarningSchema = z.object({ file: z.string(), message: z.string() });

export const WriterPresenceSchema = z.object({
  writerId: z.string(),
  writerName: z.string(),
  host: z.string(),
  /** ISO time of the writer's last heartbeat (its own clock). */
  lastSeen: z.string(),
  appVersion: z.string(),
  publishedSeq: z.number().int().nonnegative(),
  /** This machine. */
  self: z.boolean(),
});
export type WriterPresence = z.infer<typeof WriterPresenceSchema>;

/** What `SharedFolderStore.status()` reports. */
export const SharedStoreStatusSchema = z.object({
  state: ShareStateSchema,
  /** Why the store is in this state, for the status bar tooltip. */
  detail: z.string(),
  sharedDir: z.string().nullable(),
  storeId: z.string().nullable(),
  /** Own events recorded locally but not yet on the share. */
  pending: z.number().int().nonnegative(),
  /** Other writers' events not shown yet because their clock is too far ahead of ours. */
  heldBack: z.number().int().nonnegative(),
  /** Last time the share was read completely. */
  lastSyncAt: z.string().nullable(),
  /**
   * False while incidents not opened here yet are read from the shared folder: the snapshot this
   * PC opened through its checkpoint is not copied to it (yet) — they are not available offline.
   */
  historyLocal: z.boolean(),
  writers: z.array(WriterPresenceSchema),
  warnings: z.array(StoreWarningSchema),
});
export type SharedStoreStatus = z.infer<typeof SharedStoreStatusSchema>;

/** A writer whose heartbeat is at most this old counts as online (heartbeats come every 10 s). */
export const ONLINE_WINDOW_MS = 30_000;

/** `store.status`: the store's status plus this machine's setting, as clients show it. */
export const StoreStatusSchema = SharedStoreStatusSchema.omit({ sharedDir: true, writers: true }).extend({
  /** The shared folder saved in this machine's settings: what the next start uses (a flag or env var overrides it). */
  configuredDir: z.string().nullable(),
  /** The shared folder this instance uses now (null: local journal only). */
  activeDir: z.string().nullable(),
  writers: z.array(WriterPresenceSchema.extend({ online: z.boolean() })),
});
export type StoreStatus = z.infer<typeof StoreStatusSchema>;

/**
 * Absolute on either platform: `/mnt/share`, `C:\share`, `\\server\share`. The host also checks
 * its own platform's rule; this one lets a form say so before sending.
 */
export function looksAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || /^\\\\[^\\]+\\[^\\]+/.test(path);
}

const SharedDirSchema = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'The path contains a NUL character')
  .refine(looksAbsolute, 'Give an absolute path (e.g. /mnt/share/watchfloor or \\\\server\\share\\watchfloor)');

export const SetSharedDirResultSchema = z.object({
  configuredDir: z.string().nullable(),
  activeDir: z.string().nullable(),
  /** Whether a restart is needed before the saved folder is the one in use. */
  restartRequired: z.boolean(),
  message: z.string(),
});
export type SetSharedDirResult = z.infer<typeof SetSharedDirResultSchema>;

export const storeApi = {
  'store.status': { input: z.object({}).strict(), output: StoreStatusSchema, mutates: false },
  /** Saves this machine's shared folder (null: none); used from the next start. */
  'store.setSharedDir': { input: z.object({ sharedDir: SharedDirSchema.nullable() }).strict(), output: SetSharedDirResultSchema, mutates: true },
  /** Checks, publishes and reads the share now instead of at the next poll. */
  'store.syncNow': { input: z.object({}).strict(), output: StoreStatusSchema, mutates: true },
} as const;
