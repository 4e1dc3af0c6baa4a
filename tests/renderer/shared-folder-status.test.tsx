// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodName } from '../../shared/contract/api';
import type { StoreStatus } from '../../shared/contract/store-api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { ApiClient } from '../../renderer/src/api/api-client';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { viewOf } from '../../renderer/src/app/route';
import { StatusBar } from '../../renderer/src/features/console/StatusBar';
import { SettingsView } from '../../renderer/src/features/settings/SettingsView';
import { WallShareState } from '../../renderer/src/features/wallboard/WallShareState';
import { useStoreStatus } from '../../renderer/src/state/store-status-store';
import { useWorkspace } from '../../renderer/src/state/workspace-store';
import { useClock } from '../../renderer/src/ui/clock-store';
import { sharedFolderShort, sharedFolderText } from '../../renderer/src/ui/shared-folder-text';

const NOW = Date.parse('2026-03-02T14:02:30.000Z');
const writer = (name: string, lastSeen: string, online: boolean, self = false) => ({
  writerId: `w-${name}`,
  writerName: name,
  host: `${name.toLowerCase()}-pc`,
  lastSeen,
  appVersion: '0.1.0',
  publishedSeq: 3,
  self,
  online,
});

const connected: StoreStatus = {
  state: 'connected',
  detail: 'connected',
  storeId: '7a1c9e8e-0000-4000-8000-000000000001',
  pending: 0,
  heldBack: 0,
  lastSyncAt: '2026-03-02T14:02:10.000Z',
  historyLocal: true,
  configuredDir: '/mnt/share/watchfloor',
  activeDir: '/mnt/share/watchfloor',
  writers: [writer('Desk 1', '2026-03-02T14:02:25.000Z', true, true), writer('Desk 2', '2026-03-02T14:02:20.000Z', true), writer('Desk 3', '2026-03-02T14:02:01.000Z', true), writer('Desk 4', '2026-03-01T09:00:00.000Z', false)],
  warnings: [],
};
const offline: StoreStatus = { ...connected, state: 'offline', detail: 'shared folder unreachable (ENOENT)', pending: 3 };

describe('shared folder status words', () => {
  it('says what the issue asks for, in UTC when the operator wants UTC', () => {
    expect(sharedFolderText(connected, true)).toBe('connected · synced 14:02:10Z · 2 others online');
    expect(sharedFolderText({ ...connected, writers: connected.writers.slice(0, 2) }, true)).toBe('connected · synced 14:02:10Z · 1 other online');
    expect(sharedFolderText({ ...connected, writers: [], lastSyncAt: null }, true)).toBe('connected · not synced yet · no one else online');
    expect(sharedFolderText(offline, true)).toBe('offline — 3 changes waiting');
    expect(sharedFolderText({ ...offline, pending: 1 }, true)).toBe('offline — 1 change waiting');
    expect(sharedFolderText({ ...connected, state: 'unmounted' }, true)).toBe('unmounted — check the share');
    expect(sharedFolderText({ ...connected, state: 'read-only' }, true)).toBe('read-only (newer format)');
    expect(sharedFolderText({ ...connected, state: 'disabled' }, true)).toBeNull();
  });

  it('has a compact form for the wall board', () => {
    expect(sharedFolderShort(connected, true)).toBe('SYNCED 14:02Z');
    expect(sharedFolderShort(offline, true)).toBe('SHARE OFFLINE · 3 WAITING');
    expect(sharedFolderShort({ ...connected, state: 'unmounted' }, true)).toBe('SHARE UNMOUNTED');
    expect(sharedFolderShort({ ...connected, state: 'disabled' }, true)).toBeNull();
  });
});

function fakeClient(answers: Partial<Record<MethodName, unknown>> = {}) {
  const listeners = new Set<(m: StreamMessage) => void>();
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const client: ApiClient = {
    call: vi.fn(async (method: MethodName, input: unknown) => {
      calls.push({ method, input });
      return (answers[method] ?? {}) as never;
    }) as ApiClient['call'],
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onConnectionChange: (l) => {
      l(true);
      return () => {};
    },
  };
  return { client, calls, push: (m: StreamMessage) => listeners.forEach((l) => l(m)) };
}

const info = { settings: { operatorName: 'Ana Ruiz', siteName: 'North', utcEverywhere: true, theme: 'dark' }, version: '0.1.0', readOnly: false } as never;

beforeEach(() => {
  useWorkspace.setState({ info, connected: true, incidents: {} });
  useClock.setState({ now: NOW, offsetMs: 0 });
});
afterEach(() => {
  cleanup();
  useStoreStatus.setState({ status: undefined });
});

describe('status bar and wall header', () => {
  it('shows the shared folder state in the status bar, follows the stream, and links to the settings', () => {
    const { client, push } = fakeClient({ 'store.status': connected });
    render(<StatusBar openCount={2} />);
    expect(screen.queryByTestId('shared-folder-status')).toBeNull(); // not loaded yet
    act(() => void useStoreStatus.getState().connect(client));
    return vi.waitFor(() => {
      const link = screen.getByTestId('shared-folder-status');
      expect(link.textContent).toBe('Shared folder: connected · synced 14:02:10Z · 2 others online');
      expect(link.getAttribute('href')).toBe('/#/settings');
      act(() => push({ kind: 'store', status: offline }));
      expect(screen.getByTestId('shared-folder-status').textContent).toBe('Shared folder: offline — 3 changes waiting');
    });
  });

  it('shows nothing when no shared folder is configured', () => {
    useStoreStatus.setState({ status: { ...connected, state: 'disabled', activeDir: null, writers: [] } });
    render(<StatusBar openCount={0} />);
    expect(screen.queryByTestId('shared-folder-status')).toBeNull();
    expect(screen.queryByText(/Shared folder/)).toBeNull();
  });

  it('shows the compact state on the wall board', () => {
    useStoreStatus.setState({ status: offline });
    render(<WallShareState />);
    expect(screen.getByTestId('wall-share-state').textContent).toBe('SHARE OFFLINE · 3 WAITING');
  });
});

describe('settings view', () => {
  it('answers at /settings (browser host) and #/settings (Electron)', () => {
    expect(viewOf({ pathname: '/settings', hash: '', search: '' }).name).toBe('settings');
    expect(viewOf({ pathname: '/index.html', hash: '#/settings', search: '' }).name).toBe('settings');
  });

  it('lists the state, folders, counts, writers with last seen, and warnings; saves the path', async () => {
    const warned: StoreStatus = { ...connected, heldBack: 2, warnings: [{ file: '/mnt/share/watchfloor/writers/w9/seg-x.ndjson', message: 'garbage; skipped' }] };
    const { client, calls } = fakeClient({
      'store.setSharedDir': { configuredDir: '/srv/share', activeDir: '/mnt/share/watchfloor', restartRequired: true, message: 'Saved: Watchfloor uses /srv/share from its next start.' },
    });
    useStoreStatus.setState({ status: warned });
    render(
      <ApiProvider client={client}>
        <SettingsView />
      </ApiProvider>,
    );
    const section = screen.getByRole('region', { name: 'Shared folder' });
    expect(within(section).getByTestId('settings-share-state').textContent).toBe('Connected · synced 14:02:10Z · 2 others online');
    const rows = within(screen.getByRole('table', { name: 'Writers seen' })).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'NameHostLast seenVersionState',
      'Desk 1 (this machine)desk 1-pc5s ago (14:02:25Z)0.1.0online',
      'Desk 2desk 2-pc10s ago (14:02:20Z)0.1.0online',
      'Desk 3desk 3-pc29s ago (14:02:01Z)0.1.0online',
      'Desk 4desk 4-pc1d 5h ago (09:00:00Z)0.1.0away',
    ]);
    expect(within(section).getByText('Held back (clock too far ahead)').nextElementSibling?.textContent).toBe('2');
    expect(within(section).getByTestId('settings-history').textContent).toBe('complete — works without the shared folder');
    act(() => useStoreStatus.setState({ status: { ...warned, historyLocal: false } }));
    expect(within(section).getByTestId('settings-history').textContent).toBe('not all of it yet — incidents not opened here yet need the shared folder');
    expect(within(screen.getByRole('list', { name: 'Warnings' })).getByRole('listitem').textContent).toBe('/mnt/share/watchfloor/writers/w9/seg-x.ndjsongarbage; skipped');

    const field = screen.getByLabelText('Shared folder path');
    fireEvent.change(field, { target: { value: 'relative/share' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText(/Give an absolute path/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'store.setSharedDir')).toEqual([]);

    fireEvent.change(field, { target: { value: '/srv/share' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByTestId('settings-share-message').textContent).toBe('Saved: Watchfloor uses /srv/share from its next start.'));
    expect(calls.filter((c) => c.method === 'store.setSharedDir')).toEqual([{ method: 'store.setSharedDir', input: { sharedDir: '/srv/share' } }]);
  });

  it('is read-only for a wall token', () => {
    useWorkspace.setState({ info: { ...(info as object), readOnly: true } as never });
    useStoreStatus.setState({ status: connected });
    render(
      <ApiProvider client={fakeClient().client}>
        <SettingsView />
      </ApiProvider>,
    );
    expect((screen.getByLabelText('Shared folder path') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
