import { EscalationKindSchema, RecipientSchema, type Recipient } from '../../../../shared/sla/escalation-policy';
import { emptyLevel, type EscalationForm, type LevelForm } from './escalation-form';
import { FieldError, fieldId, invalidProps } from './FieldError';
import type { FieldErrors } from './form-values';

const KIND_LABELS = { functional: 'Functional', hierarchical: 'Hierarchical' } as const;
const RECIPIENT_KINDS = RecipientSchema.shape.kind.options;

interface Props {
  form: EscalationForm;
  errors: FieldErrors;
  onChange(next: EscalationForm): void;
}

function Recipients({ prefix, level, index, errors, onChange }: { prefix: string; level: LevelForm; index: number; errors: FieldErrors; onChange(notify: Recipient[]): void }) {
  const set = (i: number, r: Recipient) => onChange(level.notify.map((x, j) => (j === i ? r : x)));
  return (
    <ul className="policies-recipients">
      {level.notify.map((r, i) => {
        const path = `levels.${index}.notify.${i}.name`;
        const id = fieldId(prefix, path);
        return (
          <li key={i}>
            <select className="console-select" aria-label={`Level ${index + 1} recipient ${i + 1} kind`} value={r.kind} onChange={(e) => set(i, { ...r, kind: e.target.value as Recipient['kind'] })}>
              {RECIPIENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <input id={id} className="console-input" aria-label={`Level ${index + 1} recipient ${i + 1} name`} value={r.name} onChange={(e) => set(i, { ...r, name: e.target.value })} {...invalidProps(id, errors[path])} />
            {level.notify.length > 1 && (
              <button type="button" className="console-button is-ghost is-small" aria-label={`Remove level ${index + 1} recipient ${i + 1}`} onClick={() => onChange(level.notify.filter((_, j) => j !== i))}>
                ✕
              </button>
            )}
            <FieldError id={id} message={errors[path]} />
          </li>
        );
      })}
      <li>
        <button type="button" className="console-button is-small" onClick={() => onChange([...level.notify, { kind: 'person', name: '' }])}>
          Add recipient
        </button>
      </li>
    </ul>
  );
}

/** Ordered levels: who is brought in, after how many minutes without acknowledgement or progress, and how. */
export function EscalationLevelsTable({ form, errors, onChange }: Props) {
  const prefix = `esc-${form.base.id}`;
  const setLevel = (i: number, l: LevelForm) => onChange({ ...form, levels: form.levels.map((x, j) => (j === i ? l : x)) });
  return (
    <>
      <table className="policies-table policies-levels">
        <caption className="policies-caption">Levels, in order. Minutes count from the previous level (level 1: from creation) or the latest progress. Functional: hand the work to another team; hierarchical: inform management.</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Name</th>
            <th scope="col">Who</th>
            <th scope="col">After (minutes)</th>
            <th scope="col">Kind</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {form.levels.map((l, i) => {
            const afterPath = `levels.${i}.afterMinutes`;
            const afterId = fieldId(prefix, afterPath);
            const nameId = fieldId(prefix, `levels.${i}.name`);
            return (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td>
                  <input id={nameId} className="console-input" aria-label={`Level ${i + 1} name`} value={l.name} onChange={(e) => setLevel(i, { ...l, name: e.target.value })} {...invalidProps(nameId, errors[`levels.${i}.name`])} />
                  <FieldError id={nameId} message={errors[`levels.${i}.name`]} />
                </td>
                <td>
                  <Recipients prefix={prefix} level={l} index={i} errors={errors} onChange={(notify) => setLevel(i, { ...l, notify })} />
                  <FieldError id={fieldId(prefix, `levels.${i}.notify`)} message={errors[`levels.${i}.notify`]} />
                </td>
                <td>
                  <input
                    id={afterId}
                    className="console-input policies-minutes"
                    inputMode="numeric"
                    aria-label={`Level ${i + 1} after, minutes`}
                    value={l.afterMinutes}
                    onChange={(e) => setLevel(i, { ...l, afterMinutes: e.target.value })}
                    {...invalidProps(afterId, errors[afterPath])}
                  />
                  <FieldError id={afterId} message={errors[afterPath]} />
                </td>
                <td>
                  <select className="console-select" aria-label={`Level ${i + 1} kind`} value={l.kind} onChange={(e) => setLevel(i, { ...l, kind: EscalationKindSchema.parse(e.target.value) })}>
                    {EscalationKindSchema.options.map((k) => (
                      <option key={k} value={k}>
                        {KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {form.levels.length > 1 && (
                    <button type="button" className="console-button is-ghost is-small" onClick={() => onChange({ ...form, levels: form.levels.filter((_, j) => j !== i) })}>
                      Remove level {i + 1}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="console-button is-small" onClick={() => onChange({ ...form, levels: [...form.levels, emptyLevel()] })}>
        Add level
      </button>
    </>
  );
}
