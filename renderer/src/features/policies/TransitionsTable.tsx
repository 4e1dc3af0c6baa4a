import type { LifecycleRules, TransitionRequirement } from '../../../../shared/domain/lifecycle';
import { transitionName } from '../../../../shared/org/lifecycle';
import type { FieldErrors } from './form-values';
import { FieldError, invalidProps } from './FieldError';
import { REQUIREMENTS, withLabel, withRequirement } from './lifecycle-edits';

/** What each requirement asks of the coordinator, as the column says it. */
const REQUIREMENT_TEXT: Record<TransitionRequirement, { title: string; hint: string; ask: string }> = {
  reason: { title: 'Reason', hint: 'free text', ask: 'a reason' },
  resolution: { title: 'Resolution', hint: 'summary + code', ask: 'a resolution' },
  review: { title: 'Review', hint: 'for the priorities above', ask: 'the post-incident review' },
  link: { title: 'Link', hint: 'to another incident', ask: 'a link to another incident' },
};

/** Every transition: the button's label and what it asks for before the status changes. */
export function TransitionsTable({ rules, errors, edit }: { rules: LifecycleRules; errors: FieldErrors; edit: (next: LifecycleRules) => void }) {
  return (
    <>
      <table className="policies-table policies-transitions">
        <caption className="policies-caption">Status changes coordinators can make, and what each asks for first. Resuming from On hold returns to where it was.</caption>
        <thead>
          <tr>
            <th scope="col">From → to</th>
            <th scope="col">Button label</th>
            {REQUIREMENTS.map((need) => (
              <th key={need} scope="col" className="policies-need">
                {REQUIREMENT_TEXT[need].title}
                <span className="policies-need-hint">{REQUIREMENT_TEXT[need].hint}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rules.transitions.map((t, i) => {
            const name = transitionName(t);
            const id = `policies-transition-${i}`;
            const needError = errors[`transitions.${i}.requires`];
            const rowError = errors[`transitions.${i}`] ?? errors[`transitions.${i}.from`] ?? errors[`transitions.${i}.to`] ?? needError;
            return (
              <tr key={`${t.from}-${t.to}`}>
                <th scope="row" className="policies-transition-name">
                  {name}
                  <FieldError id={id} message={rowError} />
                </th>
                <td>
                  <input
                    id={`${id}-label`}
                    className="console-input policies-label"
                    aria-label={`Button label for ${name}`}
                    value={t.label}
                    onChange={(e) => edit(withLabel(rules, i, e.target.value))}
                    {...invalidProps(`${id}-label`, errors[`transitions.${i}.label`])}
                  />
                  <FieldError id={`${id}-label`} message={errors[`transitions.${i}.label`]} />
                </td>
                {REQUIREMENTS.map((need) => (
                  <td key={need} className="policies-need">
                    <input
                      type="checkbox"
                      className="policies-check"
                      aria-label={`${name} asks for ${REQUIREMENT_TEXT[need].ask}`}
                      checked={t.requires.includes(need)}
                      onChange={(e) => edit(withRequirement(rules, i, need, e.target.checked))}
                      {...invalidProps(id, need === 'resolution' ? needError : undefined)}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldError id="policies-transitions" message={errors.transitions} />
    </>
  );
}
