/**
 * The sandboxed preload: exposes exactly `window.watchfloor` (the renderer's PreloadBridge) and
 * nothing else — no ipcRenderer, no IPC event objects, no Node. Bundled as CommonJS by
 * electron.vite.config.ts because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('watchfloor', createBridge(ipcRenderer));
