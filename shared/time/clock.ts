/** Injected time source; domain code never reads the system clock itself. */
export interface Clock {
  now(): number;
}

/** Injected unique id source. */
export type IdGenerator = () => string;
