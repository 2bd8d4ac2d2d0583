import { describe, expect, it } from 'vitest';
import type { Board, Change, Me } from '../protocol/generated';
import {
  BoardCache,
  type BoardCacheStorage,
  type CacheWrite,
  type KeptView,
  MemoryBoardCacheStorage,
  REBASE_AFTER_CHANGES,
  WRITE_DELAY_MS,
  gapless,
} from './board-cache';
import { FakeTimers } from './connection-fakes';
import { pretendBoard } from './pretend-server';

const me: Me = { participant: 'p1', role: 'participant', name: 'Anna' };
const board: Board = pretendBoard;
const note = (id: string, text: string): Change => ({
  type: 'note',
  note: { id, section: 's1', text, colour: 'yellow', author: 'p1', author_name: 'Anna', order: `a${id}`, created_at: 1, updated_at: 1, private: false, status: 'visible', theme: null },
});
const anyone = () => true;

/** Counts writes, and fails those the test asks to. */
class CountingStorage implements BoardCacheStorage {
  readonly inner = new MemoryBoardCacheStorage();
  writes: CacheWrite[] = [];
  failNext = 0;

  load = (b: string) => this.inner.load(b);
  remove = (b: string) => this.inner.remove(b);

  async write(b: string, write: CacheWrite): Promise<void> {
    this.writes.push(structuredClone(write));
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('QuotaExceededError');
    }
    await this.inner.write(b, write);
  }
}

function setup(random = () => 0) {
  const timers = new FakeTimers();
  const storage = new CountingStorage();
  const cache = new BoardCache('b1', storage, { timers, now: () => 1_000 + timers.now, random });
  return { timers, storage, cache };
}

/** Runs the write timer and waits for the writes it starts. */
async function settle(timers: FakeTimers, cache: BoardCache) {
  timers.advance(WRITE_DELAY_MS);
  await cache.flush();
}

describe('gapless', () => {
  it('keeps the changes that follow the seq one by one, and stops at a gap', () => {
    const at = (...seqs: number[]) => seqs.map((seq) => ({ seq, changes: [] }));
    expect(gapless(at(4, 5, 6, 8, 9), 3).map((c) => c.seq)).toEqual([4, 5, 6]);
    expect(gapless(at(2, 3, 4, 5), 3).map((c) => c.seq)).toEqual([4, 5]);
    expect(gapless(at(5, 6), 3)).toEqual([]);
  });
});

describe('BoardCache', () => {
  it('keeps the snapshot and every applied after it, written together a moment later', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    cache.applied(6, [note('n1', 'eka')]);
    cache.applied(7, [note('n2', 'toka')]);
    expect(storage.writes).toEqual([]); // nothing written while messages arrive
    await settle(timers, cache);
    expect(storage.writes).toHaveLength(1);

    const again = new BoardCache('b1', storage);
    const view = await again.load(anyone);
    expect(view).toEqual({
      you: me,
      join_code: '12345678',
      updated_at: 1_000,
      snapshot: board,
      snapshot_seq: 5,
      changes: [
        { seq: 6, changes: [note('n1', 'eka')] },
        { seq: 7, changes: [note('n2', 'toka')] },
      ],
    } satisfies KeptView);
  });

  it('keeps the board as it arrived, fields it does not know included', async () => {
    const { timers, storage, cache } = setup();
    // A field the board may gain later (votes…): nothing here may drop it.
    const richer = { ...board, votes: { n1: 3 } } as unknown as Board;
    cache.snapshot(richer, 5, me, '12345678');
    const change = { type: 'phase', index: 1 } as unknown as Change;
    cache.applied(6, [change]);
    await settle(timers, cache);
    const view = await new BoardCache('b1', storage).load(anyone);
    expect(view?.snapshot).toEqual(richer);
    expect(view?.changes).toEqual([{ seq: 6, changes: [change] }]);
  });

  it('a new snapshot replaces the old one and its changes', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    cache.applied(6, [note('n1', 'eka')]);
    await settle(timers, cache);
    const newer = { ...board, meta: { ...board.meta, title: 'Uusi nimi' } };
    cache.snapshot(newer, 40, me, '12345678');
    cache.applied(41, [note('n9', 'yhdeksäs')]);
    await settle(timers, cache);
    const view = await new BoardCache('b1', storage).load(anyone);
    expect(view?.snapshot_seq).toBe(40);
    expect(view?.snapshot.meta.title).toBe('Uusi nimi');
    expect(view?.changes.map((c) => c.seq)).toEqual([41]);
  });

  it('adds to a view it loaded, from its newest seq on, and ignores seqs it has', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    cache.applied(6, [note('n1', 'eka')]);
    await settle(timers, cache);

    const reloaded = new BoardCache('b1', storage, { timers, now: () => 9_000 });
    await reloaded.load(anyone);
    reloaded.welcomed(me, '12345678');
    reloaded.applied(6, [note('n1', 'eka')]); // a replay of what it has
    reloaded.applied(7, [note('n2', 'toka')]);
    await settle(timers, reloaded);
    const view = await new BoardCache('b1', storage).load(anyone);
    expect(view?.changes.map((c) => c.seq)).toEqual([6, 7]);
    expect(view?.updated_at).toBe(9_000);
  });

  it('does not show a view kept for another viewer', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    await settle(timers, cache);
    const other = new BoardCache('b1', storage);
    expect(await other.load((you) => you.participant === 'someone else')).toBeNull();
    // Nothing is added to a view it did not take.
    other.applied(6, [note('n1', 'eka')]);
    await other.flush();
    expect(storage.writes).toHaveLength(1);
  });

  it('loads only the changes that follow the snapshot without a gap', async () => {
    const storage = new MemoryBoardCacheStorage();
    const welcome = { you: me, join_code: '12345678', updated_at: 1 };
    await storage.write('b1', { welcome, snapshot: { board, seq: 5 }, changes: [{ seq: 6, changes: [] }, { seq: 8, changes: [] }] });
    const cache = new BoardCache('b1', storage);
    const view = await cache.load(anyone);
    expect(view?.changes.map((c) => c.seq)).toEqual([6]);
  });

  it('after a failed write keeps nothing that would follow the gap, and asks for a snapshot', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    await settle(timers, cache);
    expect(cache.wantsSnapshot).toBe(false);

    storage.failNext = 1;
    cache.applied(6, [note('n1', 'eka')]);
    void cache.flush(); // fails, but not before…
    cache.applied(7, [note('n2', 'toka')]); // …this is queued behind it: it must not be written
    await settle(timers, cache);
    cache.applied(8, [note('n3', 'kolmas')]);
    await settle(timers, cache);
    expect(storage.writes.map((w) => w.changes.map((c) => c.seq))).toEqual([[], [6]]);
    // The device still has a whole view, from before the failure: it resumes from seq 5.
    const view = await new BoardCache('b1', storage).load(anyone);
    expect(view?.snapshot_seq).toBe(5);
    expect(view?.changes).toEqual([]);
    expect(cache.wantsSnapshot).toBe(true);

    // A fresh snapshot starts a whole view again.
    cache.rebase({ ...board, meta: { ...board.meta, title: 'Tuore' } }, 8);
    cache.applied(9, [note('n4', 'neljäs')]);
    await settle(timers, cache);
    const healed = await new BoardCache('b1', storage).load(anyone);
    expect(healed?.snapshot_seq).toBe(8);
    expect(healed?.changes.map((c) => c.seq)).toEqual([9]);
    expect(cache.wantsSnapshot).toBe(false);
  });

  it('a failed write that a newer snapshot already replaced does not stop what follows it', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    await settle(timers, cache);
    storage.failNext = 1;
    cache.applied(6, [note('n1', 'eka')]);
    void cache.flush(); // the failing write is under way…
    cache.snapshot(board, 10, me, '12345678'); // …when a new snapshot arrives
    cache.applied(11, [note('n2', 'toka')]);
    await settle(timers, cache);
    cache.applied(12, [note('n3', 'kolmas')]);
    await settle(timers, cache);
    const view = await new BoardCache('b1', storage).load(anyone);
    expect(view?.snapshot_seq).toBe(10);
    expect(view?.changes.map((c) => c.seq)).toEqual([11, 12]);
  });

  it('does not ask for snapshots the device cannot keep either', async () => {
    const { timers, storage, cache } = setup();
    storage.failNext = 2;
    cache.snapshot(board, 5, me, '12345678'); // storage is full or disabled…
    await settle(timers, cache);
    expect(cache.wantsSnapshot).toBe(false); // …so a fresh snapshot would not be kept either
    cache.applied(6, [note('n1', 'eka')]);
    expect(cache.wantsSnapshot).toBe(false);
    cache.snapshot(board, 7, me, '12345678'); // the next welcome tries again, and fails again
    await settle(timers, cache);
    expect(cache.wantsSnapshot).toBe(false);
    cache.snapshot(board, 9, me, '12345678'); // and once there is room, it is kept
    cache.applied(10, [note('n2', 'toka')]);
    await settle(timers, cache);
    expect((await new BoardCache('b1', storage).load(anyone))?.changes.map((c) => c.seq)).toEqual([10]);
  });

  it('ignores a rebase older than what it keeps', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    cache.applied(6, [note('n1', 'eka')]);
    cache.rebase(board, 4);
    await settle(timers, cache);
    const view = await new BoardCache('b1', storage).load(anyone);
    expect(view?.snapshot_seq).toBe(5);
    expect(view?.changes.map((c) => c.seq)).toEqual([6]);
  });

  it('asks for a fresh snapshot once it keeps many changes, at a seq that differs per device', () => {
    for (const [random, at] of [
      [0, REBASE_AFTER_CHANGES],
      [0.5, REBASE_AFTER_CHANGES * 1.5],
    ] as const) {
      const { cache } = setup(() => random);
      cache.snapshot(board, 0, me, '12345678');
      for (let seq = 1; seq < at; seq += 1) cache.applied(seq, []);
      expect(cache.wantsSnapshot).toBe(false);
      cache.applied(at, []);
      expect(cache.wantsSnapshot).toBe(true);
    }
  });

  it('remove forgets the board, and nothing queued or arriving later brings it back', async () => {
    const { timers, storage, cache } = setup();
    cache.snapshot(board, 5, me, '12345678');
    await settle(timers, cache);
    cache.applied(6, [note('n1', 'eka')]);
    await cache.remove();
    cache.snapshot(board, 7, me, '12345678');
    cache.applied(8, [note('n2', 'toka')]);
    await settle(timers, cache);
    expect(await storage.load('b1')).toBeNull();
    expect(storage.writes).toHaveLength(1);
  });
});
