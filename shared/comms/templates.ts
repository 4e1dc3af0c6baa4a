/**
 * Stakeholder update templates, per audience, as data: organisations edit the texts, not code.
 * A template is filled with facts of the incident (`{id}`, `{title}`, …); the coordinator edits the
 * result before sending. Sending records a `status_update` entry, which meets the first-update
 * target and restarts the update cadence clock.
 */
import type { IncidentState } from '../domain/incident';
import { STATUS_LABELS } from '../domain/lifecycle';

export type Audience = 'internal' | 'executive' | 'customers';
export const AUDIENCES: readonly Audience[] = ['internal', 'executive', 'customers'];

export interface UpdateTemplate {
  audience: Audience;
  label: string;
  /** Put in front of the text, so the timeline shows who the update was for. */
  prefix: string;
  text: string;
}

export const DEFAULT_UPDATE_TEMPLATES: Record<Audience, UpdateTemplate> = {
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

const FIELDS = ['id', 'title', 'priority', 'status', 'services', 'next', 'age'] as const;

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
export function updateText(audience: Audience, text: string, templates: Record<Audience, UpdateTemplate> = DEFAULT_UPDATE_TEMPLATES): string {
  const prefix = templates[audience].prefix;
  const body = text.trim();
  return body.startsWith(prefix) ? body : `${prefix} ${body}`;
}
