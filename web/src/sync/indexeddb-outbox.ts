/**
 * The browser's outbox storage: pending ops in IndexedDB, one list per board, so that an op
 * survives a reload, a crashed tab and a browser restart, and is resent with the same op_id.
 *
 * IndexedDB is asynchronous and the [`OutboxStorage`] interface is not, so the entries are
 * mirrored in memory: `load()` fills the mirror before the board connects, reads come from the
 * mirror, and every write goes through to IndexedDB. `put` returns a promise that resolves once
 * the transaction has committed; the outbox sends the op only then.
 */

import type { BoardId, OpId } from '../protocol/generated';
import { committed, openDatabase, request } from './indexeddb-promises';
import type { OutboxStorage, PendingOp } from './outbox';

const DATABASE = 'talkoot-outbox';
const VERSION = 1;
/**
 * Records `{ board, op_id, position, op }` under the key `[board, op_id]`: one board's ops are
 * one key range, and two tabs of the same board never overwrite each other's ops.
 */
const STORE = 'pending';

interface StoredOp extends PendingOp {
  board: BoardId;
  /** Send order: it only grows, within a tab and across reloads (the clock, or one past the newest kept). */
  position: number;
}

export class IndexedDbOutboxStorage implements OutboxStorage {
  readonly #board: BoardId;
  readonly #factory: IDBFactory;
  #db: Promise<IDBDatabase> | null = null;
  // A Map iterates in insertion order, which is send order.
  readonly #mirror = new Map<OpId, PendingOp>();
  #lastPosition = 0;

  constructor(board: BoardId, factory: IDBFactory = indexedDB) {
    this.#board = board;
    this.#factory = factory;
  }

  /** Reads this board's pending ops from IndexedDB into memory, ahead of anything added since. */
  async load(): Promise<void> {
    const db = await this.#open();
    const stored = await request<StoredOp[]>(
      db.transaction(STORE, 'readonly').objectStore(STORE).getAll(this.#range()),
    );
    stored.sort((a, b) => a.position - b.position);
    const added = [...this.#mirror.values()];
    this.#mirror.clear();
    for (const { op_id, op } of stored) this.#mirror.set(op_id, { op_id, op });
    for (const entry of added) if (!this.#mirror.has(entry.op_id)) this.#mirror.set(entry.op_id, entry);
    this.#lastPosition = Math.max(this.#lastPosition, stored.at(-1)?.position ?? 0);
  }

  put(entry: PendingOp): Promise<void> {
    this.#mirror.set(entry.op_id, entry);
    this.#lastPosition = Math.max(Date.now(), this.#lastPosition + 1);
    const record: StoredOp = { board: this.#board, op_id: entry.op_id, position: this.#lastPosition, op: entry.op };
    return this.#write((store) => store.put(record));
  }

  delete(opId: OpId): void {
    if (!this.#mirror.delete(opId)) return;
    // Losing this write only means a resend, which the server answers from its op log.
    this.#write((store) => store.delete([this.#board, opId])).catch((error: unknown) =>
      console.warn('talkoot: could not clear an answered op on this device', error),
    );
  }

  all(): PendingOp[] {
    return [...this.#mirror.values()];
  }

  /** Every key `[board, op_id]` of this board: `[board]` sorts before them, `[board, []]` after (arrays sort after strings). */
  #range(): IDBKeyRange {
    return IDBKeyRange.bound([this.#board], [this.#board, []]);
  }

  /** Runs one write in its own transaction; resolves when it has committed. */
  async #write(change: (store: IDBObjectStore) => IDBRequest): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(STORE, 'readwrite');
    change(tx.objectStore(STORE));
    await committed(tx);
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= openDatabase(this.#factory, DATABASE, VERSION, (db) =>
      db.createObjectStore(STORE, { keyPath: ['board', 'op_id'] }),
    );
    return this.#db;
  }
}
