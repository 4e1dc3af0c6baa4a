/**
 * The directory's three lists described as data: columns to show, fields to edit, and how a saved
 * form changes the directory. One table-and-form component (CollectionSection) serves all three.
 */
import type { z } from 'zod';
import { ORGANISATION_KINDS, OrganisationSchema, PersonSchema, TeamSchema, teamsOf, type Directory, type Organisation, type Person, type Team } from '../../../../shared/org/directory';
import { fieldErrorsOf, type FieldErrors } from '../console/form-errors';

export type FormValues = Record<string, string | boolean>;

export interface FieldSpec {
  key: string;
  label: string;
  type: 'text' | 'email' | 'tel' | 'checkbox' | 'select';
  options?: ReadonlyArray<{ value: string; label: string }>;
}

export interface CollectionSpec<T extends { id: string }> {
  list: 'people' | 'teams' | 'organisations';
  title: string;
  /** "person": the add button, the form's and the row buttons' names. */
  singular: string;
  columns: ReadonlyArray<{ label: string; text(entry: T, d: Directory): string }>;
  fields(d: Directory): FieldSpec[];
  toForm(entry: T | undefined, d: Directory): FormValues;
  /** The directory with the entry saved, or why the form cannot be saved (per field). */
  save(d: Directory, id: string, values: FormValues): { directory: Directory } | { errors: FieldErrors };
  remove(d: Directory, id: string): Directory;
}

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : '');

/** The list with `entry` in place of the one with its id, or added at the end. */
function upsert<T extends { id: string }>(list: readonly T[], entry: T): T[] {
  return list.some((e) => e.id === entry.id) ? list.map((e) => (e.id === entry.id ? entry : e)) : [...list, entry];
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, apply: (entry: T) => Directory): { directory: Directory } | { errors: FieldErrors } {
  const result = schema.safeParse(value);
  return result.success ? { directory: apply(result.data) } : { errors: fieldErrorsOf(result.error) };
}

export const PEOPLE: CollectionSpec<Person> = {
  list: 'people',
  title: 'People',
  singular: 'person',
  columns: [
    { label: 'Name', text: (p) => p.name },
    { label: 'Role / title', text: (p) => p.role },
    { label: 'Team', text: (p, d) => teamsOf(d, p.id).map((t) => t.name).join(', ') },
    { label: 'Phone', text: (p) => p.phone },
    { label: 'Email', text: (p) => p.email },
    { label: 'On call', text: (p) => (p.onCall ? 'On call' : '') },
  ],
  fields: (d) => [
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'role', label: 'Role / title', type: 'text' },
    { key: 'team', label: 'Team', type: 'select', options: [{ value: '', label: 'No team' }, ...d.teams.map((t) => ({ value: t.id, label: t.name }))] },
    { key: 'phone', label: 'Phone', type: 'tel' },
    { key: 'email', label: 'Email', type: 'email' },
    { key: 'onCall', label: 'On call', type: 'checkbox' },
  ],
  toForm: (p, d) => ({ name: p?.name ?? '', role: p?.role ?? '', team: p ? (teamsOf(d, p.id)[0]?.id ?? '') : '', phone: p?.phone ?? '', email: p?.email ?? '', onCall: p?.onCall ?? false }),
  save: (d, id, v) =>
    parsed(PersonSchema, { id, name: text(v.name), role: text(v.role), phone: text(v.phone), email: text(v.email), onCall: v.onCall === true }, (person) => ({
      ...d,
      people: upsert(d.people, person),
      // The form picks one team: the person leaves the others and joins it.
      teams: d.teams.map((t) => ({ ...t, members: t.id === v.team ? [...new Set([...t.members, id])] : t.members.filter((m) => m !== id) })),
    })),
  remove: (d, id) => ({ ...d, people: d.people.filter((p) => p.id !== id), teams: d.teams.map((t) => ({ ...t, members: t.members.filter((m) => m !== id) })) }),
};

export const TEAMS: CollectionSpec<Team> = {
  list: 'teams',
  title: 'Teams',
  singular: 'team',
  columns: [
    { label: 'Name', text: (t) => t.name },
    { label: 'Description', text: (t) => t.description },
    { label: 'Members', text: (t, d) => t.members.map((m) => d.people.find((p) => p.id === m)?.name ?? m).join(', ') },
  ],
  fields: () => [
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'description', label: 'Description', type: 'text' },
  ],
  toForm: (t) => ({ name: t?.name ?? '', description: t?.description ?? '' }),
  // Members join from their own row (a person's Team): the team form keeps them as they are.
  save: (d, id, v) =>
    parsed(TeamSchema, { id, name: text(v.name), description: text(v.description), members: d.teams.find((t) => t.id === id)?.members ?? [] }, (team) => ({ ...d, teams: upsert(d.teams, team) })),
  remove: (d, id) => ({ ...d, teams: d.teams.filter((t) => t.id !== id) }),
};

const KIND_LABELS: Record<Organisation['kind'], string> = { vendor: 'Vendor', agency: 'Agency', hospital: 'Hospital', utility: 'Utility', partner: 'Partner', other: 'Other' };

export const ORGANISATIONS: CollectionSpec<Organisation> = {
  list: 'organisations',
  title: 'External organisations',
  singular: 'organisation',
  columns: [
    { label: 'Name', text: (o) => o.name },
    { label: 'Kind', text: (o) => KIND_LABELS[o.kind] },
    { label: 'Contact', text: (o) => o.contact },
  ],
  fields: () => [
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'kind', label: 'Kind', type: 'select', options: ORGANISATION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })) },
    { key: 'contact', label: 'Contact', type: 'text' },
  ],
  toForm: (o) => ({ name: o?.name ?? '', kind: o?.kind ?? 'vendor', contact: o?.contact ?? '' }),
  save: (d, id, v) => parsed(OrganisationSchema, { id, name: text(v.name), kind: text(v.kind), contact: text(v.contact) }, (o) => ({ ...d, organisations: upsert(d.organisations, o) })),
  remove: (d, id) => ({ ...d, organisations: d.organisations.filter((o) => o.id !== id) }),
};

/** A new entry's id: unique enough across PCs (a directory holds hundreds, not millions). */
export function newEntryId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
