import { z } from 'zod';
import { CreateIncidentSchema, IncidentCommandSchema } from '../domain/commands';
import { IncidentStateSchema } from '../domain/incident';
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
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

const IncidentRef = z.object({ id: z.string().min(1).max(40) });

/**
 * The API contract: every method's input and result. Both transports (Electron IPC and HTTP)
 * validate inputs with these schemas before a service sees them.
 */
export const api = {
  'workspace.info': { input: z.object({}).strict(), output: WorkspaceInfoSchema, mutates: false },
  'settings.update': { input: MachineSettingsSchema.partial().strict(), output: MachineSettingsSchema, mutates: true },
  'incidents.list': {
    input: z.object({ scope: z.enum(['active', 'all']).default('active') }).strict(),
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

export type Api = typeof api;
export type MethodName = keyof Api;
export const METHOD_NAMES = Object.keys(api) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = z.infer<Api[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

export const ApiErrorSchema = z.object({
  code: z.enum(['invalid_input', 'unknown_method', 'rule', 'not_found', 'unauthorized', 'forbidden', 'too_large', 'internal']),
  message: z.string(),
  /** Dotted path of the offending input field, where one is at fault. */
  field: z.string().optional(),
  /** Name of the domain rule that refused the call. */
  rule: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

/** Thrown by clients and services alike so callers can show what went wrong. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

export const HTTP_STATUS_OF: Record<ApiErrorBody['code'], number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  too_large: 413,
  rule: 409,
  internal: 500,
};

/** Turns a zod failure into the API's error shape, naming the first offending field. */
export function invalidInput(error: z.ZodError): ApiError {
  const first = error.issues[0];
  const field = first?.path.join('.') || undefined;
  const message = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return new ApiError({ code: 'invalid_input', message, field });
}
