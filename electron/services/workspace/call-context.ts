/** Who is calling, as the transport established it. */
export interface CallContext {
  /** Author recorded on events; defaults to the machine's operator. */
  actor?: string;
  /** A wall-board token may read but never change anything. */
  readOnly?: boolean;
}
