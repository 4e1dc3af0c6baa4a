import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMainArgs } from '../../electron/main/args';
import { MachineSettingsStore } from '../../electron/services/settings/machine-settings';
import { chooseSharedFolder, savedSharedDir } from '../../electron/services/settings/shared-folder-choice';
import { tempDir } from '../support/temp-dir';

describe('shared folder options (npm run serve, Electron main)', () => {
  it('takes --shared-dir, then WATCHFLOOR_SHARED_DIR, then the machine setting', () => {
    const env = { WATCHFLOOR_SHARED_DIR: '/env/share' };
    expect(chooseSharedFolder({ flag: '/flag/share', env, saved: '/saved/share', demo: false })).toMatchObject({ sharedDir: '/flag/share', from: 'flag' });
    expect(chooseSharedFolder({ env, saved: '/saved/share', demo: false })).toMatchObject({ sharedDir: '/env/share', from: 'env' });
    expect(chooseSharedFolder({ env: {}, saved: '/saved/share', demo: false })).toMatchObject({ sharedDir: '/saved/share', from: 'settings' });
    expect(chooseSharedFolder({ env: { WATCHFLOOR_SHARED_DIR: '  ' }, saved: null, demo: false })).toMatchObject({ sharedDir: null, from: null });
  });

  it('makes a relative flag absolute (against the working directory)', () => {
    expect(chooseSharedFolder({ flag: 'share', env: {}, saved: null, demo: false }).sharedDir).toBe(resolve('share'));
  });

  it('names the writer --writer-name, else user@host', () => {
    expect(chooseSharedFolder({ env: {}, saved: null, writerName: ' Desk 2 ', demo: false }).writerName).toBe('Desk 2');
    expect(chooseSharedFolder({ env: {}, saved: null, demo: false }).writerName).toBe(`${userInfo().username}@${hostname()}`);
  });

  it('never seeds the demo workspace into a shared folder, and says why', () => {
    const shared = chooseSharedFolder({ env: {}, saved: '/saved/share', demo: true });
    expect(shared).toMatchObject({ demo: false });
    expect(shared.demoSkipped).toMatch(/Demo workspace not seeded: a shared folder is configured \(\/saved\/share\)/);
    expect(chooseSharedFolder({ env: {}, saved: null, demo: true })).toEqual({ sharedDir: null, from: null, writerName: expect.any(String), demo: true });
    expect(chooseSharedFolder({ env: {}, saved: '/saved/share', demo: false }).demoSkipped).toBeUndefined();
  });

  it('Electron main reads --shared-dir and --writer-name, both spellings', () => {
    expect(parseMainArgs(['.', '--shared-dir', '/mnt/share', '--writer-name=Desk 2'])).toMatchObject({ sharedDir: '/mnt/share', writerName: 'Desk 2', demo: true });
    expect(parseMainArgs(['--shared-dir=/mnt/share', '--no-demo'])).toMatchObject({ sharedDir: '/mnt/share', demo: false });
  });

  describe('the machine setting', () => {
    let dir: Awaited<ReturnType<typeof tempDir>>;
    beforeEach(async () => {
      dir = await tempDir('wf-share-choice-');
    });
    afterEach(() => dir.cleanup());

    it('is read from settings.json, and survives other settings changes', async () => {
      expect(await savedSharedDir(dir.path)).toBeNull();
      const { store } = await MachineSettingsStore.open(dir.path);
      await store.setSharedDir('/mnt/share/watchfloor');
      await store.update({ siteName: 'North' });
      expect(await savedSharedDir(dir.path)).toBe('/mnt/share/watchfloor');
      const reopened = (await MachineSettingsStore.open(dir.path)).store;
      expect(reopened.settings.siteName).toBe('North');
      expect(reopened.sharedDir).toBe('/mnt/share/watchfloor');
    });
  });
});
