/**
 * Synthetic incident history for the metrics oracle test and benchmark: raw events that follow
 * the default lifecycle (acknowledge, investigate, mitigate, resolve, reopen, close, cancel),
 * with priority changes, escalations, responders, stakeholder updates and notes, folded with the
 * real reducer. Deterministic for a seed.
 */
import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../shared/domain/events';
import type { IncidentState } from '../../shared/domain/incident';
import type { Status } from '../../shared/domain/lifecycle';
import { PRIORITIES, type Priority } from '../../shared/domain/priority';
import { foldIncident } from '../../shared/domain/reducer';
import { encodeHlc } from '../../shared/time/hlc';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS: Record<Priority, { impact: 1 | 2 | 3; urgency: 1 | 2 | 3 }> = {
  P1: { impact: 1, urgency: 1 },
  P2: { impact: 1, urgency: 2 },
  P3: { impact: 1, urgency: 3 },
  P4: { impact: 2, urgency: 3 },
  P5: { impact: 3, urgency: 3 },
};
const CATEGORIES = ['Network', 'Applications', 'Telephony', 'Security', 'Infrastructure', 'Messaging', 'Utilities', 'Control room systems'];
const SERVICES = Array.from({ length: 40 }, (_, i) => `Service ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`);
const TEAMS = ['Network Operations', 'Payments Platform', 'Service Desk', 'Field Operations', 'CAD Support', ''];
const LOCATIONS = ['Building A', 'Building B', 'DC1', 'DC2', 'Madrid'];
const TITLES = ['Payment gateway timeouts', 'VPN login failures', 'Email delivery delays', 'Core switch failure', 'Printer fleet offline', 'Disk full on FS02', 'Latency in region 3', 'Certificate expiry 12 days'];

export interface GenerateOptions {
  seed?: number;
  /** Incidents start in [from − 30 days, to]. */
  from: number;
  to: number;
  /** Target events per incident on average (at least the lifecycle's own). */
  eventsPerIncident?: number;
}

/** Raw events of n incidents (per incident, in time order). */
export function generateEvents(n: number, opts: GenerateOptions): EventEnvelope[][] {
  const rnd = prng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const span = opts.to - (opts.from - 30 * DAY);
  const perIncident = opts.eventsPerIncident ?? 12;
  const out: EventEnvelope[][] = [];
  let seq = 0;
  for (let i = 0; i < n; i++) {
    const id = `INC-2026-GEN-${i + 1}`;
    const events: EventEnvelope[] = [];
    let t = opts.from - 30 * DAY + Math.floor(rnd() * span);
    let counter = 0;
    const push = (type: string, data: unknown, at = t) => {
      counter = at === t ? counter + 1 : 0;
      events.push({
        id: `${id}-e${events.length}`,
        stream: id,
        type,
        hlc: encodeHlc({ millis: at, counter: counter % 1000 }),
        writerId: 'writer-gen',
        seq: ++seq,
        recordedAt: new Date(at).toISOString(),
        actor: 'Generator',
        v: CURRENT_EVENT_VERSION,
        data,
      });
    };
    const advance = (maxMinutes: number) => (t += MINUTE + Math.floor(rnd() * maxMinutes * MINUTE));
    let r = rnd();
    let priority: Priority = r < 0.05 ? 'P1' : r < 0.2 ? 'P2' : r < 0.6 ? 'P3' : r < 0.9 ? 'P4' : 'P5';
    const services = rnd() < 0.1 ? [] : [...new Set([pick(SERVICES), ...(rnd() < 0.3 ? [pick(SERVICES)] : [])])];
    push('incident.created', {
      title: rnd() < 0.5 ? pick(TITLES) : `Incident ${i}`,
      description: '',
      category: rnd() < 0.05 ? '' : pick(CATEGORIES),
      services,
      reporter: 'Service desk',
      source: 'phone',
      tags: rnd() < 0.3 ? [`location:${pick(LOCATIONS)}`] : [],
      exercise: rnd() < 0.03,
      major: false,
      ...LEVELS[priority],
      priority,
    });
    if (rnd() < 0.3) push('incident.milestoneSet', { milestone: 'impactStarted', at: new Date(t - Math.floor(rnd() * 2 * HOUR)).toISOString(), reason: 'From monitoring' });

    let status: Status = 'new';
    const move = (to: Status, extra: Record<string, unknown> = {}) => {
      push('incident.statusChanged', { from: status, to, reason: 'r', ...extra });
      status = to;
    };
    const filler = () => {
      const k = rnd();
      if (k < 0.15) push('responder.joined', { person: `Person ${Math.floor(rnd() * 50)}`, team: pick(TEAMS) });
      else if (k < 0.55) push('entry.added', { entryId: `${id}-x${events.length}`, kind: 'status_update', text: 'Update', occurredAt: null, corrects: null });
      else if (k < 0.9) push('entry.added', { entryId: `${id}-x${events.length}`, kind: 'note', text: 'Note', occurredAt: null, corrects: null });
      else push('task.added', { taskId: `${id}-t${events.length}`, title: 'Task', owner: '', due: null, checklist: [] });
    };
    const fillers = Math.max(0, perIncident - 6);

    const fate = rnd();
    if (fate < 0.05) {
      advance(120);
      move('cancelled');
      out.push(events);
      continue;
    }
    advance(30);
    if (rnd() < 0.6) {
      move('acknowledged');
      advance(20);
    }
    move('investigating');
    for (let k = 0; k < fillers / 2; k++) {
      advance(45);
      filler();
    }
    if (rnd() < 0.1) {
      advance(30);
      const np = PRIORITIES[Math.max(0, Math.min(4, PRIORITIES.indexOf(priority) + (rnd() < 0.7 ? -1 : 1)))]!;
      if (np !== priority) {
        priority = np;
        push('incident.priorityChanged', { ...LEVELS[np], override: null, priority: np, reason: 'Reassessed' });
      }
    }
    if (rnd() < 0.05) {
      advance(30);
      push('escalation.raised', { key: '', level: 1, round: 0, automatic: false, reason: 'Stuck', policyId: 'default', policyVersion: 1, name: 'Lead', kind: 'functional', notify: [], dueAt: null });
    }
    if (fate < 0.15) {
      if (rnd() < 0.3) {
        advance(60);
        move('on_hold');
      }
      out.push(events);
      continue;
    }
    if (rnd() < 0.5) {
      advance(240);
      move('mitigated');
      if (rnd() < 0.5) {
        advance(60);
        move('monitoring');
      }
    }
    for (let k = 0; k < fillers / 2; k++) {
      advance(45);
      filler();
    }
    advance(600);
    move('resolved', { resolution: { summary: 'Fixed it', code: 'Fixed' } });
    if (rnd() < 0.05) {
      advance(600);
      move('investigating');
      advance(300);
      move('resolved', { resolution: { summary: 'Fixed it again', code: 'Fixed' } });
    }
    if (rnd() < 0.7) {
      advance(48 * 60);
      if (priority === 'P1' || priority === 'P2') push('incident.reviewRecorded', { outcome: 'waived', reason: 'Generated' });
      move('closed');
    }
    out.push(events);
  }
  return out;
}

/** Folded incidents (the real reducer). */
export function generateIncidents(n: number, opts: GenerateOptions): IncidentState[] {
  return generateEvents(n, opts).map((evs) => foldIncident(evs)!);
}
