/** Typed text to numbers and schema issues to field messages, for the policy forms. */
import type { z } from 'zod';
import { fieldErrorsOf, type FieldErrors } from '../console/form-errors';

export type { FieldErrors };

/** A typed number; anything else is NaN, which the schema refuses (and `validationErrors` words). */
export function numberOf(typed: string): number {
  const t = typed.trim();
  return t === '' ? Number.NaN : Number(t);
}

/** "75, 90" → [75, 90]. */
export function parseNumberList(typed: string): number[] {
  return typed
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(numberOf);
}

/** The schema's verdict on a draft as one message per field (the first), in words. */
export function validationErrors(schema: z.ZodType, draft: unknown): FieldErrors {
  const result = schema.safeParse(draft);
  if (result.success) return {};
  const errors = fieldErrorsOf(result.error);
  for (const issue of result.error.issues) {
    const words = numberWords(issue);
    if (words) errors[issue.path.map(String).join('.').replace(/\.\d+$/, '')] = words;
  }
  return errors;
}

/** The schema's verdict per exact path (`cells.0.1`, `codes.2`: one message per item of a list), the first for each. */
export function issuesByPath(schema: z.ZodType, draft: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of schema.safeParse(draft).error?.issues ?? []) errors[issue.path.map(String).join('.')] ??= issue.message;
  return errors;
}

/** Number issues in an operator's words ("At most 99" rather than "Too big: expected number to be <=99"). */
function numberWords(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a number';
  if (issue.code === 'too_small' && issue.origin === 'number') return `${issue.inclusive ? 'At least' : 'More than'} ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `${issue.inclusive ? 'At most' : 'Less than'} ${String(issue.maximum)}`;
  return undefined;
}
