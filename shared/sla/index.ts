/** SLA clocks and escalation: the pure engine. See README.md in this folder. */
export * from './calendar';
export * from './policy';
export * from './clocks';
export * from './describe';
export * from './escalation-policy';
export * from './escalation';
export * from './events';
export * from './due';
export * from './defaults';
export * from './snapshot';
