import type { StoreStatus } from '../../../shared/contract/store-api';
import { formatDuration, formatTime } from './format';

export type ShareTone = 'ok' | 'warn' | 'danger';

/** "14:02:10" (with a Z in UTC): a sync time is worth its seconds. */
export function clockTime(iso: string, utc: boolean): string {
  const text = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: utc ? 'UTC' : undefined }).format(new Date(iso));
  return utc ? `${text}Z` : text;
}

/** "just now", "12s ago", "3m ago": how long since a time, against the (host-based) clock. */
export function timeAgo(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  return ms < 5000 ? 'just now' : `${formatDuration(ms)} ago`;
}

export function shareTone(status: StoreStatus): ShareTone {
  if (status.state === 'connected') return 'ok';
  return status.state === 'read-only' ? 'warn' : 'danger';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function othersOnline(status: StoreStatus): number {
  return status.writers.filter((w) => !w.self && w.online).length;
}

/**
 * The status bar's words after "Shared folder:": "connected · synced 14:02:10 · 2 others online",
 * "offline — 3 changes waiting", "unmounted — check the share", "read-only (newer format)"; null
 * when no shared folder is configured (nothing to show).
 */
export function sharedFolderText(status: StoreStatus, utc: boolean): string | null {
  switch (status.state) {
    case 'disabled':
      return null;
    case 'connected': {
      const others = othersOnline(status);
      const synced = status.lastSyncAt ? `synced ${clockTime(status.lastSyncAt, utc)}` : 'not synced yet';
      return `connected · ${synced} · ${others === 0 ? 'no one else online' : plural(others, 'other online', 'others online')}`;
    }
    case 'offline':
      return `offline — ${plural(status.pending, 'change', 'changes')} waiting`;
    case 'unmounted':
      return 'unmounted — check the share';
    case 'read-only':
      return 'read-only (newer format)';
  }
}

/** The wall board's compact form, readable from across the room: "SYNCED 14:02", "SHARE OFFLINE · 3 WAITING". */
export function sharedFolderShort(status: StoreStatus, utc: boolean): string | null {
  switch (status.state) {
    case 'disabled':
      return null;
    case 'connected':
      return status.lastSyncAt ? `SYNCED ${formatTime(status.lastSyncAt, utc)}` : 'SHARE CONNECTED';
    case 'offline':
      return status.pending ? `SHARE OFFLINE · ${status.pending} WAITING` : 'SHARE OFFLINE';
    case 'unmounted':
      return 'SHARE UNMOUNTED';
    case 'read-only':
      return 'SHARE READ-ONLY';
  }
}
