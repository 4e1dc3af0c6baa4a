/**
 * The trends query and its result, as zod schemas (the API contract uses them; types via z.infer).
 * Durations are milliseconds; rates and shares are fractions 0…1 (null without a denominator).
 */
import { z } from 'zod';
import { PrioritySchema } from '../domain/priority';
import { IsoTimeSchema } from '../domain/vocabulary';
import { isTimeZone } from '../sla/calendar';
import { SlaTargetSchema } from '../sla/policy';
import { DAY, MAX_BUCKETS } from './time';

const name = z.string().trim().min(1).max(120);
const names = z.array(name).max(50).default([]);

/** Values within a filter are alternatives (OR); filters combine with AND; empty lists do not filter. Case-insensitive. */
export const TrendsFiltersSchema = z
  .object({
    priorities: z.array(PrioritySchema).max(5).default([]),
    categories: names,
    teams: names,
    services: names,
    locations: names,
  })
  .strict();
export type TrendsFilters = z.infer<typeof TrendsFiltersSchema>;

export const GranularitySchema = z.enum(['day', 'week', 'month']);

const DAYS_PER: Record<z.infer<typeof GranularitySchema>, number> = { day: 1, week: 7, month: 28 };

export const TrendsQuerySchema = z
  .object({
    /** Range start (inclusive). */
    from: IsoTimeSchema,
    /** Range end (exclusive). */
    to: IsoTimeSchema,
    granularity: GranularitySchema.default('week'),
    filters: TrendsFiltersSchema.default({ priorities: [], categories: [], teams: [], services: [], locations: [] }),
    includeExercises: z.boolean().default(false),
    /** IANA zone for bucket edges, the hour-of-week heatmap and office hours. */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone').default('UTC'),
    /** Problem candidates: the same service (or title) at least `minCount` times within `windowDays`. */
    recurrence: z
      .object({ minCount: z.number().int().min(2).max(1000).default(3), windowDays: z.number().int().min(1).max(366).default(30) })
      .strict()
      .default({ minCount: 3, windowDays: 30 }),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: '"to" must be after "from"', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / DAY / DAYS_PER[q.granularity] <= MAX_BUCKETS - 2, {
    message: `Too many buckets (more than ${MAX_BUCKETS - 2}): shorten the range or choose a coarser granularity`,
    path: ['granularity'],
  });
export type TrendsQuery = z.infer<typeof TrendsQuerySchema>;
export type TrendsQueryInput = z.input<typeof TrendsQuerySchema>;

const num = z.number();
const nullableNum = z.number().nullable();

export const DurationStatsSchema = z.object({ n: num, median: nullableNum, p90: nullableNum, mean: nullableNum });

const byPriority = <T extends z.ZodType>(t: T) => z.object({ P1: t, P2: t, P3: t, P4: t, P5: t });

export const PriorityCountsSchema = byPriority(num).extend({ total: num });
export type PriorityCounts = z.infer<typeof PriorityCountsSchema>;

export const DurationPointSchema = z.object({ all: DurationStatsSchema, byPriority: byPriority(DurationStatsSchema) });
export type DurationPoint = z.infer<typeof DurationPointSchema>;

export const RateSchema = z.object({ numerator: num, denominator: num, rate: nullableNum });
export type Rate = z.infer<typeof RateSchema>;

export const SlaCellSchema = z.object({ met: num, breached: num, compliance: nullableNum });
export type SlaCell = z.infer<typeof SlaCellSchema>;
export const SlaPointSchema = z.object({ all: SlaCellSchema, byPriority: byPriority(SlaCellSchema) });
export type SlaPoint = z.infer<typeof SlaPointSchema>;

const perTarget = <T extends z.ZodType>(t: T) =>
  z.object({ acknowledge: t, firstUpdate: t, update: t, mitigate: t, resolve: t });

export const BreakdownRowSchema = z.object({
  key: z.string(),
  /** Incidents that started in the range. */
  opened: num,
  /** Incidents resolved in the range, and their time to resolve. */
  resolved: num,
  mttr: DurationStatsSchema,
});
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

export const RecurringRowSchema = z.object({
  key: z.string(),
  /** How it reads: the service, or the most recent title of the group. */
  label: z.string(),
  /** Incidents in the range. */
  count: num,
  /** Most incidents within any window of `windowDays` days, and that window (ISO times of its first and last incident). */
  peak: num,
  peakFrom: z.string(),
  peakTo: z.string(),
  lastAt: z.string(),
  /** Incidents of the peak window (up to 20). */
  incidentIds: z.array(z.string()),
  /** peak ≥ minCount: a problem candidate. */
  candidate: z.boolean(),
});
export type RecurringRow = z.infer<typeof RecurringRowSchema>;

export const TrendsBucketSchema = z.object({ key: z.string(), start: z.string(), end: z.string(), partial: z.boolean(), future: z.boolean() });
export type TrendsBucket = z.infer<typeof TrendsBucketSchema>;

export const TrendsResultSchema = z.object({
  query: z.object({
    from: z.string(),
    to: z.string(),
    granularity: GranularitySchema,
    timeZone: z.string(),
    includeExercises: z.boolean(),
    filters: TrendsFiltersSchema,
    recurrence: z.object({ minCount: num, windowDays: num }),
  }),
  generatedAt: z.string(),
  buckets: z.array(TrendsBucketSchema),
  totals: z.object({
    /** Incidents that started in the range (after filters). */
    opened: num,
    resolved: num,
    /** Open at the end of the range (or now, if earlier). */
    openAtEnd: num,
    mtta: DurationStatsSchema,
    mttr: DurationStatsSchema,
    timeToMitigate: DurationStatsSchema,
    sla: SlaCellSchema,
    escalation: RateSchema,
    reopen: RateSchema,
    afterHours: RateSchema,
    /** Incidents left out: exercises (unless included), cancelled ones, and those the filters exclude. */
    excluded: z.object({ exercises: num, cancelled: num, filtered: num }),
  }),
  opened: z.array(PriorityCountsSchema),
  resolved: z.array(PriorityCountsSchema),
  /** Open incidents at each bucket's end (null for buckets after now). */
  backlog: z.array(PriorityCountsSchema.nullable()),
  mtta: z.array(DurationPointSchema),
  mttr: z.array(DurationPointSchema),
  timeToMitigate: z.array(DurationPointSchema),
  sla: z.object({
    /** Targets that some priority of the policy defines. */
    targets: z.array(SlaTargetSchema),
    compliance: perTarget(z.array(SlaPointSchema)),
    breaches: z.array(perTarget(num).extend({ total: num })),
    totals: perTarget(SlaPointSchema),
  }),
  breakdowns: z.object({
    service: z.array(BreakdownRowSchema),
    category: z.array(BreakdownRowSchema),
    team: z.array(BreakdownRowSchema),
    location: z.array(BreakdownRowSchema),
  }),
  recurring: z.object({ services: z.array(RecurringRowSchema), titles: z.array(RecurringRowSchema) }),
  /** Incident starts by local weekday (0 = Monday) and hour: cells[weekday][hour]. */
  heatmap: z.object({ cells: z.array(z.array(num)), max: num }),
  escalation: z.array(RateSchema),
  reopen: z.array(RateSchema),
  afterHours: z.array(RateSchema),
  /** Values present for each filter (exercise toggle applied, other filters not), sorted. */
  options: z.object({ categories: z.array(z.string()), services: z.array(z.string()), teams: z.array(z.string()), locations: z.array(z.string()) }),
});
export type TrendsResult = z.infer<typeof TrendsResultSchema>;
