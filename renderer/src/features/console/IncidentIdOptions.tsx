import { useMemo } from 'react';
import { useWorkspace } from '../../state/workspace-store';

/** <datalist> of known incident ids (with titles) for fields that name another incident. */
export function IncidentIdOptions({ id, exclude }: { id: string; exclude?: string }) {
  const incidents = useWorkspace((s) => s.incidents);
  const options = useMemo(
    () =>
      Object.values(incidents)
        .filter((i) => i.id !== exclude)
        .sort((a, b) => a.id.localeCompare(b.id)),
    [incidents, exclude],
  );
  return (
    <datalist id={id}>
      {options.map((i) => (
        <option key={i.id} value={i.id}>
          {i.title}
        </option>
      ))}
    </datalist>
  );
}
