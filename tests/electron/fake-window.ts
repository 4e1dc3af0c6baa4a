import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
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
  fullScreen = false;
  kiosk = false;
  bounds: Partial<Rectangle> = {};
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x, y: options.y, width: options.width, height: options.height };
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
    const was = this.fullScreen;
    this.fullScreen = flag;
    if (was && !flag) this.emit('leave-full-screen');
  }
  isFullScreen() {
    return this.fullScreen;
  }
  setKiosk(flag: boolean) {
    this.calls.push(`kiosk:${flag}`);
    this.kiosk = flag;
    this.fullScreen = flag; // kiosk is fullscreen
  }
  isKiosk() {
    return this.kiosk;
  }
  setBounds(bounds: Partial<Rectangle>) {
    this.calls.push(`bounds:${bounds.x},${bounds.y},${bounds.width}x${bounds.height}`);
    this.bounds = { ...this.bounds, ...bounds };
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}
