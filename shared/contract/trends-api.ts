import { TrendsQuerySchema, TrendsResultSchema } from '../metrics/schema';

/** Trends and reports: analytics over the incident history (see docs/METRICS.md). */
export const trendsApi = {
  'trends.query': { input: TrendsQuerySchema, output: TrendsResultSchema, mutates: false },
} as const;
