import { z } from 'zod';
import { LifecycleRulesSchema } from '../domain/lifecycle';
import { PriorityMatrixSchema } from '../domain/priority';

export const MachineSettingsSchema = z.object({
  operatorName: z.string().trim().min(1).max(120),
  siteName: z.string().trim().min(1).max(120),
  /** Show every time in UTC (control rooms often run on UTC). */
  utcEverywhere: z.boolean(),
  theme: z.enum(['dark', 'high-contrast']),
});
export type MachineSettings = z.infer<typeof MachineSettingsSchema>;

export const WorkspaceInfoSchema = z.object({
  version: z.string(),
  writerId: z.string(),
  writerCode: z.string(),
  settings: MachineSettingsSchema,
  matrix: PriorityMatrixSchema,
  lifecycle: LifecycleRulesSchema,
  /** Suggestions for free lists, learnt from existing incidents. */
  suggestions: z.object({ services: z.array(z.string()), categories: z.array(z.string()), people: z.array(z.string()) }),
  /** Whether this host lets the caller change anything (a wall token cannot). */
  readOnly: z.boolean(),
  /** The host's clock (epoch ms) when it answered: clients show SLA times against it. */
  now: z.number().optional(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const workspaceApi = {
  'workspace.info': { input: z.object({}).strict(), output: WorkspaceInfoSchema, mutates: false },
  'settings.update': { input: MachineSettingsSchema.partial().strict(), output: MachineSettingsSchema, mutates: true },
} as const;
