import type { RelationKind } from '../../../../shared/domain/vocabulary';

/** How a relation reads from the incident that holds it: "<this incident> is <label> <target>". */
export const RELATION_LABELS: Record<RelationKind, string> = {
  parent: 'Parent of',
  child: 'Child of',
  duplicate_of: 'Duplicate of',
  duplicated_by: 'Duplicated by',
  related: 'Related to',
  caused_by: 'Caused by',
  causes: 'Causes',
};

/** Relations a person adds by hand (the inverse side is recorded on the other incident). */
export const ADDABLE_RELATIONS: readonly RelationKind[] = ['parent', 'child', 'duplicate_of', 'related', 'caused_by'];
