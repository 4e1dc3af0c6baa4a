import { z } from 'zod';
import { IncidentStateSchema } from '../domain/incident';

/** What the backend pushes to every connected client (IPC events or server-sent events). */
export const StreamMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incidents'), incidents: z.array(IncidentStateSchema) }),
  z.object({ kind: z.literal('settings') }),
]);
export type StreamMessage = z.infer<typeof StreamMessageSchema>;
