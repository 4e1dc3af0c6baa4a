import { ALERT_STREAM } from '../../../shared/alerts/events';
import { parseEvent, type EventEnvelope } from '../../../shared/domain/events';
import { summarize } from '../../../shared/domain/incident';
import { foldIncident } from '../../../shared/domain/reducer';
import { ORG_STREAM } from '../../../shared/org/events';
import type { CheckpointBody, CheckpointWriter } from './checkpoint-format';
import { decodeRecordAt, ZERO_HASH } from './format';
import { TimeSlices } from '../time-slices';
import { forEachLine } from './lines';

export interface CheckpointContent {
  body: CheckpointBody;
  newestHlc: string;
}

export interface BuildOptions {
  /** Checked between pieces of work; true stops the build (the store is closing). */
  cancelled?: () => boolean;
  /** Longest stretch of work between two turns of the event loop (default 10 ms). */
  sliceMs?: number;
}

/**
 * Folds a snapshot's incidents into a checkpoint. `body` is the snapshot's body; `bodyStart` is
 * where it starts in the file (after the header line): the checkpoint's offsets are the file's. Two passes keep memory flat however large
 * the snapshot: the first notes where each stream's records are and each writer's chain, the
 * second folds one incident at a time from its records, exactly as the service folds them
 * (`parseEvent`, then `foldIncident`). Yields to the event loop between slices, so a compacting
 * PC stays responsive. Undefined when the body is not what `buildSnapshot` writes (one linked run
 * per writer from its first event, every line an event): readers then parse the snapshot instead.
 */
export async function buildCheckpoint(body: Buffer, bodyStart: number, opts: BuildOptions = {}): Promise<CheckpointContent | undefined> {
  const slices = new TimeSlices(opts.sliceMs ?? 10);
  const stop = async () => {
    await slices.pause();
    return opts.cancelled?.() ?? false;
  };
  const writers: CheckpointWriter[] = [];
  const seenWriters = new Set<string>();
  const ranges = new Map<string, number[]>();
  let newestHlc = '';
  let previous: number[] | undefined;
  let valid = true;
  for (let from = 0, to = 0; from < body.length && valid; from = to + 1) {
    to = body.indexOf(0x0a, from);
    if (to < 0) to = body.length;
    if (to === from) continue;
    if (await stop()) return undefined;
    const r = decodeRecordAt(body, from, to);
    const [start, end] = [bodyStart + from, bodyStart + to];
    if (!r.ok || typeof r.record.value.stream !== 'string') {
      valid = false;
      continue;
    }
    const { key, value, prev, hash } = r.record;
    const stream = value.stream as string;
    if (key.hlc > newestHlc) newestHlc = key.hlc;
    const w = writers[writers.length - 1];
    if (w && w.writerId === key.writerId) {
      if (key.seq !== w.last + 1 || prev !== w.hash) {
        valid = false;
        continue;
      }
      w.last = key.seq;
      w.end = end;
      w.hash = hash;
    } else {
      if (seenWriters.has(key.writerId) || key.seq !== 1 || prev !== ZERO_HASH) {
        valid = false;
        continue;
      }
      seenWriters.add(key.writerId);
      writers.push({ writerId: key.writerId, first: 1, last: 1, start, end, prev, hash });
    }
    let own = ranges.get(stream);
    if (!own) ranges.set(stream, (own = []));
    // A record right after the stream's previous one extends its range (the newline between stays inside).
    if (own === previous && own[own.length - 1] === start - 1) own[own.length - 1] = end;
    else own.push(start, end);
    previous = own;
  }
  if (!valid) return undefined;
  const streams: CheckpointBody['streams'] = [];
  for (const [stream, at] of ranges) {
    if (await stop()) return undefined;
    const incident = stream !== ALERT_STREAM && stream !== ORG_STREAM ? foldIncident(eventsIn(body, at, bodyStart)) : undefined;
    streams.push({ stream, ranges: at, summary: incident ? summarize(incident) : null });
  }
  return { body: { writers, streams }, newestHlc };
}

/** The valid events of the records in file ranges `ranges` of `body`, which starts at file offset `bodyStart` (the service skips invalid ones too). */
function eventsIn(body: Buffer, ranges: readonly number[], bodyStart: number): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    forEachLine(body, ranges[i]! - bodyStart, (start, end) => {
      const r = decodeRecordAt(body, start, end);
      if (!r.ok) return;
      const p = parseEvent(r.record.value);
      if (p.ok) out.push(p.event);
    }, ranges[i + 1]! - bodyStart);
  }
  return out;
}
