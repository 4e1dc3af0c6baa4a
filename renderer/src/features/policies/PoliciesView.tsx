import { useEffect } from 'react';
import { usePolicies } from '../../state/policies-store';
import { startClock } from '../../ui/clock-store';
import { EscalationPolicySection } from './EscalationPolicySection';
import { policiesConsoleHref } from './policies-links';
import { SlaPolicySection } from './SlaPolicySection';
import './Policies.css';

/** The organisation's SLA and escalation policies (route `/policies`, `#/policies`); shared by every PC on the folder. */
export function PoliciesView() {
  useEffect(() => startClock(), []);
  const state = usePolicies((s) => s.state);
  return (
    <div className="policies-view">
      <header className="policies-header">
        <a className="policies-back" href={policiesConsoleHref()}>
          ← Console
        </a>
        <h1 className="policies-title">Policies</h1>
        <p className="policies-muted">Published versions apply to incidents created from then on, on every PC sharing this workspace.</p>
      </header>
      <main className="policies-main">
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
          </>
        )}
      </main>
    </div>
  );
}
