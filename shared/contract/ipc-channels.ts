/** IPC channel names; kept free of zod so the sandboxed preload bundle stays tiny. */
export const IPC_CHANNELS = { invoke: 'watchfloor:invoke', stream: 'watchfloor:stream' } as const;
