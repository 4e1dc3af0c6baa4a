/**
 * Wires the SLA pieces to one workspace: the per-machine store, the notification centre and (in
 * an app or host) the scheduler. Handlers find them with `slaRuntimeOf(ws)`; a workspace opened
 * without `startSla` (unit tests, tools) gets a runtime without a scheduler on first use.
 */
import type { IncidentState } from '../../../shared/domain/incident';
import { isActive } from '../../../shared/domain/lifecycle';
import type { OrgPolicies } from '../../../shared/sla/snapshot';
import { LocalSlaStore } from '../notifications/local-sla-store';
import { NotificationCentre } from '../notifications/notification-centre';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { ControllableClock } from './controllable-clock';
import { SlaScheduler, type SchedulerWorkspace, type Timers } from './sla-scheduler';

export interface SlaRuntime {
  /** The organisation's policies now (the workspace's org stream): a published version shows at once. */
  readonly policies: OrgPolicies;
  store: LocalSlaStore;
  centre: NotificationCentre;
  /** Undefined where no scheduler runs (it records nothing then; clocks are still computed). */
  scheduler: SlaScheduler | undefined;
  /** Set only on a test host (`--test-clock`): `testing.advanceClock` moves it. */
  testClock: ControllableClock | undefined;
  /** Stops the scheduler (after a pass in flight) and the centre; runs when the workspace closes. */
  stop(): Promise<void>;
}

export interface StartSlaOptions {
  /** Run the scheduler (record breaches, warnings, escalations). Default true. */
  scheduler?: boolean;
  testClock?: ControllableClock;
  timers?: Timers;
  maxSleepMs?: number;
  /** How long after a change the scheduler and the notification centre look at it (defaults 500 and 100 ms; 0: at once). */
  changeDelayMs?: number;
  onError?: (err: unknown) => void;
}

const runtimes = new WeakMap<WorkspaceService, Promise<SlaRuntime>>();

function schedulerView(ws: WorkspaceService): SchedulerWorkspace {
  return {
    // A closed incident that a checkpoint holds, unfolded, was recorded by PCs whose schedulers
    // looked at it while it ran: it is trusted, not folded to be looked at again.
    watchedIncidents: () => ws.incidentsWhere((s) => isActive(s.status) || ws.isFolded(s.id)),
    incident: (id: string): IncidentState | undefined => {
      try {
        return ws.require(id);
      } catch {
        return undefined;
      }
    },
    now: () => ws.now(),
    recordEngineEvents: (events) => ws.recordEngineEvents(events),
    subscribe: (l) => ws.subscribe(l),
  };
}

async function create(ws: WorkspaceService, opts: StartSlaOptions): Promise<SlaRuntime> {
  const policies = () => ws.org.policies;
  const store = await LocalSlaStore.open(ws.dataDir, ws.now());
  const centre = new NotificationCentre(ws, store, { changeDelayMs: opts.changeDelayMs });
  centre.start();
  const scheduler = opts.scheduler === false ? undefined : new SlaScheduler(schedulerView(ws), { policies, notBefore: store.since, timers: opts.timers, maxSleepMs: opts.maxSleepMs, changeDelayMs: opts.changeDelayMs, onError: opts.onError });
  const runtime: SlaRuntime = {
    get policies() {
      return policies();
    },
    store,
    centre,
    scheduler,
    testClock: opts.testClock,
    async stop() {
      centre.stop();
      await scheduler?.stop();
    },
  };
  ws.onClose(() => runtime.stop());
  return runtime;
}

/**
 * Starts the SLA runtime of a workspace (once; later calls return the same one) and runs the
 * scheduler's first pass.
 */
export async function startSla(ws: WorkspaceService, opts: StartSlaOptions = {}): Promise<SlaRuntime> {
  let pending = runtimes.get(ws);
  if (!pending) {
    pending = create(ws, opts);
    runtimes.set(ws, pending);
  }
  const runtime = await pending;
  await runtime.scheduler?.start();
  return runtime;
}

/** The workspace's runtime; one without a scheduler is created on first use if none was started. */
export function slaRuntimeOf(ws: WorkspaceService): Promise<SlaRuntime> {
  let pending = runtimes.get(ws);
  if (!pending) {
    pending = create(ws, { scheduler: false });
    runtimes.set(ws, pending);
  }
  return pending;
}
