import { useMemo } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { useOperator } from './hooks';
import { peopleSuggestions, useDirectory } from './people-suggestions';
import { SuggestionList } from './SuggestionList';

/** <datalist> of the directory's people (on call first), then people seen on incidents (roles, responders) and the operator. */
export function PeopleOptions({ id }: { id: string }) {
  const known = useWorkspace((s) => s.info?.suggestions.people);
  const operator = useOperator();
  const directory = useDirectory();
  const people = useMemo(() => peopleSuggestions(directory, [operator, ...(known ?? [])]), [directory, known, operator]);
  return <SuggestionList id={id} suggestions={people} />;
}
