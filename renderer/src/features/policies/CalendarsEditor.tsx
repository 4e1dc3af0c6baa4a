import { useState } from 'react';
import { WeekdaySchema, type Weekday } from '../../../../shared/sla/calendar';
import { FieldError, fieldId, invalidProps } from './FieldError';
import type { FieldErrors } from './form-values';
import type { CalendarForm, HoursForm, SlaForm } from './sla-form';

const DAY_LABELS: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

interface Props {
  form: SlaForm;
  errors: FieldErrors;
  onChange(next: SlaForm): void;
}

function HoursRow({ calendar, index, hours, errors, onChange, onRemove }: { calendar: string; index: number; hours: HoursForm; errors: FieldErrors; onChange(h: HoursForm): void; onRemove?: () => void }) {
  const base = `calendars.${calendar}.hours.${index}`;
  const field = (name: 'start' | 'end') => {
    const id = fieldId('sla', `${base}.${name}`);
    const error = errors[`${base}.${name}`];
    return (
      <span className="policies-inline-field">
        <input
          id={id}
          className="console-input policies-time"
          aria-label={`${calendar} hours ${index + 1} ${name === 'start' ? 'from' : 'until'} (HH:MM)`}
          value={hours[name]}
          placeholder="HH:MM"
          onChange={(e) => onChange({ ...hours, [name]: e.target.value })}
          {...invalidProps(id, error)}
        />
        <FieldError id={id} message={error} />
      </span>
    );
  };
  const daysId = fieldId('sla', `${base}.days`);
  return (
    <li className="policies-hours">
      <fieldset className="policies-days" aria-describedby={errors[`${base}.days`] ? `${daysId}-error` : undefined}>
        <legend className="visually-hidden">{`${calendar} hours ${index + 1}: days`}</legend>
        {WeekdaySchema.options.map((d) => (
          <label key={d} className="console-check">
            <input
              type="checkbox"
              checked={hours.days.includes(d)}
              onChange={(e) => onChange({ ...hours, days: e.target.checked ? WeekdaySchema.options.filter((x) => x === d || hours.days.includes(x)) : hours.days.filter((x) => x !== d) })}
            />
            <span>{DAY_LABELS[d]}</span>
          </label>
        ))}
        <FieldError id={daysId} message={errors[`${base}.days`]} />
      </fieldset>
      {field('start')}
      <span aria-hidden="true">–</span>
      {field('end')}
      {onRemove && (
        <button type="button" className="console-button is-ghost is-small" onClick={onRemove}>
          Remove hours
        </button>
      )}
    </li>
  );
}

function CalendarCard({ calendar, errors, onChange }: { calendar: CalendarForm; errors: FieldErrors; onChange(c: CalendarForm): void }) {
  const base = `calendars.${calendar.name}`;
  const zoneId = fieldId('sla', `${base}.timeZone`);
  const holidaysId = fieldId('sla', `${base}.holidays`);
  const setHours = (hours: HoursForm[]) => onChange({ ...calendar, hours });
  return (
    <section className="policies-calendar" aria-label={`Calendar ${calendar.name}`}>
      <h4 className="policies-calendar-name">{calendar.name}</h4>
      <div className="console-field">
        <label className="console-label" htmlFor={zoneId}>
          Time zone
        </label>
        <input id={zoneId} className="console-input" value={calendar.timeZone} onChange={(e) => onChange({ ...calendar, timeZone: e.target.value })} {...invalidProps(zoneId, errors[`${base}.timeZone`])} />
        <FieldError id={zoneId} message={errors[`${base}.timeZone`]} />
      </div>
      <p className="console-label">Working hours</p>
      <ul className="policies-hours-list">
        {calendar.hours.map((h, i) => (
          <HoursRow
            key={i}
            calendar={calendar.name}
            index={i}
            hours={h}
            errors={errors}
            onChange={(next) => setHours(calendar.hours.map((x, j) => (j === i ? next : x)))}
            onRemove={calendar.hours.length > 1 ? () => setHours(calendar.hours.filter((_, j) => j !== i)) : undefined}
          />
        ))}
      </ul>
      <button type="button" className="console-button is-small" onClick={() => setHours([...calendar.hours, { days: ['sat'], start: '09:00', end: '13:00' }])}>
        Add hours
      </button>
      <div className="console-field">
        <label className="console-label" htmlFor={holidaysId}>
          Holidays (YYYY-MM-DD, one per line)
        </label>
        <textarea
          id={holidaysId}
          className="console-textarea policies-holidays"
          rows={4}
          value={calendar.holidays}
          onChange={(e) => onChange({ ...calendar, holidays: e.target.value })}
          {...invalidProps(holidaysId, errors[`${base}.holidays`])}
        />
        <FieldError id={holidaysId} message={errors[`${base}.holidays`]} />
      </div>
    </section>
  );
}

/** The policy's business-hours calendars (24/7 is built in): time zone, weekly hours, holidays; a new one by name. */
export function CalendarsEditor({ form, errors, onChange }: Props) {
  const [name, setName] = useState('');
  const taken = name.trim() === '24x7' || form.calendars.some((c) => c.name === name.trim());
  const add = () => {
    if (!name.trim() || taken) return;
    onChange({ ...form, calendars: [...form.calendars, { name: name.trim(), timeZone: 'UTC', hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }], holidays: '' }] });
    setName('');
  };
  return (
    <div className="policies-calendars">
      {form.calendars.map((c, i) => (
        <CalendarCard key={c.name} calendar={c} errors={errors} onChange={(next) => onChange({ ...form, calendars: form.calendars.map((x, j) => (j === i ? next : x)) })} />
      ))}
      <div className="policies-add-calendar">
        <label className="console-label" htmlFor="sla-new-calendar">
          New calendar name
        </label>
        <input id="sla-new-calendar" className="console-input" value={name} onChange={(e) => setName(e.target.value)} {...invalidProps('sla-new-calendar', taken ? 'That name is taken' : undefined)} />
        <button type="button" className="console-button is-small" disabled={!name.trim() || taken} onClick={add}>
          Add calendar
        </button>
        <FieldError id="sla-new-calendar" message={taken ? 'That name is taken' : undefined} />
      </div>
    </div>
  );
}
