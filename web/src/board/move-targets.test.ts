import { describe, expect, it } from 'vitest';
import { oneEarlier, oneLater } from './move-targets';

/** What the server does with `before`: take the item out, put it back before `before`. */
function move(ids: string[], id: string, before: string | null): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = before === null ? rest.length : rest.indexOf(before);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

describe('move targets', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('moves one step earlier', () => {
    expect(oneEarlier(ids, 'c')).toEqual({ before: 'b' });
    expect(move(ids, 'c', 'b')).toEqual(['a', 'c', 'b', 'd']);
    expect(move(ids, 'b', oneEarlier(ids, 'b')!.before)).toEqual(['b', 'a', 'c', 'd']);
    expect(oneEarlier(ids, 'a')).toBeNull();
    expect(oneEarlier(ids, 'zz')).toBeNull();
  });

  it('moves one step later, becoming last when it passes the last one', () => {
    expect(oneLater(ids, 'a')).toEqual({ before: 'c' });
    expect(move(ids, 'a', 'c')).toEqual(['b', 'a', 'c', 'd']);
    expect(oneLater(ids, 'c')).toEqual({ before: null });
    expect(move(ids, 'c', null)).toEqual(['a', 'b', 'd', 'c']);
    expect(oneLater(ids, 'd')).toBeNull();
    expect(oneLater(['only'], 'only')).toBeNull();
  });

  it('every step lands exactly one place away', () => {
    for (const id of ids) {
      const i = ids.indexOf(id);
      const up = oneEarlier(ids, id);
      if (up) expect(move(ids, id, up.before).indexOf(id)).toBe(i - 1);
      const down = oneLater(ids, id);
      if (down) expect(move(ids, id, down.before).indexOf(id)).toBe(i + 1);
    }
  });
});
