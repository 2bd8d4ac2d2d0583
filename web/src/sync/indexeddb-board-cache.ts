/**
 * The browser's board cache: each board's last view in IndexedDB, so that a reload with no
 * network shows it. Three stores, so that what arrives often is small to write:
 *
 * - `welcomes`, key `board_id`: who we are, the join code, and when the server last spoke;
 *   rewritten with every write (a few hundred bytes);
 * - `snapshots`, key `board_id`: the newest snapshot as the server sent it, rewritten only when
 *   a new one arrives;
 * - `changes`, key `[board_id, seq]`: every `applied` after it, one record each, appended.
 *
 * Each write is one transaction, so a reload finds either all of it or none.
 */

import type { Board, BoardId, Change } from '../protocol/generated';
import type { BoardCacheStorage, CacheWrite, KeptView, KeptWelcome } from './board-cache';
import { committed, openDatabase, request } from './indexeddb-promises';

const DATABASE = 'talkoot-board-cache';
const VERSION = 1;
const WELCOMES = 'welcomes';
const SNAPSHOTS = 'snapshots';
const CHANGES = 'changes';
const STORES = [WELCOMES, SNAPSHOTS, CHANGES];

interface StoredWelcome extends KeptWelcome {
  board_id: BoardId;
}

interface StoredSnapshot {
  board_id: BoardId;
  seq: number;
  board: Board;
}

interface StoredChanges {
  board_id: BoardId;
  seq: number;
  changes: Change[];
}

export class IndexedDbBoardCacheStorage implements BoardCacheStorage {
  readonly #factory: IDBFactory;
  #db: Promise<IDBDatabase> | null = null;

  constructor(factory: IDBFactory = indexedDB) {
    this.#factory = factory;
  }

  async load(board: BoardId): Promise<KeptView | null> {
    const db = await this.#open();
    const tx = db.transaction(STORES, 'readonly');
    const [welcome, snapshot, changes] = await Promise.all([
      request<StoredWelcome | undefined>(tx.objectStore(WELCOMES).get(board)),
      request<StoredSnapshot | undefined>(tx.objectStore(SNAPSHOTS).get(board)),
      // Keys [board, seq] sort by seq, numerically.
      request<StoredChanges[]>(tx.objectStore(CHANGES).getAll(changesOf(board))),
    ]);
    if (!welcome || !snapshot) return null;
    return {
      you: welcome.you,
      join_code: welcome.join_code,
      updated_at: welcome.updated_at,
      snapshot: snapshot.board,
      snapshot_seq: snapshot.seq,
      changes: changes.filter((c) => c.seq > snapshot.seq).map(({ seq, changes }) => ({ seq, changes })),
    };
  }

  async write(board: BoardId, write: CacheWrite): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(STORES, 'readwrite');
    tx.objectStore(WELCOMES).put({ board_id: board, ...write.welcome } satisfies StoredWelcome);
    const changes = tx.objectStore(CHANGES);
    if (write.snapshot) {
      changes.delete(changesOf(board));
      tx.objectStore(SNAPSHOTS).put({ board_id: board, ...write.snapshot } satisfies StoredSnapshot);
    }
    for (const { seq, changes: c } of write.changes) changes.put({ board_id: board, seq, changes: c } satisfies StoredChanges);
    await committed(tx);
  }

  async remove(board: BoardId): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(STORES, 'readwrite');
    tx.objectStore(WELCOMES).delete(board);
    tx.objectStore(SNAPSHOTS).delete(board);
    tx.objectStore(CHANGES).delete(changesOf(board));
    await committed(tx);
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= openDatabase(this.#factory, DATABASE, VERSION, (db) => {
      db.createObjectStore(WELCOMES, { keyPath: 'board_id' });
      db.createObjectStore(SNAPSHOTS, { keyPath: 'board_id' });
      db.createObjectStore(CHANGES, { keyPath: ['board_id', 'seq'] });
    });
    return this.#db;
  }
}

/** Every key `[board, seq]` of this board: `[board]` sorts before them, `[board, []]` after (arrays sort after numbers). */
function changesOf(board: BoardId): IDBKeyRange {
  return IDBKeyRange.bound([board], [board, []]);
}
