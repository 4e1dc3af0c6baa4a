/** Metrics over incident history: per-incident facts, trend series, their query and result schemas. See docs/METRICS.md. */
export * from './facts';
export * from './schema';
export * from './stats';
export * from './time';
export * from './trends';
