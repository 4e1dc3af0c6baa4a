import { useEffect } from 'react';
import { useOrgDocuments } from '../../state/org-documents-store';
import { usePolicies } from '../../state/policies-store';
import { startClock } from '../../ui/clock-store';
import { ViewFrame } from '../../ui/ViewFrame';
import { EscalationPolicySection } from './EscalationPolicySection';
import { LifecycleSection } from './LifecycleSection';
import { PriorityMatrixSection } from './PriorityMatrixSection';
import { SlaPolicySection } from './SlaPolicySection';
import './Policies.css';

/** The organisation's SLA and escalation policies, priority matrix and lifecycle rules (route `/policies`, `#/policies`); shared by every PC on the folder. */
export function PoliciesView() {
  useEffect(() => startClock(), []);
  const state = usePolicies((s) => s.state);
  const matrix = useOrgDocuments((s) => s.matrix);
  const lifecycle = useOrgDocuments((s) => s.lifecycle);
  return (
    <ViewFrame title="Policies" intro="Published versions apply to incidents created from then on, on every PC sharing this workspace.">
      {!state ? (
        <p className="policies-muted" role="status">
          Loading policies…
        </p>
      ) : (
        <>
          <SlaPolicySection history={state.sla} />
          <section className="policies-group" aria-labelledby="policies-escalation-title">
            <h2 className="policies-card-title" id="policies-escalation-title">
              Escalation policies
            </h2>
            {state.escalation.map((h) => (
              <EscalationPolicySection key={h.id} history={h} />
            ))}
          </section>
          {matrix && <PriorityMatrixSection history={matrix} />}
          {lifecycle && <LifecycleSection history={lifecycle} />}
        </>
      )}
    </ViewFrame>
  );
}
