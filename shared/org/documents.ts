/**
 * Organisation data published as whole documents (the directory, the update templates, the
 * priority matrix, the lifecycle rules): a pure
 * fold of their events onto the shipped default (version 1), with who published each version and
 * when. Unlike policies they take effect at once for everyone (nothing is pinned to an incident's
 * creation), so a version needs no `effectiveFrom`.
 *
 * Concurrency: a publisher proposes `latest + 1`. Two PCs that publish before seeing each other's
 * version propose the same number; every PC folds both in HLC order, renumbers the later one and
 * flags it `concurrent` (history.ts), and — unlike policies, where the later version replaces the
 * earlier — merges it into the earlier one three-way against the version it was edited from, so
 * neither person's additions are lost.
 */
import { z } from 'zod';
import { DEFAULT_UPDATE_TEMPLATES, type UpdateTemplates } from '../comms/templates';
import type { EventEnvelope } from '../domain/events';
import { DEFAULT_LIFECYCLE, type LifecycleRules } from '../domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../domain/priority';
import { IsoTimeSchema } from '../domain/vocabulary';
import { EMPTY_DIRECTORY, type Directory } from './directory';
import { OrgEventPayloads } from './events';
import { orgEventsInOrder, settleVersion } from './history';
import { mergeLifecycle } from './lifecycle';
import { mergeCells } from './matrix';
import { mergeEntries, mergeFields } from './merge';

/** A document's history: the version in force (`current`, `version`) and every version, oldest first. */
export function documentHistorySchema<D extends z.ZodType>(document: D) {
  const entry = z.object({
    version: z.number().int().positive(),
    document,
    /** null: shipped with the app. */
    publishedBy: z.string().nullable(),
    publishedAt: IsoTimeSchema.nullable(),
    /** Published without having seen the version before it (another PC at the same time): renumbered and merged. */
    concurrent: z.boolean(),
  });
  return z.object({ version: z.number().int().positive(), current: document, versions: z.array(entry) });
}

export interface DocumentHistory<D> {
  version: number;
  current: D;
  versions: Array<{ version: number; document: D; publishedBy: string | null; publishedAt: string | null; concurrent: boolean }>;
}

/** What distinguishes one kind of document: its event, shipped default and merge of crossed publishes. */
interface DocumentKind<D> {
  type: 'org.directory.published' | 'org.templates.published' | 'org.priorityMatrix.published' | 'org.lifecycle.published';
  shipped: D;
  merge(base: D, theirs: D, current: D): D;
}

const byId = (e: { id: string }) => e.id;

/** People, teams and organisations merged entry by entry; a team keeps only members still in the directory. */
function mergeDirectory(base: Directory, theirs: Directory, current: Directory): Directory {
  const people = mergeEntries(base.people, theirs.people, current.people, byId);
  const ids = new Set(people.map(byId));
  const teams = mergeEntries(base.teams, theirs.teams, current.teams, byId).map((t) => ({ ...t, members: t.members.filter((m) => ids.has(m)) }));
  return { people, teams, organisations: mergeEntries(base.organisations, theirs.organisations, current.organisations, byId) };
}

export const DIRECTORY: DocumentKind<Directory> = { type: 'org.directory.published', shipped: EMPTY_DIRECTORY, merge: mergeDirectory };
export const TEMPLATES: DocumentKind<UpdateTemplates> = { type: 'org.templates.published', shipped: DEFAULT_UPDATE_TEMPLATES, merge: mergeFields };
export const MATRIX: DocumentKind<PriorityMatrix> = { type: 'org.priorityMatrix.published', shipped: DEFAULT_PRIORITY_MATRIX, merge: mergeCells };
export const LIFECYCLE: DocumentKind<LifecycleRules> = { type: 'org.lifecycle.published', shipped: DEFAULT_LIFECYCLE, merge: mergeLifecycle };

export function initialDocument<D>(kind: DocumentKind<D>): DocumentHistory<D> {
  return { version: 1, current: kind.shipped, versions: [{ version: 1, document: kind.shipped, publishedBy: null, publishedAt: null, concurrent: false }] };
}

/**
 * Folds one kind's events (any order; other streams, other types and invalid payloads are
 * ignored, an event id counts once) onto its shipped default.
 */
export function foldDocument<D>(kind: DocumentKind<D>, events: readonly EventEnvelope[]): DocumentHistory<D> {
  let history = initialDocument(kind);
  for (const event of orgEventsInOrder(events)) {
    if (event.type !== kind.type) continue;
    const parsed = OrgEventPayloads[kind.type].safeParse(event.data);
    if (!parsed.success) continue;
    const theirs = parsed.data.document as D;
    const { version, concurrent } = settleVersion(history.version, parsed.data.version);
    // The version the publisher edited: the one before its proposal (the shipped default at the least).
    const base = history.versions.find((v) => v.version === parsed.data.version - 1)?.document ?? kind.shipped;
    const document = concurrent ? kind.merge(base, theirs, history.current) : theirs;
    const entry = { version, document, publishedBy: event.actor, publishedAt: event.recordedAt, concurrent };
    history = { version, current: document, versions: [...history.versions, entry] };
  }
  return history;
}

/** Every kind of whole-document organisation data, by the name the API and the stream use. */
export const OrgDocumentNameSchema = z.enum(['directory', 'templates', 'matrix', 'lifecycle']);
export type OrgDocumentName = z.infer<typeof OrgDocumentNameSchema>;
export const ORG_DOCUMENTS = { directory: DIRECTORY, templates: TEMPLATES, matrix: MATRIX, lifecycle: LIFECYCLE } as const satisfies Record<OrgDocumentName, unknown>;
export type OrgDocuments = { [K in OrgDocumentName]: DocumentHistory<(typeof ORG_DOCUMENTS)[K]['shipped']> };

/** Every document folded from the org stream's events. */
export function foldOrgDocuments(events: readonly EventEnvelope[]): OrgDocuments {
  return { directory: foldDocument(DIRECTORY, events), templates: foldDocument(TEMPLATES, events), matrix: foldDocument(MATRIX, events), lifecycle: foldDocument(LIFECYCLE, events) };
}
