/**
 * The organisation's policies folded from the `org` stream (shared/org/policies.ts), kept by the
 * workspace next to its incidents. Organisation events are few (a publish now and then), so each
 * batch refolds them all: events from another PC that arrive late or out of order land in HLC order.
 */
import type { EventEnvelope } from '../../../shared/domain/events';
import { foldOrgPolicies, initialOrgPolicies, orgPoliciesOf, type OrgPolicyState } from '../../../shared/org/policies';
import type { OrgPolicies } from '../../../shared/sla/snapshot';

export class OrgProjection {
  private readonly events = new Map<string, EventEnvelope>();
  private folded: OrgPolicyState = initialOrgPolicies();
  /** A new object whenever a version is added: SLA snapshots are cached per policies object. */
  private engine: OrgPolicies = orgPoliciesOf(this.folded);

  get state(): OrgPolicyState {
    return this.folded;
  }

  /** Every version of every policy, as the SLA engine and the scheduler take them. */
  get policies(): OrgPolicies {
    return this.engine;
  }

  /** Folds in events of the org stream; returns whether anything new arrived. */
  ingest(events: readonly EventEnvelope[]): boolean {
    const before = this.events.size;
    for (const e of events) if (!this.events.has(e.id)) this.events.set(e.id, e);
    if (this.events.size === before) return false;
    this.folded = foldOrgPolicies([...this.events.values()]);
    this.engine = orgPoliciesOf(this.folded);
    return true;
  }
}
