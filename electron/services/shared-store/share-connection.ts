import type { ShareState } from '../../../shared/contract/store-api';
import { errorCode } from './share-io';

/**
 * Where the shared folder stands (connected / read-only / offline / unmounted / disabled) and why.
 * Whenever the share was away or changed state, the own writer folder has to be listed (and made)
 * again before publishing on its own.
 */
export class ShareConnection {
  state: ShareState;
  detail: string;
  /** The store id in the marker the last time it was read. */
  storeId: string | null = null;
  /** The own writer folder has been listed since the share last changed state. */
  ownListed = false;
  /** Own writer folder known to exist (reset whenever the share was away). */
  ownDirReady = false;

  constructor(sharedDir: string | null) {
    this.state = sharedDir ? 'offline' : 'disabled';
    this.detail = sharedDir ? 'not checked yet' : 'no shared folder configured';
  }

  get readable(): boolean {
    return this.state === 'connected' || this.state === 'read-only';
  }

  get writable(): boolean {
    return this.state === 'connected';
  }

  offline(err: unknown): void {
    const code = errorCode(err);
    this.state = 'offline';
    this.ownListed = false;
    this.ownDirReady = false;
    this.detail = `shared folder unreachable${code ? ` (${code})` : ''}: ${err instanceof Error ? err.message : String(err)}`;
  }

  unmounted(detail: string): void {
    this.state = 'unmounted';
    this.ownListed = false;
    this.detail = detail;
  }

  readOnly(detail: string): void {
    if (this.state !== 'read-only') this.ownListed = false;
    this.state = 'read-only';
    this.detail = detail;
  }

  connected(): void {
    if (this.state !== 'connected') this.ownListed = false;
    this.state = 'connected';
    this.detail = 'connected';
  }
}
