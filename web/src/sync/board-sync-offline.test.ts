// BoardSync with the board kept on the device: a reload shows it at once, offline too, with the
// unsent ops on top; reconnecting resumes from its seq; a board the server refuses for good is
// forgotten, and what was not sent is reported. Storage is fake-indexeddb: a "reload" is a new
// BoardSync over the same IDBFactory.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { ErrorCode, Op } from '../protocol/generated';
import { CLOSE_BOARD_DELETED } from '../protocol/generated';
import { BoardCache, type BoardCacheStorage, MemoryBoardCacheStorage, WRITE_DELAY_MS } from './board-cache';
import { BoardSync, type FetchedSnapshot, SNAPSHOT_FETCH_INTERVAL_MS } from './board-sync';
import { FakeNetwork, FakeSockets, FakeTimers } from './connection-fakes';
import { IndexedDbBoardCacheStorage } from './indexeddb-board-cache';
import { IndexedDbOutboxStorage } from './indexeddb-outbox';
import { Outbox, type PendingOp } from './outbox';
import { PretendServer, pretendBoard, pretendMe } from './pretend-server';

const post = (id: string, text: string): Op => ({ type: 'post_note', id, section: 's1', text, colour: 'yellow' });

/** One page's life on a device whose IndexedDB is `idb`. */
async function openPage(
  idb: IDBFactory,
  options: {
    online?: boolean;
    cacheStorage?: BoardCacheStorage;
    fetchSnapshot?: () => Promise<FetchedSnapshot>;
  } = {},
) {
  const sockets = new FakeSockets();
  const timers = new FakeTimers();
  const network = new FakeNetwork();
  network.set(options.online ?? true);
  const outboxStorage = new IndexedDbOutboxStorage('b1', idb);
  await outboxStorage.load();
  const cache = new BoardCache('b1', options.cacheStorage ?? new IndexedDbBoardCacheStorage(idb), {
    timers,
    now: () => 1_000_000 + timers.now,
  });
  const forgotten: { failure: ErrorCode; lost: PendingOp[] }[] = [];
  let n = 0;
  const sync = new BoardSync({
    board: 'b1',
    token: 'p_secret',
    url: 'ws://talkoot.test/ws',
    makeId: () => `op${Date.now()}-${++n}`,
    outbox: new Outbox(outboxStorage),
    cache,
    fetchSnapshot: options.fetchSnapshot,
    now: () => 1_000_000 + timers.now,
    events: { changed: () => {}, rejected: () => {}, forgotten: (failure, lost) => forgotten.push({ failure, lost }) },
    connection: { openSocket: sockets.open, timers, network, random: () => 1 },
  });
  const view = await cache.load((you) => you.participant === pretendMe.participant);
  if (view) sync.restore(view);
  sync.start();
  /** Lets the cache write what arrived (as it does a moment later in the browser). */
  const keep = async () => {
    timers.advance(WRITE_DELAY_MS);
    await cache.flush();
  };
  return { sync, sockets, timers, network, cache, forgotten, keep };
}

const texts = (sync: BoardSync) => sync.state.notesIn('s1').map((n) => n.text);
const pendingTexts = (sync: BoardSync) => sync.outbox.pending().map((e) => (e.op.type === 'post_note' ? e.op.text : e.op.type));

/** A first visit: the phone sees the board, a note by someone else and one of its own, then loses its network. */
async function firstVisit(idb: IDBFactory, server: PretendServer) {
  const page = await openPage(idb);
  server.welcome(page.sockets.last, true);
  server.postByOther('n1', 'Iltapäivystys', [page.sockets.last]);
  const { result } = page.sync.submit(post('n2', 'Nuorisotyöntekijä kirjastoon'));
  await vi.waitFor(() => expect(page.sockets.last.ops()).toHaveLength(1));
  server.answer(page.sockets.last);
  expect(await result).toEqual({ ok: true, seq: 7 });
  await page.keep();
  page.network.set(false);
  return page;
}

describe('BoardSync with the board kept on the device', () => {
  it('a reload with no network shows the kept board at once, unsent notes on top; back online it resumes from the kept seq', async () => {
    const idb = new IDBFactory();
    const server = new PretendServer();
    const first = await firstVisit(idb, server);
    first.sync.submit(post('n3', 'Vertaisryhmät perjantaisin')); // offline: kept, not sent
    await vi.waitFor(() => expect(first.sync.outbox.sendable()).toHaveLength(1)); // IndexedDB has it
    server.postByOther('n4', 'Yöbussi'); // the phone does not hear of it
    first.sync.stop(); // the page is reloaded

    const page = await openPage(idb, { online: false });
    expect(page.sockets.all).toEqual([]); // no network: no attempt
    expect(page.sync.status).toBe('offline');
    expect(page.sync.state.meta?.title).toBe('Nuorten palvelut');
    expect(texts(page.sync)).toEqual(['Iltapäivystys', 'Nuorisotyöntekijä kirjastoon']);
    expect(pendingTexts(page.sync)).toEqual(['Vertaisryhmät perjantaisin']);
    expect(page.sync.me).toEqual(pretendMe);
    expect(page.sync.joinCode).toBe('12345678');
    expect(page.sync.updatedAt).toBe(1_000_000); // when the phone last heard from the server

    page.network.set(true);
    const socket = page.sockets.last;
    server.welcome(socket, false); // the server resumes: no snapshot, the missed applied follows
    expect(socket.sent[0]).toEqual({ type: 'hello', board: 'b1', token: 'p_secret', last_seq: 7 });
    expect(page.sync.status).toBe('live');
    expect(texts(page.sync)).toEqual(['Iltapäivystys', 'Nuorisotyöntekijä kirjastoon', 'Yöbussi']);
    // The unsent note goes out behind the missed ones and is applied after them.
    expect(socket.ops().map((m) => m.op)).toEqual([post('n3', 'Vertaisryhmät perjantaisin')]);
    server.answer(socket);
    expect(texts(page.sync)).toEqual(['Iltapäivystys', 'Nuorisotyöntekijä kirjastoon', 'Yöbussi', 'Vertaisryhmät perjantaisin']);
    expect(page.sync.outbox.pending()).toEqual([]);

    // What the device keeps now is the first snapshot and every applied after it, seq 6 to 9.
    await page.keep();
    const kept = await new IndexedDbBoardCacheStorage(idb).load('b1');
    expect(kept?.snapshot_seq).toBe(5);
    expect(kept?.changes.map((c) => c.seq)).toEqual([6, 7, 8, 9]);
  });

  it('a reload with the server down shows the kept board, marked reconnecting once the first try fails', async () => {
    const idb = new IDBFactory();
    const server = new PretendServer();
    (await firstVisit(idb, server)).sync.stop();

    const page = await openPage(idb);
    expect(page.sync.status).toBe('connecting');
    expect(texts(page.sync)).toEqual(['Iltapäivystys', 'Nuorisotyöntekijä kirjastoon']);
    page.sockets.last.drop(); // refused: the server is down
    expect(page.sync.status).toBe('reconnecting');
  });

  it('a kept board the server cannot resume from is replaced by the snapshot it sends', async () => {
    const idb = new IDBFactory();
    const server = new PretendServer();
    (await firstVisit(idb, server)).sync.stop();
    server.postByOther('n5', 'Chat-palvelu');

    const page = await openPage(idb);
    expect(page.sync.state.seq).toBe(7);
    server.welcome(page.sockets.last, true); // too far behind for the server's memory, say
    expect(page.sockets.last.sent[0]).toMatchObject({ type: 'hello', last_seq: 7 });
    expect(texts(page.sync)).toEqual(['Iltapäivystys', 'Nuorisotyöntekijä kirjastoon', 'Chat-palvelu']);
    await page.keep();
    const kept = await new IndexedDbBoardCacheStorage(idb).load('b1');
    expect(kept?.snapshot_seq).toBe(8);
    expect(kept?.changes).toEqual([]);
  });

  it.each(['bad_token', 'unknown_board', 'board_deleted'] as const)(
    'when hello is answered %s, the kept board and the unsent notes are removed from the device, and the lost ones reported',
    async (code) => {
      const idb = new IDBFactory();
      const server = new PretendServer();
      const first = await firstVisit(idb, server);
      first.sync.submit(post('n3', 'Kirjoitettu ennen kuin pääsy peruttiin'));
      await vi.waitFor(() => expect(first.sync.outbox.sendable()).toHaveLength(1));
      first.sync.stop();

      const page = await openPage(idb);
      expect(texts(page.sync)).toHaveLength(2);
      page.sockets.last.open();
      page.sockets.last.receive({ type: 'error', code, message: 'no' });
      expect(page.sync.status).toBe('failed');
      expect(page.sync.failure).toBe(code);
      const lost = [{ op_id: expect.any(String), op: post('n3', 'Kirjoitettu ennen kuin pääsy peruttiin') }];
      expect(page.sync.lost).toEqual(lost);
      expect(page.forgotten).toEqual([{ failure: code, lost }]);
      expect(page.sync.outbox.pending()).toEqual([]);

      // Nothing of the board is left for the next page to find.
      await page.cache.flush();
      expect(await new IndexedDbBoardCacheStorage(idb).load('b1')).toBeNull();
      await vi.waitFor(async () => {
        const outbox = new IndexedDbOutboxStorage('b1', idb);
        await outbox.load();
        expect(outbox.all()).toEqual([]);
      });
      const next = await openPage(idb);
      expect(next.sync.state.loaded).toBe(false);
      expect(next.sockets.last.sent).toEqual([]);
      next.sockets.last.open();
      expect(next.sockets.last.sent[0]).toMatchObject({ type: 'hello', last_seq: null });
    },
  );

  it('when the server closes a live board with the board-deleted code, the board is removed from the device', async () => {
    const idb = new IDBFactory();
    const server = new PretendServer();
    const page = await openPage(idb);
    server.welcome(page.sockets.last, true);
    await page.keep();
    expect(await new IndexedDbBoardCacheStorage(idb).load('b1')).not.toBeNull();
    page.sync.submit(post('n9', 'Lähetetään juuri kun taulu poistetaan'));
    page.sockets.last.closeWith(CLOSE_BOARD_DELETED);
    expect(page.sync.status).toBe('failed');
    expect(page.sync.failure).toBe('board_deleted');
    expect(page.forgotten.map((f) => f.failure)).toEqual(['board_deleted']);
    expect(page.sync.lost.map((e) => e.op)).toEqual([post('n9', 'Lähetetään juuri kun taulu poistetaan')]);
    await page.cache.flush();
    expect(await new IndexedDbBoardCacheStorage(idb).load('b1')).toBeNull();
    page.timers.advance(60_000);
    expect(page.sockets.all).toHaveLength(1); // never tries again
  });

  it.each(['bad_token', 'unknown_board'] as const)(
    'when GET /api/boards/{id} is answered %s, the board is removed from the device as well',
    async (code) => {
      const idb = new IDBFactory();
      const server = new PretendServer();
      const failing = new FailingStorage(new IndexedDbBoardCacheStorage(idb));
      const fetchSnapshot = vi.fn(async (): Promise<FetchedSnapshot> => ({ ok: false, refused: code }));
      const page = await openPage(idb, { cacheStorage: failing, fetchSnapshot });
      server.welcome(page.sockets.last, true);
      await page.keep();
      failing.failing = true; // the device cannot keep the next change: the cache asks for a fresh snapshot
      server.postByOther('n1', 'eka', [page.sockets.last]);
      await page.keep();
      expect(fetchSnapshot).not.toHaveBeenCalled(); // it asks after the next change
      server.postByOther('n2', 'toka', [page.sockets.last]);
      expect(fetchSnapshot).toHaveBeenCalledTimes(1);
      await vi.waitFor(() => expect(page.sync.status).toBe('failed'));
      expect(page.sync.failure).toBe(code);
      expect(page.forgotten.map((f) => f.failure)).toEqual([code]);
      await page.cache.flush();
      expect(await new IndexedDbBoardCacheStorage(idb).load('b1')).toBeNull();
    },
  );

  it('gives the cache a fresh snapshot over HTTP when it asks, at most once a minute', async () => {
    const storage = new FailingStorage(new MemoryBoardCacheStorage());
    const server = new PretendServer();
    let answer = (): FetchedSnapshot => ({ ok: false, refused: null });
    const fetchSnapshot = vi.fn(async () => answer());
    const page = await openPage(new IDBFactory(), { cacheStorage: storage, fetchSnapshot });
    server.welcome(page.sockets.last, true);
    await page.keep();
    storage.failing = true;
    server.postByOther('n1', 'eka', [page.sockets.last]);
    await page.keep();
    server.postByOther('n2', 'toka', [page.sockets.last]);
    expect(fetchSnapshot).toHaveBeenCalledTimes(1); // the server could not answer
    await new Promise((settled) => setTimeout(settled, 0)); // its answer has been handled
    expect(page.sync.status).toBe('live');
    server.postByOther('n3', 'kolmas', [page.sockets.last]);
    expect(fetchSnapshot).toHaveBeenCalledTimes(1); // not again within the minute

    storage.failing = false;
    answer = () => ({ ok: true, snapshot: { seq: server.seq, role: 'participant', join_code: '12345678', board: server.board() } });
    page.timers.advance(SNAPSHOT_FETCH_INTERVAL_MS);
    server.postByOther('n4', 'neljäs', [page.sockets.last]);
    expect(fetchSnapshot).toHaveBeenCalledTimes(2);
    await vi.waitFor(async () => {
      await page.keep();
      const kept = await storage.load('b1');
      expect(kept?.snapshot_seq).toBe(9);
    });
    server.postByOther('n5', 'viides', [page.sockets.last]);
    await page.keep();
    const kept = await storage.load('b1');
    expect(kept?.snapshot.notes).toHaveProperty('n4');
    expect(kept?.changes.map((c) => c.seq)).toEqual([10]);
    expect(pretendBoard.notes).toEqual({}); // (the fixture itself is untouched)
  });
});

/** A cache storage whose writes fail while `failing` is set (a full disk, say). */
class FailingStorage implements BoardCacheStorage {
  failing = false;
  constructor(readonly inner: BoardCacheStorage) {}
  load: BoardCacheStorage['load'] = (b) => this.inner.load(b);
  remove: BoardCacheStorage['remove'] = (b) => this.inner.remove(b);
  write: BoardCacheStorage['write'] = async (b, w) => {
    if (this.failing) throw new Error('QuotaExceededError');
    return this.inner.write(b, w);
  };
}
