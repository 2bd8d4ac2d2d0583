/**
 * Ops that were sent (or are waiting to be sent) and not yet answered. The server may lose a
 * connection at any moment, so an op stays here until its `applied` or `rejected` arrives and is
 * resent, with the same op_id, after every reconnect: the server applies an op_id at most once.
 *
 * Where the entries live is an [`OutboxStorage`]: in memory here, in IndexedDB in the browser
 * (indexeddb-outbox.ts) so that a reload or a browser restart loses nothing. An op is sent only
 * once its storage has it: an op on the wire but not on the device could be lost to a reload
 * and then never be resent.
 */

import type { Op, OpId, RejectReason } from '../protocol/generated';

export interface PendingOp {
  op_id: OpId;
  op: Op;
}

/** Where pending ops are kept, in the order they were first sent. */
export interface OutboxStorage {
  /** Keeps the entry; a promise means "durably kept once this resolves". */
  put(entry: PendingOp): void | Promise<void>;
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
  return reason.code === 'storage_unavailable' || reason.code === 'rate_limited';
}

export class Outbox {
  readonly #storage: OutboxStorage;
  /** Ops whose storage has not confirmed the put yet: they must not be sent. */
  readonly #unstored = new Set<OpId>();

  constructor(storage: OutboxStorage = new MemoryOutboxStorage()) {
    this.#storage = storage;
  }

  /**
   * Keeps the entry. Returns null when it is kept already (send it now), or a promise that
   * resolves once it is kept (send it then). The promise never rejects: if the device cannot
   * keep it, sending anyway beats not sending.
   */
  add(entry: PendingOp): Promise<void> | null {
    const stored = this.#storage.put(entry);
    if (!stored) return null;
    this.#unstored.add(entry.op_id);
    return stored
      .catch((error: unknown) => console.warn('talkoot: could not keep an op on this device', error))
      .finally(() => this.#unstored.delete(entry.op_id));
  }

  /** Everything not yet answered, in the order it was first sent (for showing). */
  pending(): PendingOp[] {
    return this.#storage.all();
  }

  /** What to (re)send after a welcome: pending ops the device has kept, in send order. */
  sendable(): PendingOp[] {
    return this.#storage.all().filter((e) => !this.#unstored.has(e.op_id));
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

  /**
   * Drops every pending op, for a board this device may no longer post to, and returns them so
   * that the person can be told what was not sent.
   */
  discardAll(): PendingOp[] {
    const all = this.#storage.all();
    for (const entry of all) this.#storage.delete(entry.op_id);
    return all;
  }

  /** The server rejected the op: drop it unless the reason says a retry may succeed. */
  rejected(opId: OpId, reason: RejectReason): PendingOp | undefined {
    const entry = this.get(opId);
    if (entry && !isRetryable(reason)) this.#storage.delete(opId);
    return entry;
  }
}
