import { useState, type KeyboardEvent } from 'react';
import './forms.css';
import './CreateIncidentPanel.css';

/**
 * A free list (services, tags): type and press Enter or comma to add, Backspace on empty to remove
 * the last one. `pending` text is reported so a form can include it on submit.
 */
export function ChipInput({
  id,
  values,
  onChange,
  suggestions,
  describedBy,
  invalid,
  itemLabel,
  onPendingChange,
}: {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  suggestions?: readonly string[];
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
  itemLabel: string;
  onPendingChange?: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const listId = suggestions ? `${id}-suggestions` : undefined;
  const setPending = (t: string) => {
    setText(t);
    onPendingChange?.(t);
  };
  const add = (raw: string) => {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 0) return;
    onChange([...new Set([...values, ...items])]);
    setPending('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      if (text.trim()) {
        e.preventDefault();
        add(text);
      } else if (e.key === ',') e.preventDefault();
    } else if (e.key === 'Backspace' && !text && values.length) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className={`console-chips${invalid ? ' is-invalid' : ''}`}>
      {values.length > 0 && (
        <ul className="console-chip-list" aria-label={`${itemLabel} added`}>
          {values.map((v) => (
            <li key={v} className="console-chip">
              {v}
              <button type="button" className="console-chip-remove" aria-label={`Remove ${itemLabel.toLowerCase()} ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        className="console-chips-input"
        list={listId}
        value={text}
        autoComplete="off"
        placeholder={values.length ? 'Add another…' : 'Type and press Enter'}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          const v = e.target.value;
          // Picking a datalist suggestion (not typing) adds it straight away.
          const kind = (e.nativeEvent as InputEvent).inputType;
          if ((kind === undefined || kind === 'insertReplacementText') && suggestions?.includes(v)) add(v);
          else setPending(v);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => add(text)}
      />
      {suggestions && (
        <datalist id={listId}>
          {suggestions
            .filter((s) => !values.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      )}
    </div>
  );
}
