import { describe, expect, it } from 'vitest';
import { ARRIVAL_HIGHLIGHT_MS, NoteArrivals } from './note-arrivals';

describe('NoteArrivals', () => {
  it('marks nothing on the board as it first appears', () => {
    const arrivals = new NoteArrivals();
    expect([...arrivals.update(['n1', 'n2'], 1_000)]).toEqual([]);
    expect(arrivals.nextExpiry()).toBeNull();
  });

  it('marks a note that arrives later, for the hold time only', () => {
    const arrivals = new NoteArrivals();
    arrivals.update(['n1'], 1_000);
    expect([...arrivals.update(['n1', 'n2'], 2_000)]).toEqual(['n2']);
    expect(arrivals.nextExpiry()).toBe(2_000 + ARRIVAL_HIGHLIGHT_MS);
    expect([...arrivals.update(['n1', 'n2'], 2_000 + ARRIVAL_HIGHLIGHT_MS - 1)]).toEqual(['n2']);
    expect([...arrivals.update(['n1', 'n2'], 2_000 + ARRIVAL_HIGHLIGHT_MS)]).toEqual([]);
    expect(arrivals.nextExpiry()).toBeNull();
  });

  it('marks every note a reveal shows at once, and none that only moved or stayed', () => {
    const arrivals = new NoteArrivals(100);
    arrivals.update([], 0);
    expect([...arrivals.update(['a'], 10)]).toEqual(['a']);
    // The board is re-read (a move, an edit): the same ids are not new again.
    expect([...arrivals.update(['a'], 20)]).toEqual(['a']);
    expect([...arrivals.update(['a', 'b', 'c'], 50)].sort()).toEqual(['a', 'b', 'c']);
    expect(arrivals.nextExpiry()).toBe(110);
    expect([...arrivals.update(['a', 'b', 'c'], 110)].sort()).toEqual(['b', 'c']);
    expect(arrivals.nextExpiry()).toBe(150);
  });

  it('forgets a deleted note, marked or not', () => {
    const arrivals = new NoteArrivals(100);
    arrivals.update(['a'], 0);
    arrivals.update(['a', 'b'], 10);
    expect([...arrivals.update(['a'], 20)]).toEqual([]);
    expect(arrivals.nextExpiry()).toBeNull();
  });
});
