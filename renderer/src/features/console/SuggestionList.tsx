import type { Suggestion } from './people-suggestions';

/** A <datalist> of suggestions; a label, where there is one, shows beside the value. */
export function SuggestionList({ id, suggestions }: { id: string; suggestions: readonly Suggestion[] }) {
  return (
    <datalist id={id}>
      {suggestions.map((s) => (
        <option key={s.value} value={s.value} label={s.label} />
      ))}
    </datalist>
  );
}
