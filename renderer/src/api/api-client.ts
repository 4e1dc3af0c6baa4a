import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/api';
import type { StreamMessage } from '../../../shared/contract/stream';

/** The renderer's only way to the backend; one implementation per transport. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Live changes pushed by the backend; returns an unsubscribe function. */
  subscribe(listener: (message: StreamMessage) => void): () => void;
  /** Connection state of the live stream, for the status bar. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}
