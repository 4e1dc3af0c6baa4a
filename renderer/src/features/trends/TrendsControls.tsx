import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';
import type { TrendsResult } from '../../../../shared/metrics/schema';
import { COMMON_ZONES, PRESETS, presetOf, presetRange, todayIn, type Granularity, type TrendsParams } from './trends-params';

const GRANULARITIES: Array<{ id: Granularity; label: string }> = [
  { id: 'day', label: 'Day' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
];

interface Props {
  params: TrendsParams;
  options: TrendsResult['options'] | undefined;
  onChange: (patch: Partial<TrendsParams>) => void;
  onReset: () => void;
  localZone: string;
}

function Choice({ id, label, value, values, onChange, all }: { id: string; label: string; value: string; values: readonly string[]; onChange: (v: string) => void; all: string }) {
  const list = value && !values.includes(value) ? [value, ...values] : values;
  return (
    <div className="trends-field">
      <label htmlFor={id} className="trends-label">
        {label}
      </label>
      <select id={id} className="trends-select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {list.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Range, granularity, time zone and filters of the report. */
export function TrendsControls({ params, options, onChange, onReset, localZone }: Props) {
  const today = todayIn(params.timeZone, Date.now());
  const preset = presetOf(params, today);
  const zones = [...new Set([localZone, ...COMMON_ZONES, params.timeZone])];
  const togglePriority = (p: Priority) =>
    onChange({ priorities: params.priorities.includes(p) ? params.priorities.filter((x) => x !== p) : PRIORITIES.filter((x) => x === p || params.priorities.includes(x)) });

  return (
    <form className="trends-controls" aria-label="Report range and filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="trends-group">
        <legend className="trends-label">Range</legend>
        <div className="trends-row">
          {PRESETS.map((p) => (
            <button key={p.id} type="button" className="trends-button is-chip" aria-pressed={preset === p.id} onClick={() => onChange(presetRange(p.id, today))}>
              {p.label}
            </button>
          ))}
        </div>
        <div className="trends-row">
          <label className="trends-inline">
            <span className="trends-label">From</span>
            <input type="date" className="trends-input" value={params.fromDate} max={params.toDate} onChange={(e) => e.target.value && onChange({ fromDate: e.target.value })} />
          </label>
          <label className="trends-inline">
            <span className="trends-label">To</span>
            <input type="date" className="trends-input" value={params.toDate} min={params.fromDate} onChange={(e) => e.target.value && onChange({ toDate: e.target.value })} />
          </label>
        </div>
      </fieldset>

      <fieldset className="trends-group">
        <legend className="trends-label">Per</legend>
        <div className="trends-segmented">
          {GRANULARITIES.map((g) => (
            <label key={g.id} className={params.granularity === g.id ? 'is-checked' : undefined}>
              <input type="radio" name="trends-granularity" value={g.id} checked={params.granularity === g.id} onChange={() => onChange({ granularity: g.id })} />
              {g.label}
            </label>
          ))}
        </div>
        <div className="trends-field">
          <label htmlFor="trends-zone" className="trends-label">
            Time zone
          </label>
          <select id="trends-zone" className="trends-select" value={params.timeZone} onChange={(e) => onChange({ timeZone: e.target.value })}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z === localZone ? `${z} (this computer)` : z}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className="trends-group">
        <legend className="trends-label">Priority</legend>
        <div className="trends-row">
          {PRIORITIES.map((p) => (
            <label key={p} className={`trends-check trends-prio trends-prio-${p}${params.priorities.includes(p) ? ' is-checked' : ''}`}>
              <input type="checkbox" checked={params.priorities.includes(p)} onChange={() => togglePriority(p)} />
              {p}
            </label>
          ))}
        </div>
        <p className="trends-hint">{params.priorities.length ? `Only ${params.priorities.join(', ')}` : 'All priorities'}</p>
      </fieldset>

      <fieldset className="trends-group trends-filters">
        <legend className="trends-label">Filters</legend>
        <Choice id="trends-category" label="Category" value={params.category} values={options?.categories ?? []} onChange={(category) => onChange({ category })} all="All categories" />
        <Choice id="trends-service" label="Service" value={params.service} values={options?.services ?? []} onChange={(service) => onChange({ service })} all="All services" />
        <Choice id="trends-team" label="Team" value={params.team} values={options?.teams ?? []} onChange={(team) => onChange({ team })} all="All teams" />
        <Choice id="trends-location" label="Location" value={params.location} values={options?.locations ?? []} onChange={(location) => onChange({ location })} all="All locations" />
      </fieldset>

      <div className="trends-group trends-last">
        <label className="trends-check">
          <input type="checkbox" checked={params.includeExercises} onChange={(e) => onChange({ includeExercises: e.target.checked })} />
          Include exercises
        </label>
        <button type="button" className="trends-button" onClick={onReset}>
          Reset
        </button>
      </div>
    </form>
  );
}
