/**
 * The organisation's directory: people, teams and external organisations, as one document that is
 * published in versions (shared/org/documents.ts). The shipped default is empty: a workspace
 * starts with nobody invented; people seen on incidents are still suggested by the console.
 */
import { z } from 'zod';

const IdSchema = z.string().trim().min(1).max(64);
const NameSchema = z.string().trim().min(1).max(120);
const OptionalText = (max: number) => z.string().trim().max(max).default('');

export const PersonSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    /** Job title or incident role they usually take ("Duty manager", "Network engineer"). */
    role: OptionalText(120),
    phone: z.string().trim().max(40).regex(/^[+\d\s()./-]*$/, 'Digits, spaces and + ( ) - . / only').default(''),
    email: z.union([z.literal(''), z.email('Not an email address')]).default(''),
    /** On call now: the console lists them first. */
    onCall: z.boolean().default(false),
  })
  .strict();
export type Person = z.infer<typeof PersonSchema>;

export const TeamSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    description: OptionalText(500),
    /** Ids of people in the directory; a person's team is the team that lists them. */
    members: z.array(IdSchema).max(500).default([]),
  })
  .strict();
export type Team = z.infer<typeof TeamSchema>;

export const ORGANISATION_KINDS = ['vendor', 'agency', 'hospital', 'utility', 'partner', 'other'] as const;
export const OrganisationSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    kind: z.enum(ORGANISATION_KINDS),
    /** How to reach them: a desk number, an email, a portal. */
    contact: OptionalText(200),
  })
  .strict();
export type Organisation = z.infer<typeof OrganisationSchema>;

/** Ids are unique per list, and a team's members are people of the directory. */
export const DirectorySchema = z
  .object({
    people: z.array(PersonSchema).max(2000).default([]),
    teams: z.array(TeamSchema).max(500).default([]),
    organisations: z.array(OrganisationSchema).max(1000).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const list of ['people', 'teams', 'organisations'] as const) {
      const seen = new Set<string>();
      d[list].forEach((entry, i) => {
        if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `Another entry has the id "${entry.id}"` });
        seen.add(entry.id);
      });
    }
    const people = new Set(d.people.map((p) => p.id));
    d.teams.forEach((t, i) =>
      t.members.forEach((m, j) => {
        if (!people.has(m)) ctx.addIssue({ code: 'custom', path: ['teams', i, 'members', j], message: `No person with the id "${m}" in the directory` });
      }),
    );
  });
export type Directory = z.infer<typeof DirectorySchema>;

export const EMPTY_DIRECTORY: Directory = { people: [], teams: [], organisations: [] };

/** The teams that list a person (usually one). */
export function teamsOf(directory: Directory, personId: string): Team[] {
  return directory.teams.filter((t) => t.members.includes(personId));
}
