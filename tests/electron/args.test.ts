import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDataDir, parseMainArgs } from '../../electron/main/args';

describe('main process arguments', () => {
  it('reads --data-dir and --no-demo among Electron and Chromium switches', () => {
    expect(parseMainArgs(['.', '--data-dir', '/tmp/wf', '--no-demo', '--enable-logging'])).toEqual({ dataDir: '/tmp/wf', demo: false, wall: false });
    expect(parseMainArgs(['--inspect=9229', '--data-dir=/srv/watchfloor'])).toEqual({ dataDir: '/srv/watchfloor', demo: true, wall: false });
    expect(parseMainArgs([])).toEqual({ demo: true, wall: false });
  });

  it('reads --wall and --display for a dedicated wall PC', () => {
    expect(parseMainArgs(['--wall', '--display', '7'])).toEqual({ demo: true, wall: true, displayId: 7 });
    expect(parseMainArgs(['--display=x'])).toEqual({ demo: true, wall: false });
  });

  it('does not take the next switch as a value', () => {
    expect(parseMainArgs(['--data-dir', '--no-demo'])).toEqual({ demo: false, wall: false });
  });
});

describe('data directory', () => {
  const userData = () => '/home/op/.config/Watchfloor';

  it("is Electron's userData folder by default", () => {
    expect(chooseDataDir(undefined, {}, userData)).toEqual({ dataDir: '/home/op/.config/Watchfloor', overridden: false });
  });

  it('is --data-dir, then WATCHFLOOR_DATA_DIR, always absolute', () => {
    expect(chooseDataDir('/data/a', { WATCHFLOOR_DATA_DIR: '/data/b' }, userData)).toEqual({ dataDir: '/data/a', overridden: true });
    expect(chooseDataDir(undefined, { WATCHFLOOR_DATA_DIR: '/data/b' }, userData)).toEqual({ dataDir: '/data/b', overridden: true });
    const relative = chooseDataDir('wf-data', {}, userData);
    expect(isAbsolute(relative.dataDir)).toBe(true);
    expect(relative.dataDir).toBe(join(process.cwd(), 'wf-data'));
  });
});
