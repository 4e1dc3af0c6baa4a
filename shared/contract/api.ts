import { z } from 'zod';
import { alertsApi } from './alerts-api';
import { importApi } from './import-api';
import { incidentsApi } from './incidents-api';
import { orgApi } from './org-api';
import { policiesApi } from './policies-api';
import { slaApi } from './sla-api';
import { storeApi } from './store-api';
import { trendsApi } from './trends-api';
import { workspaceApi } from './workspace-api';

export { MachineSettingsSchema, WorkspaceInfoSchema, type MachineSettings, type WorkspaceInfo } from './workspace-api';

/** A method: its input and result schemas, and whether it changes anything (read-only callers may not). */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  mutates: boolean;
}

/**
 * The API contract: every method's input and result, one file per feature. Both transports
 * (Electron IPC and HTTP) validate inputs with these schemas before a service sees them.
 */
export const api = { ...workspaceApi, ...incidentsApi, ...importApi, ...trendsApi, ...slaApi, ...alertsApi, ...policiesApi, ...orgApi, ...storeApi } as const satisfies Record<string, MethodSpec>;

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
