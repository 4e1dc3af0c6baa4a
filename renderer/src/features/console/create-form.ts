import { CreateIncidentSchema, type CreateIncidentInput } from '../../../../shared/domain/commands';
import type { Level } from '../../../../shared/domain/priority';
import type { Source } from '../../../../shared/domain/vocabulary';
import { fieldErrorsOf, type FieldErrors } from './form-errors';

export interface CreateValues {
  title: string;
  description: string;
  category: string;
  services: string[];
  reporter: string;
  source: Source;
  tags: string[];
  impact: Level;
  urgency: Level;
  major: boolean;
  exercise: boolean;
}

export const EMPTY_CREATE: CreateValues = {
  title: '',
  description: '',
  category: '',
  services: [],
  reporter: '',
  source: 'phone',
  tags: [],
  impact: 2,
  urgency: 2,
  major: false,
  exercise: false,
};

/** Adds text still typed into a free-list field (not yet turned into a chip). */
function withPending(list: string[], pending: string): string[] {
  const extra = pending
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set([...list, ...extra])];
}

/** The create call's input and its field errors, checked with the backend's own schema. */
export function checkCreate(
  v: CreateValues,
  pending: { services?: string; tags?: string } = {},
): { input: CreateIncidentInput | undefined; errors: FieldErrors } {
  const candidate: CreateIncidentInput = {
    ...v,
    title: v.title,
    services: withPending(v.services, pending.services ?? ''),
    tags: withPending(v.tags, pending.tags ?? ''),
  };
  const parsed = CreateIncidentSchema.safeParse(candidate);
  return { input: parsed.success ? candidate : undefined, errors: fieldErrorsOf(parsed.error) };
}
