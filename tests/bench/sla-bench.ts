/**
 * SLA engine benchmark. `benchSla()` prints JSON lines {name, value, unit, baseline, ratio, note}:
 * - computing every clock of 1,000 active incidents (warm caches, cold caches, and a naive
 *   minute-by-minute engine as the baseline for the cold run);
 * - CPU per simulated minute of a scheduler that wakes only at nextWakeAt over one hour, against
 *   a poller that recomputes every incident every second.
 * Run it with `npx tsx tests/bench/sla-bench.ts` (or import it from a bench runner).
 */
import type { IncidentState } from '../../shared/domain/incident';
import type { Priority } from '../../shared/domain/priority';
import type { Status } from '../../shared/domain/lifecycle';
import { workCalendar } from '../../shared/sla/calendar';
import { computeClocks, cyclesOf, clockContext } from '../../shared/sla/clocks';
import { DEFAULT_ESCALATION_POLICIES, DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { dueBreaches, dueWarnings, nextWakeAt } from '../../shared/sla/due';
import { dueEscalations } from '../../shared/sla/escalation';
import { escalationPolicyFor, type EscalationPolicy } from '../../shared/sla/escalation-policy';
import { calendarOf, policyFor, SLA_TARGETS, SlaPolicySchema, type SlaPolicy } from '../../shared/sla/policy';
import { bruteIsWorking, IncidentBuilder, MINUTE, t } from '../shared/sla-helpers';

const HOUR = 60 * MINUTE;
/** Wednesday 11 March 2026, 11:00 London: inside office hours. */
const NOW = t('2026-03-11T11:00:00Z');

interface Line {
  name: string;
  value: number;
  /** Times are CPU milliseconds of this process. */
  unit: string;
  baseline: number;
  ratio: number;
  note: string;
}

function emit(line: Line): void {
  console.log(JSON.stringify({ ...line, value: round(line.value), baseline: round(line.baseline), ratio: round(line.ratio) }));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const PRIORITY_MIX: Array<[Priority, number]> = [
  ['P1', 0.05],
  ['P2', 0.15],
  ['P3', 0.4],
  ['P4', 0.3],
  ['P5', 0.1],
];
const CADENCE_MIN: Record<Priority, number> = { P1: 30, P2: 60, P3: 240, P4: 600, P5: 1440 };

/** 1,000 active incidents of mixed priority and age, built from real events. */
export function makeIncidents(n: number, now: number, seed = 7): IncidentState[] {
  const rnd = prng(seed);
  const out: IncidentState[] = [];
  for (let i = 0; i < n; i++) {
    let r = rnd();
    const priority = PRIORITY_MIX.find(([, w]) => (r -= w) < 0)?.[0] ?? 'P3';
    const age = Math.floor(rnd() * (priority === 'P1' || priority === 'P2' ? 6 * HOUR : 72 * HOUR) / MINUTE) * MINUTE + MINUTE;
    const created = now - age;
    const b = new IncidentBuilder(`INC-2026-BNCH-${i + 1}`, `bench-${i % 4}`).create(created, priority, { services: ['Payments'], category: 'Network' });
    const step = (frac: number): number => created + Math.floor((age * frac) / MINUTE) * MINUTE;
    const fate = rnd();
    if (fate > 0.1) b.to('acknowledged', step(0.05));
    if (fate > 0.2) b.to('investigating', step(0.1));
    // Stakeholder updates roughly on cadence, sometimes late.
    for (let at = step(0.12); at < now - MINUTE; at += CADENCE_MIN[priority] * MINUTE * (0.7 + rnd() * 0.6)) if (fate > 0.2) b.update(at);
    if (fate > 0.6 && fate <= 0.7) b.to('on_hold', step(0.8), 'Waiting for the supplier');
    if (fate > 0.7 && fate <= 0.85) b.to('mitigated', step(0.7));
    if (fate > 0.85 && fate <= 0.9) b.to('resolved', step(0.6)).to('investigating', step(0.75), 'Came back');
    out.push(b.state());
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU time (user + system) of fn in ms: steadier than wall time on a busy machine. */
function time(fn: () => void): number {
  return cpuMs(fn);
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Naive engine: counts each clock's elapsed time minute by minute from wall-clock local time. */
function naiveClocks(s: IncidentState, pol: SlaPolicy, now: number): number[] {
  const c = clockContext(s, pol);
  const out: number[] = [];
  for (const target of SLA_TARGETS) {
    const spec = pol.priorities[s.priority]?.[target];
    const cycle = cyclesOf(c, target).filter((x) => x.start <= now).pop();
    if (!spec || !cycle) continue;
    const cal = calendarOf(pol, spec);
    const end = cycle.end !== null && cycle.end <= now ? cycle.end : now;
    let elapsed = 0;
    for (let at = cycle.start; at < end; at += MINUTE) {
      const status = statusAtNaive(s, at);
      if (spec.pauseIn.includes(status) || status === 'resolved' || status === 'closed') continue;
      if (bruteIsWorking(cal, at)) elapsed += MINUTE;
    }
    out.push(elapsed);
  }
  return out;
}

function statusAtNaive(s: IncidentState, at: number): Status {
  let status: Status = 'new';
  for (const e of s.timeline) if (e.type === 'incident.statusChanged' && Date.parse(e.recordedAt) <= at) status = (e.data as { to: Status }).to;
  return status;
}

class MinHeap {
  private a: Array<[number, number]> = [];
  get size(): number {
    return this.a.length;
  }
  peek(): [number, number] | undefined {
    return this.a[0];
  }
  push(x: [number, number]): void {
    const a = this.a;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= a[i]![0]) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): [number, number] | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]![0] < a[m]![0]) m = l;
        if (r < a.length && a[r]![0] < a[m]![0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** What a scheduler does per incident when it looks: clocks for the UI, due events to record, when to look next. */
function look(s: IncidentState, sla: SlaPolicy, esc: EscalationPolicy | undefined, now: number): number | null {
  computeClocks(s, sla, now);
  dueBreaches(s, sla, now);
  dueWarnings(s, sla, now);
  if (esc) dueEscalations(s, esc, now);
  return nextWakeAt(s, sla, esc, now);
}

export async function benchSla(): Promise<void> {
  const incidents = makeIncidents(1000, NOW);
  const slaOf = incidents.map((s) => policyFor(s, [DEFAULT_SLA_POLICY])!);
  const escOf = incidents.map((s) => escalationPolicyFor(s, DEFAULT_ESCALATION_POLICIES));

  // 1. All clocks of 1,000 incidents.
  const freshPolicy = (): SlaPolicy => SlaPolicySchema.parse(JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY)));
  const cold: number[] = [];
  for (let r = 0; r < 5; r++) {
    const copies = incidents.map((s) => ({ ...s })); // new identities: per-incident history rebuilt
    const pol = freshPolicy(); // new calendar objects: business-day windows recomputed
    cold.push(time(() => copies.forEach((s) => computeClocks(s, pol, NOW))));
  }
  const warm: number[] = [];
  for (let r = 0; r < 20; r++) warm.push(time(() => incidents.forEach((s, i) => computeClocks(s, slaOf[i]!, NOW))));
  const sample = incidents.slice(0, 20);
  const naive = (time(() => sample.forEach((s) => naiveClocks(s, DEFAULT_SLA_POLICY, NOW))) * incidents.length) / sample.length;
  workCalendar(DEFAULT_SLA_POLICY.calendars['london-office']!); // keep the compiled calendar alive
  emit({ name: 'sla.computeClocks.1000.cold', value: median(cold), unit: 'ms CPU', baseline: naive, ratio: naive / median(cold), note: `median of 5 (min ${round(Math.min(...cold))}); baseline: naive minute-by-minute engine, extrapolated from 20 incidents` });
  emit({ name: 'sla.computeClocks.1000.warm', value: median(warm), unit: 'ms CPU', baseline: median(cold), ratio: median(cold) / median(warm), note: `median of 20 (min ${round(Math.min(...warm))}); baseline: the same with cold caches (history per incident, calendar days)` });

  // 2. Scheduler over one simulated hour: wake each incident only at its nextWakeAt.
  const end = NOW + HOUR;
  let wakes = 0;
  const heap = new MinHeap();
  const scheduled = cpuMs(() => {
    incidents.forEach((s, i) => {
      const next = look(s, slaOf[i]!, escOf[i], NOW);
      if (next !== null) heap.push([next, i]);
    });
    while (heap.size && heap.peek()![0] <= end) {
      const [at, i] = heap.pop()!;
      wakes++;
      const next = look(incidents[i]!, slaOf[i]!, escOf[i], at);
      if (next !== null) heap.push([next, i]);
    }
  });
  // Baseline: recompute every incident every second (10 simulated seconds, scaled to a minute).
  const SECONDS = 10;
  const polled = cpuMs(() => {
    for (let sec = 0; sec < SECONDS; sec++) incidents.forEach((s, i) => look(s, slaOf[i]!, escOf[i], NOW + sec * 1000));
  });
  const perMinute = scheduled / 60;
  const pollPerMinute = (polled * 60) / SECONDS;
  emit({ name: 'sla.scheduler.cpuPerMinute', value: perMinute, unit: 'ms CPU / simulated min', baseline: pollPerMinute, ratio: pollPerMinute / perMinute, note: `1,000 incidents, 1 simulated hour, ${wakes} wakes; baseline polls all every second` });
  emit({ name: 'sla.scheduler.wakesPerMinute', value: wakes / 60, unit: 'incident looks / min', baseline: 60 * incidents.length, ratio: (60 * incidents.length) / (wakes / 60), note: 'baseline: one look per incident per second' });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) await benchSla();
