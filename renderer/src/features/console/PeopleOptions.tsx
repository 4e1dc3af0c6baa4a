import { useMemo } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { useOperator } from './hooks';

/** <datalist> of people known to the workspace (roles, responders) plus the operator. */
export function PeopleOptions({ id }: { id: string }) {
  const known = useWorkspace((s) => s.info?.suggestions.people);
  const operator = useOperator();
  const people = useMemo(() => [...new Set([operator, ...(known ?? [])].filter(Boolean))], [known, operator]);
  return (
    <datalist id={id}>
      {people.map((p) => (
        <option key={p} value={p} />
      ))}
    </datalist>
  );
}
