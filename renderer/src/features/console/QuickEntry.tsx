import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import { ENTRY_KIND_LABELS } from '../../../../shared/domain/vocabulary';
import { EMPTY_DRAFT, useConsole } from './console-store';
import { FormAlert } from './FormAlert';
import { fieldErrorsOf } from './form-errors';
import { useIncidentCommand, useReadOnly, useUtc } from './hooks';
import { isSubmitShortcut, kindForShortcut, QUICK_KINDS } from './shortcuts';
import { inputToIso, zoneLabel } from './time-input';
import './QuickEntry.css';
import './entry-kinds.css';
import './forms.css';

/**
 * Log something fast: Alt+1…6 picks the kind, Ctrl+Enter adds it. Unsaved text is kept per
 * incident in the console store, so switching incidents never loses a half-written entry.
 */
export function QuickEntry({ incidentId }: { incidentId: string }) {
  const readOnly = useReadOnly();
  const utc = useUtc();
  const draft = useConsole((s) => s.drafts[incidentId] ?? EMPTY_DRAFT);
  const setDraft = useConsole((s) => s.setDraft);
  const clearDraft = useConsole((s) => s.clearDraft);
  const announce = useConsole((s) => s.announce);
  const focusRequest = useConsole((s) => s.quickEntryFocus);
  const { run, pending, error } = useIncidentCommand(incidentId);
  const [submitted, setSubmitted] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [showBackdate, setShowBackdate] = useState(draft.occurredAt !== '');

  useEffect(() => {
    if (focusRequest > 0) textRef.current?.focus();
  }, [focusRequest]);
  useEffect(() => {
    setSubmitted(false);
    setShowBackdate((useConsole.getState().drafts[incidentId]?.occurredAt ?? '') !== '');
  }, [incidentId]);

  const occurredAt = draft.occurredAt ? inputToIso(draft.occurredAt, utc) : null;
  const parsed = IncidentCommandSchema.safeParse({ type: 'addEntry', kind: draft.kind, text: draft.text, occurredAt: occurredAt ?? null });
  const errors = fieldErrorsOf(parsed.error);
  if (draft.occurredAt && !occurredAt) errors.occurredAt = 'Not a valid date and time';
  const textError = submitted || draft.text.length > 10_000 ? errors.text : undefined;
  const timeError = errors.occurredAt;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setSubmitted(true);
    if (!parsed.success || timeError) return;
    const ok = await run({ type: 'addEntry', kind: draft.kind, text: draft.text.trim(), occurredAt: occurredAt ?? null });
    if (ok) {
      clearDraft(incidentId);
      setSubmitted(false);
      setShowBackdate(false);
      announce(`${ENTRY_KIND_LABELS[draft.kind]} added to ${incidentId}`);
      textRef.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isSubmitShortcut(e)) {
      e.preventDefault();
      void submit();
      return;
    }
    const kind = kindForShortcut(e);
    if (kind) {
      e.preventDefault();
      setDraft(incidentId, { kind });
    }
  };

  if (readOnly) return null;
  return (
    <form className="console-quick" aria-labelledby="console-quick-title" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="console-quick-title" className="visually-hidden">
        Add to the timeline
      </h3>
      <fieldset className="console-quick-kinds">
        <legend className="visually-hidden">Entry kind</legend>
        {QUICK_KINDS.map((kind, n) => (
          <label key={kind} className={`console-quick-kind console-kind-${kind}${draft.kind === kind ? ' is-on' : ''}`} title={`Alt+${n + 1}`}>
            <input
              type="radio"
              name="console-quick-kind"
              value={kind}
              checked={draft.kind === kind}
              aria-keyshortcuts={`Alt+${n + 1}`}
              onChange={() => setDraft(incidentId, { kind })}
            />
            <span>{ENTRY_KIND_LABELS[kind]}</span>
            <kbd className="console-kbd" aria-hidden="true">
              {n + 1}
            </kbd>
          </label>
        ))}
      </fieldset>
      <label className="visually-hidden" htmlFor="console-quick-text">
        {`${ENTRY_KIND_LABELS[draft.kind]} text`}
      </label>
      <textarea
        id="console-quick-text"
        ref={textRef}
        className="console-textarea console-quick-text"
        rows={2}
        placeholder={`${ENTRY_KIND_LABELS[draft.kind]}… (Ctrl+Enter to add, Alt+1–6 for kind)`}
        value={draft.text}
        aria-invalid={textError ? true : undefined}
        aria-describedby={textError ? 'console-quick-text-error' : undefined}
        aria-keyshortcuts="Control+Enter"
        onChange={(e) => setDraft(incidentId, { text: e.target.value })}
        onKeyDown={onKeyDown}
      />
      <div className="console-quick-footer">
        {showBackdate ? (
          <span className="console-quick-backdate">
            <label className="console-label" htmlFor="console-quick-at">
              Occurred at ({zoneLabel(utc)})
            </label>
            <input
              id="console-quick-at"
              className="console-input"
              type="datetime-local"
              value={draft.occurredAt}
              aria-invalid={timeError ? true : undefined}
              aria-describedby={timeError ? 'console-quick-at-error' : undefined}
              onChange={(e) => setDraft(incidentId, { occurredAt: e.target.value })}
            />
            <button
              type="button"
              className="console-button is-ghost is-small"
              onClick={() => {
                setDraft(incidentId, { occurredAt: '' });
                setShowBackdate(false);
              }}
            >
              Now
            </button>
          </span>
        ) : (
          <button type="button" className="console-button is-ghost is-small" onClick={() => setShowBackdate(true)}>
            Backdate…
          </button>
        )}
        <span className="console-quick-errors">
          {textError && (
            <span className="console-field-error" id="console-quick-text-error">
              {textError}
            </span>
          )}
          {timeError && (
            <span className="console-field-error" id="console-quick-at-error">
              {timeError}
            </span>
          )}
        </span>
        <button type="submit" className="console-button is-primary" disabled={pending}>
          Add {ENTRY_KIND_LABELS[draft.kind].toLowerCase()}
        </button>
      </div>
      <FormAlert error={error} />
    </form>
  );
}
