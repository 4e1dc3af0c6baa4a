/** IPC channel names; kept free of zod so the sandboxed preload bundle stays tiny. */
export const IPC_CHANNELS = {
  invoke: 'watchfloor:invoke',
  stream: 'watchfloor:stream',
  /** Electron only: print a report to PDF in the main process (electron/main/print.ts), saved where the user picks. */
  exportReport: 'watchfloor:exportReport',
} as const;
