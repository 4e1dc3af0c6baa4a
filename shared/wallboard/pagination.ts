/**
 * Pagination that keeps the most urgent tiles (P1s and overdue ones) on every page. Pinned items
 * take the first slots of each page; the others rotate through the remaining slots. At most
 * `pinCapacity(perPage)` items (half a page) are pinned so the pages still turn over; extra pinned
 * items rotate with the rest (they are ordered first, so they lead page 1).
 */

/** How many slots of a page may be pinned: half of them, so pages still turn over quickly. */
export function pinCapacity(perPage: number): number {
  return Math.floor(Math.max(0, perPage) / 2);
}

/** Number of pages for `total` items of which `pinned` are pinned. */
export function pageCount(total: number, pinned: number, perPage: number): number {
  if (perPage <= 0 || total <= perPage) return 1;
  const pins = Math.min(pinned, pinCapacity(perPage));
  return Math.max(1, Math.ceil((total - pins) / (perPage - pins)));
}

/**
 * Splits ordered items into pages. With one page the order is kept as is; with several, every page
 * starts with the pinned items, in their order.
 */
export function paginate<T>(ordered: readonly T[], perPage: number, isPinned: (item: T) => boolean): T[][] {
  if (perPage <= 0) return [[]];
  if (ordered.length <= perPage) return [[...ordered]];
  const cap = pinCapacity(perPage);
  const pinned: T[] = [];
  const rest: T[] = [];
  for (const item of ordered) {
    if (pinned.length < cap && isPinned(item)) pinned.push(item);
    else rest.push(item);
  }
  const free = perPage - pinned.length;
  const pages: T[][] = [];
  for (let i = 0; i < rest.length; i += free) pages.push([...pinned, ...rest.slice(i, i + free)]);
  return pages.length ? pages : [pinned];
}
