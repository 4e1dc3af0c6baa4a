import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { CreateIncidentSchema } from '../../../../shared/domain/commands';
import { IMPACT_LABELS, priorityFor, URGENCY_LABELS, type Level } from '../../../../shared/domain/priority';
import { SourceSchema } from '../../../../shared/domain/vocabulary';
import { ApiError } from '../../../../shared/contract/api';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { listToText, textToList } from './inbox-model';

type Draft = z.infer<typeof CreateIncidentSchema>;
const LEVELS: Level[] = [1, 2, 3];

/** The incident a group suggests, editable before it is created. */
export function CreateFromGroupForm({ groupId, onCreated, onCancel }: { groupId: string; onCreated: (incidentId: string) => void; onCancel: () => void }) {
  const client = useApi();
  const matrix = useWorkspace((s) => s.info?.matrix);
  const [draft, setDraft] = useState<Draft>();
  const [services, setServices] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client
      .call('alerts.draft', { groupId })
      .then((r) => {
        if (!live) return;
        setDraft(r.draft);
        setServices(listToText(r.draft.services));
        setTags(listToText(r.draft.tags));
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [client, groupId]);

  if (!draft) return <p className="console-hint">{error ?? 'Preparing the incident…'}</p>;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const incident = { ...draft, services: textToList(services), tags: textToList(tags) };
      const r = await client.call('alerts.createIncident', { groupId, incident });
      useWorkspace.getState().upsert([r.incident]);
      onCreated(r.incident.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inbox-form"
      aria-label="Create incident from alerts"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="console-field">
        <span className="console-label">Title</span>
        <input className="console-input" value={draft.title} maxLength={200} required onChange={(e) => set({ title: e.target.value })} />
      </label>
      <label className="console-field">
        <span className="console-label">Description</span>
        <textarea className="console-textarea" rows={6} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </label>
      <div className="console-form-row">
        <label className="console-field">
          <span className="console-label">Impact</span>
          <select className="console-select" value={draft.impact} onChange={(e) => set({ impact: Number(e.target.value) as Level })}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} · {IMPACT_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="console-field">
          <span className="console-label">Urgency</span>
          <select className="console-select" value={draft.urgency} onChange={(e) => set({ urgency: Number(e.target.value) as Level })}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} · {URGENCY_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <div className="console-field">
          <span className="console-label">Priority</span>
          <output className="inbox-priority" aria-live="polite">
            {priorityFor(draft.impact, draft.urgency, matrix)}
          </output>
        </div>
      </div>
      <div className="console-form-row">
        <label className="console-field">
          <span className="console-label">Affected services</span>
          <input className="console-input" value={services} onChange={(e) => setServices(e.target.value)} placeholder="comma-separated" />
        </label>
        <label className="console-field">
          <span className="console-label">Category</span>
          <input className="console-input" value={draft.category} maxLength={80} onChange={(e) => set({ category: e.target.value })} />
        </label>
        <label className="console-field">
          <span className="console-label">Tags</span>
          <input className="console-input" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="comma-separated" />
        </label>
        <label className="console-field">
          <span className="console-label">Source</span>
          <select className="console-select" value={draft.source} onChange={(e) => set({ source: SourceSchema.parse(e.target.value) })}>
            {SourceSchema.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="inbox-checks">
        <label className="console-check">
          <input type="checkbox" checked={draft.major} onChange={(e) => set({ major: e.target.checked })} /> Major incident
        </label>
        <label className="console-check">
          <input type="checkbox" checked={draft.exercise} onChange={(e) => set({ exercise: e.target.checked })} /> Exercise
        </label>
      </div>
      {error && (
        <p className="console-alert" role="alert">
          {error}
        </p>
      )}
      <div className="console-form-actions">
        <button type="button" className="console-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="console-button is-primary" disabled={busy || !draft.title.trim()}>
          Create incident
        </button>
      </div>
    </form>
  );
}
