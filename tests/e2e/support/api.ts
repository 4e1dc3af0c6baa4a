import type { IncidentState } from '../../../shared/domain/incident';

/** A parsed answer of the browser host's HTTP API: status and JSON body. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface ApiErrorAnswer {
  error: { code: string; message: string; field?: string; rule?: string };
}

/** `POST /api/<method>` with a JSON body (the documented form); `actor` goes in x-watchfloor-actor. */
export async function call<T = unknown>(base: string, method: string, body: unknown = {}, actor?: string): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (actor) headers['x-watchfloor-actor'] = encodeURIComponent(actor);
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

/** Like `call`, but a non-2xx answer is a test failure. */
export async function ok<T = unknown>(base: string, method: string, body: unknown = {}, actor?: string): Promise<T> {
  const r = await call<T>(base, method, body, actor);
  if (r.status !== 200) throw new Error(`${method} ${JSON.stringify(body)} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export const getIncident = (base: string, id: string) => ok<IncidentState>(base, 'incidents.get', { id });

export const command = (base: string, id: string, cmd: Record<string, unknown>, actor?: string) =>
  ok<IncidentState>(base, 'incidents.command', { id, command: cmd }, actor);

export const createIncident = (base: string, input: Record<string, unknown>, actor?: string) => ok<IncidentState>(base, 'incidents.create', input, actor);
