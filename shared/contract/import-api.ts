import { z } from 'zod';
import { StatusSchema } from '../domain/lifecycle';
import { LevelSchema } from '../domain/priority';

/**
 * Importers for real incident data: Atlassian Statuspage JSON and ITSM event-log / export CSV.
 * The file's text travels in the call (a browser has no file system access for the host), so
 * these methods accept large bodies (see the browser host's per-method body limits).
 */

/** Largest file accepted, in characters (64 MB of ASCII). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

export const ImportFormatSchema = z.enum(['statuspage', 'csv']);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** Names the source a file comes from; mappings are remembered and event ids derived per source. */
export const SourceKeySchema = z
  .string()
  .trim()
  .min(1, 'Name the source')
  .max(80)
  .regex(/^[A-Za-z0-9][\w.:@-]*$/, 'letters, digits and . _ : @ - only');

export const LevelsSchema = z.object({ impact: LevelSchema, urgency: LevelSchema });
export type Levels = z.infer<typeof LevelsSchema>;

export const STATUSPAGE_IMPACTS = ['critical', 'major', 'minor', 'none', 'maintenance'] as const;
export type StatuspageImpactName = (typeof STATUSPAGE_IMPACTS)[number];

export const StatuspageMappingSchema = z.object({
  format: z.literal('statuspage'),
  /** Statuspage impact → ITIL impact and urgency (priority follows from the organisation's matrix). */
  impact: z.object(Object.fromEntries(STATUSPAGE_IMPACTS.map((k) => [k, LevelsSchema])) as Record<StatuspageImpactName, typeof LevelsSchema>),
  /** Component names that are no services (e.g. a "visit our status page" pseudo component). */
  ignoreComponents: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
  category: z.string().max(80).default(''),
});
export type StatuspageMapping = z.infer<typeof StatuspageMappingSchema>;

/** What a source status becomes: a lifecycle status, or `ignore` (a timeline note, no status change). */
export const StatusTargetSchema = z.union([StatusSchema, z.literal('ignore')]);
export type StatusTarget = z.infer<typeof StatusTargetSchema>;

const optionalColumn = z
  .string()
  .max(200)
  .optional()
  .transform((c) => (c ? c : undefined));

/** Which CSV column holds what. `id`, `time` and `status` are required; the rest optional. */
export const CsvColumnsSchema = z.object({
  /** The source's incident (case, ticket) number; rows with the same id form one incident. */
  id: z.string().min(1, 'Choose the column holding the incident id').max(200),
  /** When the row happened (event logs) or the incident was opened (one row per incident). */
  time: z.string().min(1, 'Choose the column holding the time').max(200),
  status: z.string().min(1, 'Choose the column holding the status').max(200),
  subStatus: optionalColumn,
  impact: optionalColumn,
  urgency: optionalColumn,
  team: optionalColumn,
  person: optionalColumn,
  title: optionalColumn,
  /** Product, configuration item or service: becomes the incident's affected services. */
  product: optionalColumn,
  category: optionalColumn,
  /** When the row's status was set, where that differs from `time` (e.g. ServiceNow sys_updated_on). */
  statusTime: optionalColumn,
  resolvedAt: optionalColumn,
  closedAt: optionalColumn,
  resolutionCode: optionalColumn,
});
export type CsvColumns = z.infer<typeof CsvColumnsSchema>;
export type CsvColumnRole = keyof CsvColumns;

const valueMap = <T extends z.ZodType>(value: T) => z.record(z.string().max(400), value);

export const CsvMappingSchema = z.object({
  format: z.literal('csv'),
  columns: CsvColumnsSchema,
  /**
   * Source status → lifecycle status. Keys are `<status> / <sub status>` where a sub-status column
   * is mapped and the row has one, else `<status>`; a `<status>` key also covers its sub-statuses.
   * On hold gets the sub-status (or status) as its reason and resumes when a later row says so.
   */
  status: valueMap(StatusTargetSchema),
  /** Readable names of coded values (ServiceNow states "7" → "Closed"), used in reasons and entries. */
  statusLabels: valueMap(z.string().max(120)).default({}),
  subStatusLabels: valueMap(z.string().max(120)).default({}),
  /** Impact value → impact and urgency; urgency values (if a column is mapped) override the urgency. */
  impact: valueMap(LevelsSchema).default({}),
  urgency: valueMap(LevelSchema).default({}),
  /** Levels used when no impact column is mapped. */
  defaultLevels: LevelsSchema.default({ impact: 2, urgency: 2 }),
  /** Resolution-code value → one of the lifecycle's resolution codes. */
  resolutionCodes: valueMap(z.string().max(80)).default({}),
  defaultResolutionCode: z.string().trim().min(1).max(80).default('Fixed'),
});
export type CsvMapping = z.infer<typeof CsvMappingSchema>;

export const ImportMappingSchema = z.discriminatedUnion('format', [StatuspageMappingSchema, CsvMappingSchema]);
export type ImportMapping = z.infer<typeof ImportMappingSchema>;
export type ImportMappingInput = z.input<typeof ImportMappingSchema>;

/** A problem with the file: the line (1-based, of the file) and the field (column or JSON path). */
export const ImportIssueSchema = z.object({
  line: z.number().int().positive().nullable(),
  field: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const ValueCountSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int().nonnegative() });
export type ValueCount = z.infer<typeof ValueCountSchema>;

const ContentSchema = z.string().min(1, 'The file is empty').max(MAX_IMPORT_CHARS, 'The file is over 64 MB');
const FileNameSchema = z.string().max(260).default('');

/** Issues listed in answers; the counts cover all of them. */
export const MAX_LISTED_ISSUES = 200;

export const ImportPreviewSchema = z.object({
  format: ImportFormatSchema,
  sourceKey: z.string(),
  /** Readable source name, e.g. "BPI Challenge 2013 (Volvo IT VINST)". */
  sourceLabel: z.string(),
  fileName: z.string(),
  mapping: ImportMappingSchema,
  mappingOrigin: z.enum(['given', 'remembered', 'suggested']),
  /** CSV header, or the fields shown for Statuspage incidents. */
  columns: z.array(z.string()),
  /** The first rows (CSV records or incident summaries). */
  sample: z.array(z.array(z.string())),
  /** Data rows (CSV records after the header, or Statuspage incidents). */
  rowCount: z.number().int().nonnegative(),
  incidentCount: z.number().int().nonnegative(),
  /** Incidents of this file that this workspace holds already (imported before). */
  knownIncidents: z.number().int().nonnegative(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  /** Distinct values under the mapping, most frequent first, with how often they occur. */
  values: z.object({
    status: z.array(ValueCountSchema),
    impact: z.array(ValueCountSchema),
    urgency: z.array(ValueCountSchema),
    resolutionCode: z.array(ValueCountSchema),
  }),
  issues: z.array(ImportIssueSchema),
  issueCount: z.number().int().nonnegative(),
  /** Rows that the issues make unusable (skipped by "import the valid rows"). */
  invalidRows: z.number().int().nonnegative(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportSummarySchema = z.object({
  importId: z.string(),
  format: ImportFormatSchema,
  sourceKey: z.string(),
  fileName: z.string(),
  rows: z.object({ total: z.number().int(), imported: z.number().int(), skipped: z.number().int() }),
  incidents: z.object({
    total: z.number().int(),
    created: z.number().int(),
    /** Imported before and given new events now (e.g. a later export of the same source). */
    updated: z.number().int(),
    /** Imported before; nothing new. */
    unchanged: z.number().int(),
  }),
  events: z.object({ recorded: z.number().int(), alreadyPresent: z.number().int() }),
  /** Why rows were skipped (first MAX_LISTED_ISSUES); `skippedCount` counts every issue. */
  skipped: z.array(ImportIssueSchema),
  skippedCount: z.number().int(),
  /** Adjustments made so the history follows the lifecycle rules, with how often each happened. */
  notes: z.array(z.object({ message: z.string(), count: z.number().int() })),
  /** A few of the source ids and the incidents they became. */
  examples: z.array(z.object({ externalId: z.string(), incidentId: z.string() })),
  durationMs: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const RememberedMappingSchema = z.object({
  sourceKey: z.string(),
  mapping: ImportMappingSchema,
  fileName: z.string(),
  updatedAt: z.string(),
});
export type RememberedMapping = z.infer<typeof RememberedMappingSchema>;

export const importApi = {
  /** Detects the format, shows columns and first rows, suggests (or recalls) a mapping, lists problems. */
  'import.preview': {
    input: z
      .object({
        content: ContentSchema,
        fileName: FileNameSchema,
        format: ImportFormatSchema.optional(),
        sourceKey: SourceKeySchema.optional(),
        mapping: ImportMappingSchema.optional(),
      })
      .strict(),
    output: ImportPreviewSchema,
    mutates: false,
  },
  /**
   * Imports the file under the mapping; idempotent (events already present are skipped). A file
   * with problems is refused as a whole unless `acceptValidRows`. Progress: `importProgress` stream
   * messages carrying `importId`.
   */
  'import.run': {
    input: z
      .object({
        importId: z.string().trim().min(1).max(64),
        content: ContentSchema,
        fileName: FileNameSchema,
        sourceKey: SourceKeySchema,
        mapping: ImportMappingSchema,
        acceptValidRows: z.boolean().default(false),
        /** Remember this mapping for the source. */
        remember: z.boolean().default(true),
      })
      .strict(),
    output: ImportSummarySchema,
    mutates: true,
  },
  /** Mappings remembered per source (all, or the one named). */
  'import.mappings': {
    input: z.object({ sourceKey: SourceKeySchema.optional() }).strict(),
    output: z.object({ mappings: z.array(RememberedMappingSchema) }),
    mutates: false,
  },
} as const;
