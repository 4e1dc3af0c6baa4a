import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';
import { ALWAYS_CALENDAR, SLA_TARGETS, type SlaTarget } from '../../../../shared/sla/policy';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { FieldError, fieldId, invalidProps } from './FieldError';
import type { FieldErrors } from './form-values';
import type { SlaForm } from './sla-form';

const TARGET_COLUMNS: Record<SlaTarget, string> = {
  acknowledge: 'Acknowledge',
  firstUpdate: 'First update',
  update: 'Update cadence',
  mitigate: 'Mitigate',
  resolve: 'Resolve',
};

interface Props {
  form: SlaForm;
  errors: FieldErrors;
  onChange(next: SlaForm): void;
}

/** Targets in minutes per priority and clock (blank: the clock does not apply), each priority's calendar, and what On hold pauses. */
export function SlaTargetsTable({ form, errors, onChange }: Props) {
  const setMinutes = (p: Priority, t: SlaTarget, value: string) => onChange({ ...form, minutes: { ...form.minutes, [p]: { ...form.minutes[p], [t]: value } } });
  const calendars = [ALWAYS_CALENDAR, ...form.calendars.map((c) => c.name)];
  return (
    <table className="policies-table policies-targets">
      <caption className="policies-caption">Targets in minutes of the priority's calendar; leave blank where a clock does not apply.</caption>
      <thead>
        <tr>
          <th scope="col">Priority</th>
          {SLA_TARGETS.map((t) => (
            <th key={t} scope="col">
              {TARGET_COLUMNS[t]}
            </th>
          ))}
          <th scope="col">Calendar</th>
        </tr>
      </thead>
      <tbody>
        {PRIORITIES.map((p) => {
          const calendarPath = `priorities.${p}.calendar`;
          const calendarError = SLA_TARGETS.map((t) => errors[`priorities.${p}.${t}.calendar`]).find(Boolean);
          return (
            <tr key={p}>
              <th scope="row">
                <PriorityBadge priority={p} />
              </th>
              {SLA_TARGETS.map((t) => {
                const path = `priorities.${p}.${t}.minutes`;
                const id = fieldId('sla', path);
                return (
                  <td key={t}>
                    <input
                      id={id}
                      className="console-input policies-minutes"
                      inputMode="numeric"
                      aria-label={`${p} ${TARGET_COLUMNS[t].toLowerCase()} target, minutes`}
                      value={form.minutes[p][t]}
                      onChange={(e) => setMinutes(p, t, e.target.value)}
                      {...invalidProps(id, errors[path])}
                    />
                    <FieldError id={id} message={errors[path]} />
                  </td>
                );
              })}
              <td>
                <select
                  id={fieldId('sla', calendarPath)}
                  className="console-select"
                  aria-label={`${p} calendar`}
                  value={form.calendarOf[p]}
                  onChange={(e) => onChange({ ...form, calendarOf: { ...form.calendarOf, [p]: e.target.value } })}
                  {...invalidProps(fieldId('sla', calendarPath), calendarError)}
                >
                  {calendars.map((c) => (
                    <option key={c} value={c}>
                      {c === ALWAYS_CALENDAR ? '24/7' : c}
                    </option>
                  ))}
                  {!calendars.includes(form.calendarOf[p]) && <option value={form.calendarOf[p]}>{form.calendarOf[p]} (removed)</option>}
                </select>
                <FieldError id={fieldId('sla', calendarPath)} message={calendarError} />
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">On hold pauses</th>
          {SLA_TARGETS.map((t) => (
            <td key={t}>
              <input
                type="checkbox"
                className="policies-check"
                aria-label={`On hold pauses the ${TARGET_COLUMNS[t].toLowerCase()} clock`}
                checked={form.onHoldPauses[t]}
                onChange={(e) => onChange({ ...form, onHoldPauses: { ...form.onHoldPauses, [t]: e.target.checked } })}
              />
            </td>
          ))}
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
