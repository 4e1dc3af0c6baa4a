import type { z } from 'zod';
import { ApiError, type ApiErrorBody } from '../../../../shared/contract/api';

export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

/** A zod issue in words an operator understands. */
export function issueMessage(issue: Issue): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
    return /^Too small/.test(issue.message) ? 'Required' : issue.message;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return `At most ${String(issue.maximum)} characters`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `At most ${String(issue.maximum)} items`;
  if (issue.code === 'invalid_format' && issue.format === 'datetime') return 'Not a valid date and time';
  return issue.message;
}

/** First message per dotted field path. */
export function fieldErrorsOf(error: z.ZodError | undefined): FieldErrors {
  const out: FieldErrors = {};
  if (!error) return out;
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    // Array items ("services.2") report on the list field.
    const field = path.replace(/\.\d+$/, '');
    if (!(field in out)) out[field] = issueMessage(issue);
  }
  return out;
}

/** Whatever a call threw, as the API's error shape. */
export function apiErrorOf(err: unknown): ApiErrorBody {
  if (err instanceof ApiError) return err.body;
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** The API's field path ("command.reason", "resolution.summary") as the form's field name. */
export function formFieldOf(field: string | undefined): string | undefined {
  return field?.replace(/^command\./, '');
}
