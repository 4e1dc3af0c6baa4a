import { memo, useState, type FormEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import { ENTRY_KIND_LABELS } from '../../../../shared/domain/vocabulary';
import { FormAlert } from './FormAlert';
import { fieldErrorsOf } from './form-errors';
import { useIncidentCommand } from './hooks';
import type { TimelineItem } from './timeline-model';
import { TimeStamp } from './TimeStamp';
import './Timeline.css';
import './entry-kinds.css';
import './forms.css';

type EntryItem = Extract<TimelineItem, { type: 'entry' }>;

/** A manual entry: kind, text, author; corrections beside the struck-through original; both times when backdated. */
export const TimelineEntry = memo(function TimelineEntry({ item, incidentId, canCorrect }: { item: EntryItem; incidentId: string; canCorrect: boolean }) {
  const [editing, setEditing] = useState(false);
  const current = item.versions[item.versions.length - 1]!;
  const earlier = item.versions.slice(0, -1);
  const corrected = earlier.length > 0;
  return (
    <li className={`console-tl-item is-entry console-kind-${item.kind}`}>
      <span className="console-tl-time">
        <TimeStamp iso={item.at} />
      </span>
      <div className="console-tl-body">
        <div className="console-tl-head">
          <span className="console-tl-kind">{ENTRY_KIND_LABELS[item.kind]}</span>
          <span className="console-tl-actor">{item.actor}</span>
          {item.backdated && (
            <span className="console-tl-backdated">
              backdated · occurred <TimeStamp iso={item.at} /> · recorded <TimeStamp iso={item.recordedAt} />
            </span>
          )}
          {canCorrect && !editing && (
            <button
              type="button"
              className="console-button is-ghost is-small console-tl-correct"
              aria-label={`Correct ${ENTRY_KIND_LABELS[item.kind].toLowerCase()} by ${item.actor}`}
              onClick={() => setEditing(true)}
            >
              Correct
            </button>
          )}
        </div>
        {corrected ? (
          <div className="console-tl-corrected">
            {earlier.map((v) => (
              <del key={v.entryId} className="console-tl-text is-struck">
                <span className="visually-hidden">Original: </span>
                {v.text}
              </del>
            ))}
            <ins className="console-tl-text is-correction">
              <span className="visually-hidden">Correction: </span>
              {current.text}
            </ins>
            <span className="console-tl-meta">
              corrected by {current.author} <TimeStamp iso={current.recordedAt} />
            </span>
          </div>
        ) : (
          <p className="console-tl-text">{current.text}</p>
        )}
        {editing && <CorrectionForm incidentId={incidentId} entryId={current.entryId} original={current.text} onDone={() => setEditing(false)} />}
      </div>
    </li>
  );
});

function CorrectionForm({ incidentId, entryId, original, onDone }: { incidentId: string; entryId: string; original: string; onDone: () => void }) {
  const { run, pending, error } = useIncidentCommand(incidentId);
  const [text, setText] = useState(original);
  const parsed = IncidentCommandSchema.safeParse({ type: 'correctEntry', entryId, text });
  const textError = fieldErrorsOf(parsed.error).text;
  const unchanged = text.trim() === original.trim();
  const id = `console-correct-${entryId}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.success || unchanged) return;
    if (await run({ type: 'correctEntry', entryId, text: text.trim() })) onDone();
  };
  return (
    <form className="console-tl-correction-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="console-label" htmlFor={id}>
        Corrected text (the original stays visible, struck through)
      </label>
      <textarea
        id={id}
        className="console-textarea"
        rows={2}
        value={text}
        autoFocus
        aria-invalid={textError ? true : undefined}
        aria-describedby={textError ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {textError && (
        <span className="console-field-error" id={`${id}-error`}>
          {textError}
        </span>
      )}
      <FormAlert error={error} />
      <div className="console-form-actions">
        <button type="button" className="console-button is-ghost is-small" onClick={onDone}>
          Dismiss
        </button>
        <button type="submit" className="console-button is-primary is-small" disabled={pending || unchanged}>
          Save correction
        </button>
      </div>
    </form>
  );
}
