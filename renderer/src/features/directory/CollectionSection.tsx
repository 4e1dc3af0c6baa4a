import { useState } from 'react';
import type { Directory } from '../../../../shared/org/directory';
import { newEntryId, type CollectionSpec } from './collections';
import { EntryForm } from './EntryForm';

/** One list of the directory: a table with Edit and Remove per row, and Add. Changes go to the draft. */
export function CollectionSection<T extends { id: string; name: string }>({ spec, directory, readOnly, onChange }: { spec: CollectionSpec<T>; directory: Directory; readOnly: boolean; onChange(next: Directory): void }) {
  // The entry being edited (a new one gets its id when Add is pressed, so the form keeps it while typing).
  const [editing, setEditing] = useState<{ id: string; isNew: boolean } | undefined>();
  const entries = directory[spec.list] as unknown as T[];
  const titleId = `directory-${spec.list}-title`;
  const form = (id: string, entry: T | undefined) => (
    <EntryForm
      key={id}
      idPrefix={`directory-${spec.list}-edit`}
      title={entry ? `Edit ${spec.singular} ${entry.name}` : `Add ${spec.singular}`}
      fields={spec.fields(directory)}
      initial={spec.toForm(entry, directory)}
      onCancel={() => setEditing(undefined)}
      onSave={(values) => {
        const saved = spec.save(directory, id, values);
        if ('errors' in saved) return saved.errors;
        onChange(saved.directory);
        setEditing(undefined);
        return undefined;
      }}
    />
  );
  return (
    <section className="policies-card directory-card" aria-labelledby={titleId}>
      <div className="directory-card-head">
        <h2 className="policies-card-title" id={titleId}>
          {spec.title} <span className="policies-muted">({entries.length})</span>
        </h2>
        {!readOnly && editing === undefined && (
          <button type="button" className="console-button is-small" onClick={() => setEditing({ id: newEntryId(spec.singular), isNew: true })}>
            Add {spec.singular}
          </button>
        )}
      </div>
      {editing?.isNew && form(editing.id, undefined)}
      {entries.length === 0 ? (
        <p className="policies-muted">No {spec.title.toLowerCase()} yet.</p>
      ) : (
        <table className="policies-table directory-table">
          <thead>
            <tr>
              {spec.columns.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
              {!readOnly && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) =>
              editing?.id === entry.id ? (
                <tr key={entry.id}>
                  <td colSpan={spec.columns.length + 1}>{form(entry.id, entry)}</td>
                </tr>
              ) : (
                <tr key={entry.id}>
                  {spec.columns.map((c) => (
                    <td key={c.label}>{c.text(entry, directory)}</td>
                  ))}
                  {!readOnly && (
                    <td className="directory-row-actions">
                      <button type="button" className="console-button is-small is-ghost" aria-label={`Edit ${entry.name}`} onClick={() => setEditing({ id: entry.id, isNew: false })}>
                        Edit
                      </button>
                      <button type="button" className="console-button is-small is-ghost" aria-label={`Remove ${entry.name}`} onClick={() => onChange(spec.remove(directory, entry.id))}>
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
