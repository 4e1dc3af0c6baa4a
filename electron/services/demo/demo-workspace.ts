import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIncidentId } from '../../../shared/domain/ids';
import type { TimedEvent } from '../workspace/timed-event';
import { scenarioToTimedEvents } from './active-scenario';
import { demoDirectoryEvent } from './demo-directory';
import { DEMO_FILES } from './resources-dir';
import { statuspageToTimedEvents } from './statuspage-history';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Writer code of demo incident ids (`INC-2026-DEMO-17`); real writer codes never contain an O. */
export const DEMO_CODE = 'DEMO';
/** Seed of the PRNG behind the demo's few random choices; fixed, so only `now` moves the demo. */
const DEMO_SEED = 0x57a7c4;
/** The history fills [now - 365 d, now - 1 d]; the active scenario starts within the last day. */
const HISTORY_FROM = 365 * DAY;
const HISTORY_TO = 1 * DAY;
/** GitHub's status page lists its own page as a component; it is no service. */
const NOT_SERVICES = ['Visit www.githubstatus.com for more information'];

/** Reads the demo resources and builds the demo workspace as of `now`. Same `now`, same events. */
export function buildDemoWorkspace(now: number, resourcesDir: string): TimedEvent[] {
  const read = (file: string) => {
    const path = join(resourcesDir, file);
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (err) {
      throw new Error(`Cannot read the demo workspace file ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return buildDemoEvents(now, read(DEMO_FILES.history), read(DEMO_FILES.activeScenario));
}

/** The demo from already-parsed resources: a year of closed status-page history, then the active scenario. */
export function buildDemoEvents(now: number, historyJson: unknown, scenarioJson: unknown): TimedEvent[] {
  let n = 0;
  const newId = () => `demo-${++n}`;
  const incidentId = demoIdMinter();
  const random = mulberry32(DEMO_SEED);
  const closeDelays = new Map<string, number>();

  const history = statuspageToTimedEvents(historyJson, {
    incidentId: (opened) => incidentId(opened),
    newId,
    actor: 'GitHub status page',
    category: 'Vendor service (GitHub)',
    source: 'monitoring',
    tags: ['github'],
    ignoreComponents: NOT_SERVICES,
    retitleDatedNames: true,
    // Closed from 15 minutes to about two days after resolution, mostly soon.
    closeAfter: (tl) => {
      let delay = closeDelays.get(tl.sourceId);
      if (delay === undefined) {
        const r = random();
        delay = Math.round((15 + r * r * r * 47 * 60) * MINUTE);
        closeDelays.set(tl.sourceId, delay);
      }
      return delay;
    },
    reviewWaiver: 'Vendor incident imported from the GitHub status page; no internal post-incident review',
    placeInto: { from: now - HISTORY_FROM, to: now - HISTORY_TO },
  });
  const active = scenarioToTimedEvents(scenarioJson, { now, incidentId, newId });
  return [...history, ...active, demoDirectoryEvent(now)];
}

/** `INC-<year>-DEMO-<n>`, numbered per year in the order incidents open. */
function demoIdMinter(): (opened: number) => string {
  const seqs = new Map<number, number>();
  return (opened) => {
    const year = new Date(opened).getUTCFullYear();
    const seq = (seqs.get(year) ?? 0) + 1;
    seqs.set(year, seq);
    return formatIncidentId(year, DEMO_CODE, seq);
  };
}

/** Small seeded PRNG (mulberry32): deterministic demo choices. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
