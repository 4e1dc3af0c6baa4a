import type { IncidentState } from '../domain/incident';
import type { Priority } from '../domain/priority';
import type { SlaPolicy } from '../sla/policy';
import { orderForBoard } from './order';
import { BOARD_SLA_POLICIES, boardSla, evaluateBoardSla, riskAt, summariseSla, type BoardSla, type BoardSlaSummary } from './sla';
import { countByPriority } from './summary';

/** What the board shows, evaluated at one instant. */
export interface BoardModel {
  at: number;
  /** Active incidents in board order. */
  ordered: readonly IncidentState[];
  sla: ReadonlyMap<string, BoardSla>;
  /** Breaching / near-breach counts, and when the model must be rebuilt without new data. */
  summary: BoardSlaSummary;
  counts: Record<Priority, number>;
  /** Pinned to every page while the board pages: P1s and incidents with a breached SLA clock. */
  pinned: ReadonlySet<string>;
  /** The first major incident in board order (gets a hero panel when the rest fit). */
  major: IncidentState | undefined;
}

export interface BoardModelOptions {
  policies?: readonly SlaPolicy[];
  /** Evaluate every incident afresh instead of reusing cached evaluations (benchmark baseline only). */
  fresh?: boolean;
}

const EMPTY: readonly IncidentState[] = [];

/**
 * Evaluates the active incidents' SLA clocks at `now` (cached per incident snapshot while valid),
 * orders them (priority, SLA risk at `now`, age) and derives the header figures. The board calls
 * it when incidents change and at `summary.nextChangeAt`, never on an ordinary clock tick.
 */
export function buildBoard(active: readonly IncidentState[], now: number, opts: BoardModelOptions = {}): BoardModel {
  const policies = opts.policies ?? BOARD_SLA_POLICIES;
  const sla = new Map<string, BoardSla>();
  for (const i of active) sla.set(i.id, opts.fresh ? evaluateBoardSla(i, now, policies) : boardSla(i, now, policies));
  const risks = new Map<string, number | undefined>();
  for (const [id, s] of sla) risks.set(id, riskAt(s, now));
  const ordered = active.length ? orderForBoard(active, { risk: (i) => risks.get(i.id) }) : EMPTY;
  const pinned = new Set<string>();
  for (const i of ordered) if (i.priority === 'P1' || sla.get(i.id)?.tone === 'breached') pinned.add(i.id);
  return {
    at: now,
    ordered,
    sla,
    summary: summariseSla(sla.values()),
    counts: countByPriority(ordered),
    pinned,
    major: ordered.find((i) => i.major),
  };
}
