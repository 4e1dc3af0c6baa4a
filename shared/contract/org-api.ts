import { z } from 'zod';
import { UpdateTemplatesSchema } from '../comms/templates';
import { LifecycleRulesSchema } from '../domain/lifecycle';
import { PriorityMatrixSchema } from '../domain/priority';
import { DirectorySchema } from '../org/directory';
import { documentHistorySchema } from '../org/documents';
import { PublishedLifecycleSchema } from '../org/lifecycle';
import { PublishedMatrixSchema } from '../org/matrix';

export const DirectoryHistorySchema = documentHistorySchema(DirectorySchema);
export const TemplatesHistorySchema = documentHistorySchema(UpdateTemplatesSchema);
export const MatrixHistorySchema = documentHistorySchema(PriorityMatrixSchema);
export const LifecycleHistorySchema = documentHistorySchema(LifecycleRulesSchema);

/**
 * The version the editor started from (default: the latest this host knows). Publishing over a
 * version published meanwhile merges: only what this edit changed since `baseVersion` replaces it.
 */
const baseVersion = z.number().int().positive().optional();

export const orgApi = {
  /** The directory of people, teams and external organisations: the version in force and every version (who published it, when). */
  'directory.get': { input: z.object({}).strict(), output: DirectoryHistorySchema, mutates: false },
  /** Publishes the whole directory as its next version. */
  'directory.publish': { input: z.object({ directory: DirectorySchema, baseVersion }).strict(), output: DirectoryHistorySchema, mutates: true },
  /** The stakeholder-update templates, one per audience, with their versions. */
  'templates.get': { input: z.object({}).strict(), output: TemplatesHistorySchema, mutates: false },
  /** Publishes all three templates as their next version. */
  'templates.publish': { input: z.object({ templates: UpdateTemplatesSchema, baseVersion }).strict(), output: TemplatesHistorySchema, mutates: true },
  /** The impact × urgency → priority matrix (`matrix[impact-1][urgency-1]`), with its versions. */
  'matrix.get': { input: z.object({}).strict(), output: MatrixHistorySchema, mutates: false },
  /** Publishes the matrix as its next version: incidents created or re-prioritised from then on use it. */
  'matrix.publish': { input: z.object({ matrix: PublishedMatrixSchema, baseVersion }).strict(), output: MatrixHistorySchema, mutates: true },
  /** The incident lifecycle rules (transitions and what each requires, review priorities, resolution codes), with their versions. */
  'lifecycle.get': { input: z.object({}).strict(), output: LifecycleHistorySchema, mutates: false },
  /** Publishes the lifecycle rules as their next version: status changes from then on are decided by them. */
  'lifecycle.publish': { input: z.object({ lifecycle: PublishedLifecycleSchema, baseVersion }).strict(), output: LifecycleHistorySchema, mutates: true },
} as const;
