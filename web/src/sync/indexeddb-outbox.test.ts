import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Op } from '../protocol/generated';
import { IndexedDbOutboxStorage } from './indexeddb-outbox';
import { Outbox } from './outbox';

const post = (text: string): Op => ({ type: 'post_note', id: `n-${text}`, section: 's1', text, colour: 'yellow' });

/** Each test gets its own empty IndexedDB; "reloading" is a new storage over the same factory. */
const freshDatabase = () => new IDBFactory();

describe('IndexedDbOutboxStorage', () => {
  it('keeps pending ops across a reload, in send order, with the same op_ids', async () => {
    const idb = freshDatabase();
    const before = new IndexedDbOutboxStorage('b1', idb);
    await before.load();
    await before.put({ op_id: 'o1', op: post('first') });
    await before.put({ op_id: 'o2', op: post('second') });
    await before.put({ op_id: 'o3', op: post('third') });

    const after = new IndexedDbOutboxStorage('b1', idb);
    expect(after.all()).toEqual([]);
    await after.load();
    expect(after.all()).toEqual([
      { op_id: 'o1', op: post('first') },
      { op_id: 'o2', op: post('second') },
      { op_id: 'o3', op: post('third') },
    ]);
  });

  it('forgets an answered op for good', async () => {
    const idb = freshDatabase();
    const storage = new IndexedDbOutboxStorage('b1', idb);
    await storage.load();
    const outbox = new Outbox(storage);
    await outbox.add({ op_id: 'o1', op: post('a') });
    await outbox.add({ op_id: 'o2', op: post('b') });
    outbox.applied('o1');
    expect(outbox.pending().map((e) => e.op_id)).toEqual(['o2']);
    // The delete is fire-and-forget; a later write on the same store commits after it.
    await storage.put({ op_id: 'o3', op: post('c') });

    const reloaded = new IndexedDbOutboxStorage('b1', idb);
    await reloaded.load();
    expect(reloaded.all().map((e) => e.op_id)).toEqual(['o2', 'o3']);
  });

  it('keeps each board to itself', async () => {
    const idb = freshDatabase();
    const one = new IndexedDbOutboxStorage('b1', idb);
    const two = new IndexedDbOutboxStorage('b2', idb);
    await Promise.all([one.load(), two.load()]);
    await one.put({ op_id: 'o1', op: post('for board one') });
    await two.put({ op_id: 'o2', op: post('for board two') });

    const again = new IndexedDbOutboxStorage('b2', idb);
    await again.load();
    expect(again.all().map((e) => e.op_id)).toEqual(['o2']);
  });

  it('orders ops added after a reload behind the ones it restored', async () => {
    const idb = freshDatabase();
    const first = new IndexedDbOutboxStorage('b1', idb);
    await first.load();
    await first.put({ op_id: 'o1', op: post('a') });
    await first.put({ op_id: 'o2', op: post('b') });
    first.delete('o1');

    const second = new IndexedDbOutboxStorage('b1', idb);
    await second.load();
    await second.put({ op_id: 'o3', op: post('c') });

    const third = new IndexedDbOutboxStorage('b1', idb);
    await third.load();
    expect(third.all().map((e) => e.op_id)).toEqual(['o2', 'o3']);
  });

  it('keeps the ops of two tabs on the same board apart', async () => {
    const idb = freshDatabase();
    const tabA = new IndexedDbOutboxStorage('b1', idb);
    const tabB = new IndexedDbOutboxStorage('b1', idb);
    await Promise.all([tabA.load(), tabB.load()]);
    await tabA.put({ op_id: 'a1', op: post('from tab A') });
    await tabB.put({ op_id: 'b1', op: post('from tab B') });

    const reloaded = new IndexedDbOutboxStorage('b1', idb);
    await reloaded.load();
    expect(reloaded.all().map((e) => e.op_id).sort()).toEqual(['a1', 'b1']);
  });

  it('holds an op back from sending until IndexedDB has it', async () => {
    const storage = new IndexedDbOutboxStorage('b1', freshDatabase());
    await storage.load();
    const outbox = new Outbox(storage);
    const stored = outbox.add({ op_id: 'o1', op: post('a') });
    expect(stored).not.toBeNull();
    expect(outbox.pending().map((e) => e.op_id)).toEqual(['o1']);
    expect(outbox.sendable()).toEqual([]);
    await stored;
    expect(outbox.sendable().map((e) => e.op_id)).toEqual(['o1']);
  });
});
