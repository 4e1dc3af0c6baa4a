/**
 * The hash-chain heads a printed report rests on: the shared-folder store's per-writer heads
 * (`SharedFolderStore.chainHeads()`), or nothing when the workspace runs on the local journal only.
 */
import type { ChainHead } from '../shared-store/shared-folder-store';

/** Something that may hold a store with chain heads (a WorkspaceService does, privately). */
type WithStore = object;

/**
 * The store's chain heads, if the workspace's store has them. WorkspaceService keeps its store
 * private and has no accessor for the heads yet; until it does (a `chainHeads()` on the service),
 * this looks at the store duck-typed, and answers undefined for any other store.
 */
export function chainHeadsOf(service: WithStore): Record<string, ChainHead> | undefined {
  const direct = (service as { chainHeads?: unknown }).chainHeads;
  if (typeof direct === 'function') return (direct as () => Record<string, ChainHead> | undefined).call(service);
  const store = (service as { store?: { chainHeads?: unknown } }).store;
  if (store && typeof store.chainHeads === 'function') return (store.chainHeads as () => Record<string, ChainHead>).call(store);
  return undefined;
}

const MAX_GAPS = 5;

/**
 * The route's `heads` parameter: base64url JSON of the heads (gaps capped per writer, so the URL
 * stays short), or `local` when there are none.
 */
export function encodeHeadsParam(heads: Record<string, ChainHead> | undefined): string {
  if (!heads || Object.keys(heads).length === 0) return 'local';
  const compact: Record<string, ChainHead> = {};
  for (const w of Object.keys(heads).sort()) {
    const h = heads[w]!;
    compact[w] = { seq: h.seq, hash: h.hash, contiguousTo: h.contiguousTo, gaps: h.gaps.slice(0, MAX_GAPS) };
  }
  return Buffer.from(JSON.stringify(compact), 'utf8').toString('base64url');
}
