import { z } from 'zod';
import { CreateIncidentSchema, IncidentCommandSchema } from '../domain/commands';
import { IncidentStateSchema } from '../domain/incident';

const IncidentRef = z.object({ id: z.string().min(1).max(40) });

export const incidentsApi = {
  'incidents.list': {
    /** active: open incidents; resolved: resolved, not yet closed (the console's list); all: every incident, whole (a large store: everything folded). */
    input: z.object({ scope: z.enum(['active', 'resolved', 'all']).default('active') }).strict(),
    output: z.object({ incidents: z.array(IncidentStateSchema) }),
    mutates: false,
  },
  'incidents.get': { input: IncidentRef.strict(), output: IncidentStateSchema, mutates: false },
  'incidents.create': { input: CreateIncidentSchema.strict(), output: IncidentStateSchema, mutates: true },
  'incidents.command': {
    input: IncidentRef.extend({ command: IncidentCommandSchema }).strict(),
    output: IncidentStateSchema,
    mutates: true,
  },
} as const;
