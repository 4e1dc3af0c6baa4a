/**
 * Stakeholder update templates, per audience, as data: organisations edit the texts, not code.
 * A template is filled with facts of the incident (`{id}`, `{title}`, …); the coordinator edits the
 * result before sending. Sending records a `status_update` entry, which meets the first-update
 * target and restarts the update cadence clock.
 */
import { z } from 'zod';
import type { IncidentState } from '../domain/incident';
import { STATUS_LABELS } from '../domain/lifecycle';

export const AudienceSchema = z.enum(['internal', 'executive', 'customers']);
export type Audience = z.infer<typeof AudienceSchema>;
export const AUDIENCES: readonly Audience[] = AudienceSchema.options;

const FIELDS = ['id', 'title', 'priority', 'status', 'services', 'next', 'age'] as const;

export const UpdateTemplateSchema = z
  .object({
    audience: AudienceSchema,
    label: z.string().trim().min(1).max(40),
    /** Put in front of the text, so the timeline shows who the update was for. */
    prefix: z.string().trim().max(40),
    text: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      // A misspelt field would reach stakeholders as "{titel}": refuse it when the template is published.
      .refine((t) => [...t.matchAll(/\{(\w+)\}/g)].every(([, key]) => (FIELDS as readonly string[]).includes(key!)), {
        message: `Unknown {field}: use ${FIELDS.map((f) => `{${f}}`).join(', ')}`,
      }),
  })
  .strict();
export type UpdateTemplate = z.infer<typeof UpdateTemplateSchema>;

/** One template per audience; each names its own audience. */
export const UpdateTemplatesSchema = z
  .object({ internal: UpdateTemplateSchema, executive: UpdateTemplateSchema, customers: UpdateTemplateSchema })
  .strict()
  .superRefine((templates, ctx) => {
    for (const a of AUDIENCES) if (templates[a].audience !== a) ctx.addIssue({ code: 'custom', path: [a, 'audience'], message: `Must be "${a}"` });
  });
export type UpdateTemplates = z.infer<typeof UpdateTemplatesSchema>;

export const DEFAULT_UPDATE_TEMPLATES: UpdateTemplates = {
  internal: {
    audience: 'internal',
    label: 'Internal',
    prefix: '[Internal]',
    text: '{id} ({priority}, {status}): {title}.\nAffected: {services}.\nCurrent situation: \nNext steps: \nNext update by {next}.',
  },
  executive: {
    audience: 'executive',
    label: 'Executive',
    prefix: '[Executive]',
    text: '{priority} incident {id}: {title}.\nBusiness impact: \nStatus: {status}, open for {age}.\nNext update by {next}.',
  },
  customers: {
    audience: 'customers',
    label: 'Customers',
    prefix: '[Customers]',
    text: 'We are aware of an issue affecting {services} and are working to resolve it. We will share another update by {next}.',
  },
};

export interface TemplateFacts {
  /** "14:30" or "in 30 min": when the next update is due, as the reader should see it. */
  next: string;
  /** "1 h 5 min": how long the incident has been open. */
  age: string;
}

/** The template with every `{field}` replaced; unknown fields stay as they are. */
export function fillTemplate(template: string, incident: Pick<IncidentState, 'id' | 'title' | 'priority' | 'status' | 'services'>, facts: TemplateFacts): string {
  const values: Record<(typeof FIELDS)[number], string> = {
    id: incident.id,
    title: incident.title,
    priority: incident.priority,
    status: STATUS_LABELS[incident.status],
    services: incident.services.length ? incident.services.join(', ') : 'some of our services',
    next: facts.next,
    age: facts.age,
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? values[key as keyof typeof values] : whole));
}

/** The text of a recorded update: the audience prefix, then the coordinator's text. */
export function updateText(audience: Audience, text: string, templates: UpdateTemplates = DEFAULT_UPDATE_TEMPLATES): string {
  const prefix = templates[audience].prefix;
  const body = text.trim();
  return body.startsWith(prefix) ? body : `${prefix} ${body}`;
}
