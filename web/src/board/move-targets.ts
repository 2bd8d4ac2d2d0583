/**
 * Where "move up/down" (notes) and "move left/right" (sections) go, in the protocol's terms:
 * `before` is the id the moved item should end up just before, or `null` for last.
 * The ids are in display order and include the moved item.
 */

/** One step earlier: before the item that is now directly ahead of it; `null` if already first. */
export function oneEarlier(ids: readonly string[], id: string): { before: string | null } | null {
  const i = ids.indexOf(id);
  if (i <= 0) return null;
  return { before: ids[i - 1]! };
}

/** One step later: before the item two behind it, or last; `null` if already last. */
export function oneLater(ids: readonly string[], id: string): { before: string | null } | null {
  const i = ids.indexOf(id);
  if (i < 0 || i >= ids.length - 1) return null;
  return { before: ids[i + 2] ?? null };
}
