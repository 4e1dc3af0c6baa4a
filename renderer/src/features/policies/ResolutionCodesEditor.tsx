import { useState, type FormEvent } from 'react';
import type { LifecycleRules } from '../../../../shared/domain/lifecycle';
import type { FieldErrors } from './form-values';
import { FieldError, invalidProps } from './FieldError';
import { newCodeError, withCode, withoutCode } from './lifecycle-edits';

/** The resolution codes coordinators choose from when resolving: remove one, add one. */
export function ResolutionCodesEditor({ rules, errors, edit }: { rules: LifecycleRules; errors: FieldErrors; edit: (next: LifecycleRules) => void }) {
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const addError = tried ? newCodeError(rules, typed) : undefined;
  const add = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (newCodeError(rules, typed)) return;
    edit(withCode(rules, typed));
    setTyped('');
    setTried(false);
  };
  return (
    <div className="policies-codes">
      <h3 className="policies-subtitle" id="policies-codes-title">
        Resolution codes
      </h3>
      <p className="policies-muted">Resolving asks for one of these. Incidents resolved earlier keep the code they were given.</p>
      <ul className="policies-code-list" aria-labelledby="policies-codes-title">
        {rules.resolutionCodes.map((code, i) => {
          const id = `policies-code-${i}`;
          return (
            <li key={`${i}-${code}`} className="policies-code">
              <span>{code}</span>
              <button type="button" className="console-button is-small is-ghost" aria-label={`Remove resolution code ${code}`} onClick={() => edit(withoutCode(rules, i))}>
                Remove
              </button>
              <FieldError id={id} message={errors[`resolutionCodes.${i}`]} />
            </li>
          );
        })}
      </ul>
      <FieldError id="policies-codes" message={errors.resolutionCodes} />
      <form className="policies-add-code" aria-label="Add a resolution code" onSubmit={add} noValidate>
        <label className="console-label" htmlFor="policies-new-code">
          New resolution code
        </label>
        <input id="policies-new-code" className="console-input" value={typed} onChange={(e) => setTyped(e.target.value)} {...invalidProps('policies-new-code', addError)} />
        <button type="submit" className="console-button">
          Add code
        </button>
        <FieldError id="policies-new-code" message={addError} />
      </form>
    </div>
  );
}
