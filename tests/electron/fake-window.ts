import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowLike } from '../../electron/main/windows';

/** A BrowserWindow stand-in: records its options, loaded URLs and the calls the manager makes. */
export class FakeBrowserWindow extends EventEmitter implements WindowLike {
  static created: FakeBrowserWindow[] = [];
  static last(): FakeBrowserWindow {
    return FakeBrowserWindow.created.at(-1)!;
  }
  urls: string[] = [];
  calls: string[] = [];
  minimized = false;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.urls.push(url);
    return Promise.resolve();
  }
  show() {
    this.calls.push('show');
  }
  focus() {
    this.calls.push('focus');
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
    this.calls.push('restore');
  }
  isDestroyed() {
    return this.destroyed;
  }
  setFullScreen(flag: boolean) {
    this.calls.push(`fullscreen:${flag}`);
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}
