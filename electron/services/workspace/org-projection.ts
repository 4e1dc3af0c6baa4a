/**
 * The organisation's data folded from the `org` stream, kept by the workspace next to its
 * incidents: policies (shared/org/policies.ts) and whole-document data such as the directory and
 * the update templates (shared/org/documents.ts). Organisation events are few (a publish now and
 * then), so each batch refolds what it touched from all of them: events from another PC that
 * arrive late or out of order land in HLC order.
 */
import type { StreamMessage } from '../../../shared/contract/stream';
import type { EventEnvelope } from '../../../shared/domain/events';
import { foldOrgDocuments, ORG_DOCUMENTS, OrgDocumentNameSchema, type OrgDocuments } from '../../../shared/org/documents';
import { foldOrgPolicies, initialOrgPolicies, orgPoliciesOf, type OrgPolicyState } from '../../../shared/org/policies';
import type { OrgPolicies } from '../../../shared/sla/snapshot';

const POLICY_EVENTS = new Set(['org.slaPolicy.published', 'org.escalationPolicy.published']);
const NAMES = OrgDocumentNameSchema.options;

export class OrgProjection {
  private readonly events = new Map<string, EventEnvelope>();
  private folded: OrgPolicyState = initialOrgPolicies();
  /** A new object whenever a version is added: SLA snapshots are cached per policies object. */
  private engine: OrgPolicies = orgPoliciesOf(this.folded);
  private docs: OrgDocuments = foldOrgDocuments([]);

  get state(): OrgPolicyState {
    return this.folded;
  }

  /** Every version of every policy, as the SLA engine and the scheduler take them. */
  get policies(): OrgPolicies {
    return this.engine;
  }

  /** The directory, the update templates: the version in force and every version. */
  get documents(): OrgDocuments {
    return this.docs;
  }

  /** Folds in events of the org stream; returns what to tell clients about what changed. */
  ingest(events: readonly EventEnvelope[]): StreamMessage[] {
    const types = new Set<string>();
    for (const e of events) {
      if (this.events.has(e.id)) continue;
      this.events.set(e.id, e);
      types.add(e.type);
    }
    const all = [...this.events.values()];
    const messages: StreamMessage[] = [];
    if ([...types].some((t) => POLICY_EVENTS.has(t))) {
      this.folded = foldOrgPolicies(all);
      this.engine = orgPoliciesOf(this.folded);
      messages.push({ kind: 'policies' });
    }
    const documents = NAMES.filter((name) => types.has(ORG_DOCUMENTS[name].type));
    if (documents.length) {
      this.docs = foldOrgDocuments(all);
      messages.push({ kind: 'org', documents });
    }
    return messages;
  }
}
