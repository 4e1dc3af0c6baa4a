import { useMemo } from 'react';
import { teamsOf, type Directory } from '../../../../shared/org/directory';
import { useOrgDocuments } from '../../state/org-documents-store';

export interface Suggestion {
  value: string;
  /** What the picker shows beside the name ("Network engineer · Network Operations · on call"). */
  label?: string;
}

/** Directory people, on call first, with their title and team; then the other names, each name once. */
export function peopleSuggestions(directory: Directory | undefined, others: readonly string[]): Suggestion[] {
  const people = [...(directory?.people ?? [])].sort((a, b) => Number(b.onCall) - Number(a.onCall));
  const listed = people.map((p) => ({ value: p.name, label: [p.role, ...teamsOf(directory!, p.id).map((t) => t.name), p.onCall && 'on call'].filter(Boolean).join(' · ') || undefined }));
  return unique([...listed, ...others.map((value) => ({ value }))]);
}

/** Directory teams, then the other team names (e.g. seen on incidents), each once. */
export function teamSuggestions(directory: Directory | undefined, others: readonly string[]): Suggestion[] {
  return unique([...(directory?.teams ?? []).map((t) => ({ value: t.name, label: t.description || undefined })), ...others.map((value) => ({ value }))]);
}

function unique(suggestions: readonly Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return suggestions.filter((s) => s.value && !seen.has(s.value.toLowerCase()) && Boolean(seen.add(s.value.toLowerCase())));
}

/** The directory in force (undefined until loaded). */
export function useDirectory(): Directory | undefined {
  return useOrgDocuments((s) => s.directory?.current);
}

/** teamSuggestions with the live directory. */
export function useTeamSuggestions(others: readonly string[]): Suggestion[] {
  const directory = useDirectory();
  return useMemo(() => teamSuggestions(directory, others), [directory, others]);
}
