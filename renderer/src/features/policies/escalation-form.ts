/**
 * One escalation policy as the settings screen edits it: its levels (who, after how long,
 * functional or hierarchical) and how often the sequence repeats. What the screen does not show
 * (matching rules, calendar, what counts as progress) is kept from the version edited.
 */
import { EscalationPolicyDraftSchema, type EscalationKind, type EscalationPolicy, type Recipient } from '../../../../shared/sla/escalation-policy';
import { numberOf, validationErrors, type FieldErrors } from './form-values';

export interface LevelForm {
  name: string;
  kind: EscalationKind;
  afterMinutes: string;
  notify: Recipient[];
}

export interface EscalationForm {
  name: string;
  until: EscalationPolicy['until'];
  repeat: string;
  levels: LevelForm[];
  base: EscalationPolicy;
}

export function escalationFormOf(policy: EscalationPolicy): EscalationForm {
  return {
    name: policy.name,
    until: policy.until,
    repeat: String(policy.repeat),
    levels: policy.levels.map((l) => ({ name: l.name, kind: l.kind, afterMinutes: String(l.afterMinutes), notify: l.notify.map((r) => ({ ...r })) })),
    base: policy,
  };
}

export function emptyLevel(): LevelForm {
  return { name: '', kind: 'hierarchical', afterMinutes: '30', notify: [{ kind: 'role', name: '' }] };
}

/** The draft to publish (as `policies.publishEscalation` takes it). */
export function escalationDraftOf(form: EscalationForm): unknown {
  const { version: _version, effectiveFrom: _effectiveFrom, ...kept } = form.base;
  return {
    ...kept,
    name: form.name,
    until: form.until,
    repeat: numberOf(form.repeat),
    levels: form.levels.map((l) => ({ name: l.name, kind: l.kind, afterMinutes: numberOf(l.afterMinutes), notify: l.notify })),
  };
}

/** Errors by field path ("levels.1.afterMinutes", "levels.0.notify.0.name", "repeat"). */
export function escalationErrors(form: EscalationForm): FieldErrors {
  return validationErrors(EscalationPolicyDraftSchema, escalationDraftOf(form));
}

/** "P1, P2 incidents" / "every incident": which incidents the policy is for. */
export function matchText(policy: EscalationPolicy): string {
  const m = policy.match;
  const parts = [
    m.priorities.length ? m.priorities.join(', ') : '',
    m.categories.length ? `category ${m.categories.join(' or ')}` : '',
    m.services.length ? `service ${m.services.join(' or ')}` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')} incidents` : 'every incident (default)';
}
