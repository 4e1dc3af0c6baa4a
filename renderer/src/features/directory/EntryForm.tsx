import { useState, type FormEvent } from 'react';
import type { FieldErrors } from '../console/form-errors';
import { FormField } from '../console/FormField';
import type { FieldSpec, FormValues } from './collections';

/** A form built from field specs; `onSave` answers the fields in error, or nothing when it saved. */
export function EntryForm({ idPrefix, title, fields, initial, onSave, onCancel }: { idPrefix: string; title: string; fields: readonly FieldSpec[]; initial: FormValues; onSave(values: FormValues): FieldErrors | undefined; onCancel(): void }) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const refused = onSave(values);
    if (!refused) return;
    setErrors(refused);
    // Focus where the fix is needed.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${idPrefix}-form [aria-invalid="true"]`)?.focus());
  };
  const set = (key: string, value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form id={`${idPrefix}-form`} className="directory-form" onSubmit={submit} noValidate aria-label={title}>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const value = values[f.key];
        if (f.type === 'checkbox')
          return (
            <label key={f.key} className="directory-check">
              <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(f.key, e.target.checked)} />
              {f.label}
            </label>
          );
        return (
          <FormField key={f.key} id={id} label={f.label} error={errors[f.key]}>
            {(p) =>
              f.type === 'select' ? (
                <select {...p} className="console-select" value={String(value)} onChange={(e) => set(f.key, e.target.value)}>
                  {f.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input {...p} className="console-input" type={f.type} value={String(value)} onChange={(e) => set(f.key, e.target.value)} />
              )
            }
          </FormField>
        );
      })}
      <div className="directory-form-actions">
        <button type="submit" className="console-button is-small is-primary">
          Save
        </button>
        <button type="button" className="console-button is-small is-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
