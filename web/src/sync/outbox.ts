/**
 * Ops that were sent (or are waiting to be sent) and not yet answered. The server may lose a
 * connection at any moment, so an op stays here until its `applied` or `rejected` arrives and is
 * resent, with the same op_id, after every reconnect: the server applies an op_id at most once.
 *
 * Where the entries live is an [`OutboxStorage`]; this file keeps them in memory. A later
 * storage keeps them in IndexedDB so that a reload loses nothing.
 */

import type { Op, OpId, RejectReason } from '../protocol/generated';

export interface PendingOp {
  op_id: OpId;
  op: Op;
}

/** Where pending ops are kept, in the order they were first sent. */
export interface OutboxStorage {
  put(entry: PendingOp): void;
  delete(opId: OpId): void;
  all(): PendingOp[];
}

export class MemoryOutboxStorage implements OutboxStorage {
  // A Map iterates in insertion order, which is send order.
  #entries = new Map<OpId, PendingOp>();

  put(entry: PendingOp): void {
    this.#entries.set(entry.op_id, entry);
  }

  delete(opId: OpId): void {
    this.#entries.delete(opId);
  }

  all(): PendingOp[] {
    return [...this.#entries.values()];
  }
}

/** Whether a rejection means "try again later" (the op stays) or "no" (the op is dropped). */
export function isRetryable(reason: RejectReason): boolean {
  return reason.code === 'storage_unavailable';
}

export class Outbox {
  readonly #storage: OutboxStorage;

  constructor(storage: OutboxStorage = new MemoryOutboxStorage()) {
    this.#storage = storage;
  }

  add(entry: PendingOp): void {
    this.#storage.put(entry);
  }

  /** Everything to resend after a reconnect, in the order it was first sent. */
  pending(): PendingOp[] {
    return this.#storage.all();
  }

  get(opId: OpId): PendingOp | undefined {
    return this.#storage.all().find((e) => e.op_id === opId);
  }

  /** The server applied the op (now or, for a resend, earlier): it is done. */
  applied(opId: OpId): PendingOp | undefined {
    const entry = this.get(opId);
    if (entry) this.#storage.delete(opId);
    return entry;
  }

  /** The server rejected the op: drop it unless the reason says a retry may succeed. */
  rejected(opId: OpId, reason: RejectReason): PendingOp | undefined {
    const entry = this.get(opId);
    if (entry && !isRetryable(reason)) this.#storage.delete(opId);
    return entry;
  }
}
