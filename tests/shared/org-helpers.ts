import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../shared/domain/events';
import { ORG_STREAM } from '../../shared/org/events';
import { encodeHlc } from '../../shared/time/hlc';
import { iso } from './sla-helpers';

/** An organisation event as a PC records it (the org fold tests). */
export interface OrgPublish {
  id: string;
  at: number;
  type: string;
  data: unknown;
  /** HLC milliseconds (defaults to `at`): a skewed writer's clock. */
  hlcAt?: number;
  writer?: string;
  actor?: string;
  stream?: string;
}

export function orgEvent(p: OrgPublish): EventEnvelope {
  return {
    id: p.id,
    stream: p.stream ?? ORG_STREAM,
    type: p.type,
    hlc: encodeHlc({ millis: p.hlcAt ?? p.at, counter: 0 }),
    writerId: p.writer ?? 'writer-a',
    seq: 1,
    recordedAt: iso(p.at),
    actor: p.actor ?? 'Dana',
    v: CURRENT_EVENT_VERSION,
    data: p.data,
  };
}
