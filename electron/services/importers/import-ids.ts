import { createHash } from 'node:crypto';
import type { IncidentState } from '../../../shared/domain/incident';
import { formatIncidentId, writerCode } from '../../../shared/domain/ids';

/**
 * Deterministic ids make imports idempotent: the n-th event derived from source incident X of
 * source S is always `imp:<hash of S>:<X>:<n>`, so the workspace can skip what it holds already,
 * and the incident a source id became is found again through its creation event (`…:0`), which is
 * recorded in the journal itself: nothing else needs to remember it (and it survives a lost
 * settings file, or an import on another PC of the same shared folder).
 */
export const IMPORT_EVENT_PREFIX = 'imp:';

function hash(text: string, length: number): string {
  return createHash('sha1').update(text).digest('hex').slice(0, length);
}

export function sourceTag(sourceKey: string): string {
  return hash(sourceKey, 8);
}

/** A source id as it appears in event ids (≤ 32 characters; hashed if longer or unusual). */
export function externalPart(externalId: string): string {
  return /^[\w.-]{1,32}$/.test(externalId) ? externalId : `h${hash(externalId, 20)}`;
}

/** Prefix of every event id of one source incident; ≤ 46 characters, so with `n` under 64. */
export function incidentEventPrefix(sourceKey: string, externalId: string): string {
  return `${IMPORT_EVENT_PREFIX}${sourceTag(sourceKey)}:${externalPart(externalId)}:`;
}

/**
 * The code in the ids of incidents this installation imports: a writer code of its own, so that
 * imported ids (`INC-<year opened>-<import code>-<n>`) never race with the ids people mint
 * meanwhile for new incidents of the same year (`INC-<year>-<writer code>-<n>`).
 */
export function importCode(writerId: string): string {
  return writerCode(`${writerId}/import`);
}

/**
 * Source incident → workspace incident, for one source: learnt from the creation events the
 * workspace holds, minting `INC-<year opened>-<import code>-<n>` for the new ones.
 */
export class IncidentIdIndex {
  private readonly byCreateEvent = new Map<string, string>();
  private readonly maxSeq = new Map<string, number>();

  constructor(
    incidents: Iterable<IncidentState>,
    private readonly code: string,
  ) {
    for (const incident of incidents) {
      const m = /^INC-(\d{4})-([A-Z0-9]+)-(\d+)$/.exec(incident.id);
      if (m && m[2] === code) this.maxSeq.set(m[1]!, Math.max(this.maxSeq.get(m[1]!) ?? 0, Number(m[3])));
      for (const e of incident.timeline) {
        if (e.type === 'incident.created' && e.id.startsWith(IMPORT_EVENT_PREFIX)) this.byCreateEvent.set(e.id, e.stream);
      }
    }
  }

  /** The incident a source incident became in an earlier import, if any. */
  existing(prefix: string): string | undefined {
    return this.byCreateEvent.get(`${prefix}0`);
  }

  /** The existing incident, or a new id in the year the incident opened. */
  resolve(prefix: string, opened: number): { id: string; created: boolean } {
    const found = this.existing(prefix);
    if (found) return { id: found, created: false };
    const year = String(new Date(opened).getUTCFullYear());
    const seq = (this.maxSeq.get(year) ?? 0) + 1;
    this.maxSeq.set(year, seq);
    const id = formatIncidentId(Number(year), this.code, seq);
    this.byCreateEvent.set(`${prefix}0`, id);
    return { id, created: true };
  }
}
