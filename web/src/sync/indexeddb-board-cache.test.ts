import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Board, Change, Me } from '../protocol/generated';
import { BoardCache, type KeptWelcome } from './board-cache';
import { IndexedDbBoardCacheStorage } from './indexeddb-board-cache';
import { pretendBoard } from './pretend-server';

const me: Me = { participant: 'p1', role: 'participant', name: null };
const welcome: KeptWelcome = { you: me, join_code: '12345678', updated_at: 1_700_000_000_000 };
const boardOf = (id: string, title: string): Board => ({
  ...pretendBoard,
  id,
  meta: { title, description: 'Asiakastapaus', language: 'fi' },
});
const removed = (id: string): Change => ({ type: 'note_removed', id });

/** Each test gets its own empty IndexedDB; "reloading" is a new storage over the same factory. */
const freshDatabase = () => new IDBFactory();

describe('IndexedDbBoardCacheStorage', () => {
  it('keeps a board across a reload: the snapshot as it came, and its changes in seq order', async () => {
    const idb = freshDatabase();
    const before = new IndexedDbBoardCacheStorage(idb);
    // A field the board does not have today rides along untouched.
    const board = { ...boardOf('b1', 'Nuorten palvelut'), phases: [{ title: 'Kirjoitus' }] } as Board;
    await before.write('b1', { welcome, snapshot: { board, seq: 9 }, changes: [{ seq: 10, changes: [removed('n1')] }] });
    for (const seq of [11, 12]) {
      await before.write('b1', { welcome: { ...welcome, updated_at: seq }, snapshot: null, changes: [{ seq, changes: [removed(`n${seq}`)] }] });
    }

    const after = new IndexedDbBoardCacheStorage(idb);
    expect(await after.load('b1')).toEqual({
      ...welcome,
      updated_at: 12,
      snapshot: board,
      snapshot_seq: 9,
      changes: [
        { seq: 10, changes: [removed('n1')] },
        { seq: 11, changes: [removed('n11')] },
        { seq: 12, changes: [removed('n12')] },
      ],
    });
  });

  it('sorts seqs as numbers, not as text', async () => {
    const storage = new IndexedDbBoardCacheStorage(freshDatabase());
    const changes = [9, 10, 11, 100].map((seq) => ({ seq, changes: [] }));
    await storage.write('b1', { welcome, snapshot: { board: boardOf('b1', 'x'), seq: 8 }, changes });
    expect((await storage.load('b1'))?.changes.map((c) => c.seq)).toEqual([9, 10, 11, 100]);
  });

  it('a new snapshot drops the changes kept after the old one, even at higher seqs', async () => {
    const idb = freshDatabase();
    const storage = new IndexedDbBoardCacheStorage(idb);
    const old = [101, 102, 103].map((seq) => ({ seq, changes: [removed(`old${seq}`)] }));
    await storage.write('b1', { welcome, snapshot: { board: boardOf('b1', 'vanha'), seq: 100 }, changes: old });
    // The server's seq went back (its database was restored from a backup): its word counts.
    await storage.write('b1', { welcome, snapshot: { board: boardOf('b1', 'uusi'), seq: 50 }, changes: [{ seq: 51, changes: [] }] });
    const view = await new IndexedDbBoardCacheStorage(idb).load('b1');
    expect(view?.snapshot.meta.title).toBe('uusi');
    expect(view?.changes.map((c) => c.seq)).toEqual([51]);
  });

  it('has nothing to show without a snapshot', async () => {
    const storage = new IndexedDbBoardCacheStorage(freshDatabase());
    expect(await storage.load('b1')).toBeNull();
    await storage.write('b1', { welcome, snapshot: null, changes: [{ seq: 3, changes: [] }] });
    expect(await storage.load('b1')).toBeNull();
  });

  it('keeps each board to itself, and removes one without touching the others', async () => {
    const idb = freshDatabase();
    const storage = new IndexedDbBoardCacheStorage(idb);
    await storage.write('b1', { welcome, snapshot: { board: boardOf('b1', 'yksi'), seq: 1 }, changes: [{ seq: 2, changes: [] }] });
    await storage.write('b2', { welcome, snapshot: { board: boardOf('b2', 'kaksi'), seq: 5 }, changes: [{ seq: 6, changes: [] }] });
    await storage.remove('b1');

    const reloaded = new IndexedDbBoardCacheStorage(idb);
    expect(await reloaded.load('b1')).toBeNull();
    const two = await reloaded.load('b2');
    expect(two?.snapshot.meta.title).toBe('kaksi');
    expect(two?.changes.map((c) => c.seq)).toEqual([6]);
    // Nothing of b1 is left in any store.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = idb.open('talkoot-board-cache');
      open.onsuccess = () => resolve(open.result);
    });
    for (const store of ['welcomes', 'snapshots', 'changes']) {
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const req = db.transaction(store).objectStore(store).getAllKeys();
        req.onsuccess = () => resolve(req.result);
      });
      expect(JSON.stringify(keys), store).not.toContain('b1');
    }
  });

  it('under a BoardCache, a reload finds what arrived before it', async () => {
    const idb = freshDatabase();
    const cache = new BoardCache('b1', new IndexedDbBoardCacheStorage(idb));
    cache.snapshot(boardOf('b1', 'Nuorten palvelut'), 5, me, '12345678');
    cache.applied(6, [removed('n1')]);
    await cache.flush();
    const view = await new BoardCache('b1', new IndexedDbBoardCacheStorage(idb)).load(() => true);
    expect(view?.snapshot_seq).toBe(5);
    expect(view?.changes.map((c) => c.seq)).toEqual([6]);
  });
});
