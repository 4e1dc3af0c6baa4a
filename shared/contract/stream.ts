import { z } from 'zod';
import { IncidentStateSchema } from '../domain/incident';

/** What the backend pushes to every connected client (IPC events or server-sent events). */
export const StreamMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incidents'), incidents: z.array(IncidentStateSchema) }),
  z.object({ kind: z.literal('settings') }),
  /** Progress of an `import.run` call (`done` of `total` incidents in `phase`). */
  z.object({
    kind: z.literal('importProgress'),
    importId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    phase: z.enum(['map', 'record']).optional(),
  }),
]);
export type StreamMessage = z.infer<typeof StreamMessageSchema>;
