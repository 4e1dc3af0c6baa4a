import type { StoreWarning } from '../journal/event-store';
import { readLocalState, writeLocalState, type LocalShareState } from './local-files';

/**
 * `<dataDir>/shared-store/state.json`: the store id seen in the shared folder, how far this PC's
 * events are known to be published, and chain warnings (kept across restarts). Saved at most once a
 * second unless a change must be durable at once (a new store id).
 */
export class ShareStateFile {
  state: LocalShareState;
  private dirty = false;
  private mustSync = false;
  private lastWrite = 0;

  constructor(
    readonly path: string,
    private readonly sharedDir: string | null,
  ) {
    this.state = { format: 1, sharedDir: sharedDir ?? '', storeId: null, publishedSeq: 0, chainWarnings: [] };
  }

  async load(): Promise<void> {
    this.state = await readLocalState(this.path, this.sharedDir!);
  }

  setStoreId(storeId: string): void {
    if (this.state.storeId === storeId) return;
    this.state.storeId = storeId;
    this.dirty = true;
    this.mustSync = true;
  }

  setPublishedSeq(seq: number): void {
    if (seq === this.state.publishedSeq) return;
    this.state.publishedSeq = seq;
    this.dirty = true;
  }

  /** A different store is in the folder: nothing of this PC is known to be published there yet. */
  forgetPublished(): void {
    this.state.publishedSeq = 0; // saved with the new store id, which follows
  }

  addChainWarning(warning: StoreWarning): void {
    this.state.chainWarnings = [...this.state.chainWarnings, warning].slice(-200);
    this.dirty = true;
  }

  async save(force: boolean): Promise<void> {
    if (!this.sharedDir || !this.dirty) return;
    if (!force && !this.mustSync && performance.now() - this.lastWrite < 1000) return;
    const durable = this.mustSync || this.state.chainWarnings.length > 0;
    this.dirty = false;
    this.mustSync = false;
    this.lastWrite = performance.now();
    await writeLocalState(this.path, this.state, durable);
  }
}
