/**
 * The impact × urgency → priority matrix as published organisation data (a document like the
 * directory, shared/org/documents.ts). The matrix in force when a command is decided computes the
 * priority, and the event records the priority it gave, so refolding never consults a matrix.
 */
import { z } from 'zod';
import { PriorityMatrixSchema, priorityRank, type PriorityMatrix } from '../domain/priority';

/**
 * What may be published: a 3 × 3 matrix where more impact or more urgency never gives a lower
 * priority (a cell is at least as urgent as the one to its right and the one below it).
 */
export const PublishedMatrixSchema = PriorityMatrixSchema.superRefine((m, ctx) => {
  m.forEach((row, i) =>
    row.forEach((cell, j) => {
      const right = row[j + 1];
      const below = m[i + 1]?.[j];
      if ((right && priorityRank(cell) > priorityRank(right)) || (below && priorityRank(cell) > priorityRank(below)))
        ctx.addIssue({ code: 'custom', path: [i, j], message: `Impact ${i + 1} × urgency ${j + 1} may not be a lower priority than less impact or urgency` });
    }),
  );
});

/** Cell by cell: the cells `theirs` changed since `base` replace `current`'s. */
export function mergeCells(base: PriorityMatrix, theirs: PriorityMatrix, current: PriorityMatrix): PriorityMatrix {
  return current.map((row, i) => row.map((cell, j) => (theirs[i]![j] !== base[i]![j] ? theirs[i]![j]! : cell)));
}
