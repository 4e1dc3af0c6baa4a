/** The notification centre's pure parts: model, derivation from timelines, preferences, burst control. */
export * from './model';
export * from './derive';
export * from './preferences';
export * from './coalesce';
