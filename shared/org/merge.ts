/**
 * Three-way merges for whole-document publishes that crossed (two PCs published from the same
 * version): what the later publisher changed relative to the version it edited is applied onto
 * the version that got in first, entry by entry, so two people adding different contacts at once
 * both keep theirs. Only an entry both changed is settled wholesale, for the later publisher.
 */

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Lists of entries with an id: additions, edits and removals in `theirs` since `base`, applied onto `current`. */
export function mergeEntries<T>(base: readonly T[], theirs: readonly T[], current: readonly T[], key: (entry: T) => string): T[] {
  const before = new Map(base.map((e) => [key(e), e]));
  const after = new Map(theirs.map((e) => [key(e), e]));
  const changed = (k: string) => after.has(k) && (!before.has(k) || !same(before.get(k), after.get(k)));
  const kept = current.flatMap((e) => {
    const k = key(e);
    if (changed(k)) return [after.get(k)!];
    return before.has(k) && !after.has(k) ? [] : [e];
  });
  const present = new Set(current.map(key));
  // Added by them, or edited by them while the other publisher removed it: their edit is kept.
  return [...kept, ...theirs.filter((e) => !present.has(key(e)) && changed(key(e)))];
}

/** Records of fields: each field `theirs` changed since `base` replaces `current`'s. */
export function mergeFields<R extends Record<string, unknown>>(base: R, theirs: R, current: R): R {
  const out: Record<string, unknown> = { ...current };
  for (const k of Object.keys(theirs)) if (!same(base[k], theirs[k])) out[k] = theirs[k];
  return out as R;
}
