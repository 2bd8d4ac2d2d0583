import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { Op, ServerMsg } from '../protocol/generated';
import { BoardSync, type OpResult, RETRY_MS } from './board-sync';
import { FakeNetwork, FakeSockets, FakeTimers } from './connection-fakes';
import { IndexedDbOutboxStorage } from './indexeddb-outbox';
import { Outbox, type PendingOp } from './outbox';
import { PretendServer, pretendBoard } from './pretend-server';

function setup(outbox?: Outbox) {
  const sockets = new FakeSockets();
  const timers = new FakeTimers();
  const network = new FakeNetwork();
  const rejections: { entry: PendingOp; code: string }[] = [];
  let changes = 0;
  let n = 0;
  const sync = new BoardSync({
    board: 'b1',
    token: 'p_secret',
    url: 'ws://talkoot.test/ws',
    makeId: () => `id${++n}`,
    outbox,
    events: {
      changed: () => changes++,
      rejected: (entry, reason) => rejections.push({ entry, code: reason.code }),
    },
    connection: { openSocket: sockets.open, timers, network, random: () => 1 },
  });
  return { sync, sockets, timers, network, rejections, changes: () => changes };
}

const post = (id: string, text: string): Op => ({ type: 'post_note', id, section: 's1', text, colour: 'yellow' });

describe('BoardSync', () => {
  it('loads the board from the welcome snapshot and knows who it is', () => {
    const { sync, sockets, changes } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true, 12);
    expect(sync.status).toBe('live');
    expect(sync.state.meta?.title).toBe('Nuorten palvelut');
    expect(sync.state.seq).toBe(5);
    expect(sync.me).toEqual({ participant: 'me', role: 'participant', name: 'Anna' });
    expect(sync.joinCode).toBe('12345678');
    expect(sync.online).toBe(12);
    sockets.last.receive({ type: 'presence', online: 13, groups: {} });
    expect(sync.online).toBe(13);
    expect(changes()).toBeGreaterThan(0);
  });

  it('a participant on a flaky phone posts three notes; the board shows all three exactly once', async () => {
    const { sync, sockets, timers } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);

    const first = sync.submit(post('n1', 'Matalan kynnyksen palvelut'));
    server.answer(sockets.last); // n1 is applied and acknowledged
    const second = sync.submit(post('n2', 'Jalkautuva työ'));
    server.answer(sockets.last, 1, false); // n2 is applied, but the ack is lost with the connection…
    const lostAck = sockets.last.sent.length;
    sockets.last.drop();
    const third = sync.submit(post('n3', 'Chat-palvelu')); // …and n3 is written while offline
    expect(sockets.all[0]!.sent).toHaveLength(lostAck);
    expect(sync.outbox.pending().map((e) => e.op_id)).toEqual(['id2', 'id3']);

    timers.advance(500);
    server.welcome(sockets.last, false);
    // Both pending ops are resent in order with their original op_ids.
    expect(sockets.last.ops().map((m) => m.op_id)).toEqual(['id2', 'id3']);
    server.answer(sockets.last);

    expect(await first.result).toEqual({ ok: true, seq: 6 });
    expect(await second.result).toEqual({ ok: true, seq: 7 });
    expect(await third.result).toEqual({ ok: true, seq: 8 });
    expect(sync.state.notesIn('s1').map((n) => n.text)).toEqual([
      'Matalan kynnyksen palvelut',
      'Jalkautuva työ',
      'Chat-palvelu',
    ]);
    expect(sync.state.seq).toBe(8);
    expect(sync.outbox.pending()).toEqual([]);
  });

  it('sends an op only once IndexedDB has it, and after a reload resends it with the same op_id', async () => {
    const idb = new IDBFactory();
    const storage = new IndexedDbOutboxStorage('b1', idb);
    await storage.load();
    const before = setup(new Outbox(storage));
    const server = new PretendServer();
    before.sync.start();
    server.welcome(before.sockets.last, true);
    const { opId } = before.sync.submit(post('n1', 'Kirjoitettu ennen uudelleenlatausta'));
    expect(before.sockets.last.ops()).toEqual([]); // not on the wire before it is on the device
    await vi.waitFor(() => expect(before.sockets.last.ops().map((m) => m.op_id)).toEqual([opId]));
    before.sync.stop(); // the tab reloads before the ack arrives

    const kept = new IndexedDbOutboxStorage('b1', idb);
    await kept.load();
    const after = setup(new Outbox(kept));
    after.sync.start();
    server.welcome(after.sockets.last, true);
    expect(after.sockets.last.ops().map((m) => m.op_id)).toEqual([opId]);
    server.answer(after.sockets.last);
    expect(after.sync.state.notesIn('s1').map((n) => n.text)).toEqual(['Kirjoitettu ennen uudelleenlatausta']);
    expect(after.sync.outbox.pending()).toEqual([]);
  });

  it('sends half an emoji as the replacement character the server would store, so the op can settle', async () => {
    const { sync, sockets } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    const { result } = sync.submit(post('n1', 'Hyvä 👍'.slice(0, -1)));
    const [sent] = sockets.last.ops();
    expect(sent?.op).toMatchObject({ type: 'post_note', text: 'Hyvä \uFFFD' });
    expect(sync.outbox.pending().map((e) => e.op)).toEqual([sent?.op]);
    server.answer(sockets.last);
    expect(await result).toEqual({ ok: true, seq: 6 });
    expect(sync.outbox.pending()).toEqual([]);
  });

  it('reports a rejection, settles the op and forgets it', async () => {
    const { sync, sockets, rejections } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    const { opId, result } = sync.submit(post('n1', 'x'.repeat(1001)));
    sockets.last.receive({ type: 'rejected', op_id: opId, reason: { code: 'too_long', field: 'note_text', max: 1000 } });
    const outcome: OpResult = await result;
    expect(outcome).toEqual({ ok: false, reason: { code: 'too_long', field: 'note_text', max: 1000 } });
    expect(rejections).toEqual([{ entry: { op_id: opId, op: post('n1', 'x'.repeat(1001)) }, code: 'too_long' }]);
    expect(sync.outbox.pending()).toEqual([]);
  });

  it('keeps an op the server could not store and sends it again a little later', () => {
    const { sync, sockets, timers, rejections } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    const { opId } = sync.submit(post('n1', 'hei'));
    sockets.last.receive({ type: 'rejected', op_id: opId, reason: { code: 'storage_unavailable' } });
    expect(rejections.map((r) => r.code)).toEqual(['storage_unavailable']);
    expect(sync.outbox.pending().map((e) => e.op_id)).toEqual([opId]);
    timers.advance(RETRY_MS);
    expect(sockets.last.ops().map((m) => m.op_id)).toEqual([opId, opId]);
  });

  it('ignores applieds it already absorbed after a resume', () => {
    const { sync, sockets, timers } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    sync.submit(post('n1', 'yksi'));
    server.answer(sockets.last);
    sockets.last.drop();
    timers.advance(500);
    server.welcome(sockets.last, false);
    expect(sockets.last.sent[0]).toMatchObject({ type: 'hello', last_seq: 6 });
    const replay: ServerMsg = {
      type: 'applied',
      seq: 6,
      op_id: 'id1',
      actor: 'me',
      changes: [{ type: 'note_removed', id: 'n1' }],
    };
    sockets.last.receive(replay);
    expect(sync.state.notesIn('s1').map((n) => n.text)).toEqual(['yksi']);
  });

  it('tells of others’ ops before absorbing them, and never of our own', () => {
    const sockets = new FakeSockets();
    const heard: { changes: number; before: string[] }[] = [];
    let n = 0;
    const sync = new BoardSync({
      board: 'b1',
      token: 'p_secret',
      url: 'ws://talkoot.test/ws',
      makeId: () => `id${++n}`,
      events: {
        changed: () => {},
        rejected: () => {},
        othersApplied: (changes, before) =>
          heard.push({ changes: changes.length, before: before.notesIn('s1').map((x) => x.text) }),
      },
      connection: { openSocket: sockets.open, timers: new FakeTimers(), network: new FakeNetwork(), random: () => 1 },
    });
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    sync.submit(post('n1', 'oma'));
    server.answer(sockets.last);
    expect(heard).toEqual([]);
    sockets.last.receive({
      type: 'applied',
      seq: 7,
      op_id: 'theirs',
      actor: 'other',
      changes: [{ type: 'note_removed', id: 'n1' }],
    });
    // Told with the board as it was: the note is still there.
    expect(heard).toEqual([{ changes: 1, before: ['oma'] }]);
    expect(sync.state.notesIn('s1')).toEqual([]);
    // Our own identity from another device is ours too; a duplicate is not news.
    sockets.last.receive({ type: 'applied', seq: 8, op_id: 'elsewhere', actor: 'me', changes: [] });
    sockets.last.receive({ type: 'applied', seq: 7, op_id: 'theirs', actor: 'other', changes: [] });
    expect(heard).toHaveLength(1);
  });

  it('resumes when it notices a missing seq', () => {
    const { sync, sockets } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    sockets.last.receive({ type: 'applied', seq: 9, op_id: 'x', actor: 'other', changes: [] });
    expect(sockets.all).toHaveLength(2);
    expect(sync.state.seq).toBe(5);
  });

  it('stops and says why when the token is not accepted', () => {
    const { sync, sockets } = setup();
    sync.start();
    sockets.last.open();
    sockets.last.receive({ type: 'error', code: 'bad_token', message: 'unknown token' });
    expect(sync.status).toBe('failed');
    expect(sync.failure).toBe('bad_token');
  });

  it('knows when a facilitator\'s board will be deleted, and moves it on with every op applied', () => {
    let now = 1_000;
    const sockets = new FakeSockets();
    const sync = new BoardSync({
      board: 'b1',
      token: 'f_key',
      url: 'ws://talkoot.test/ws',
      now: () => now,
      events: { changed: () => {}, rejected: () => {} },
      connection: { openSocket: sockets.open, timers: new FakeTimers(), network: new FakeNetwork(), random: () => 1 },
    });
    sync.start();
    sockets.last.open();
    const day = 86_400_000;
    sockets.last.receive({
      type: 'welcome',
      you: { participant: 'f', role: 'facilitator', name: null },
      join_code: '12345678',
      seq: 5,
      snapshot: pretendBoard,
      online: 1,
      groups: {},
      server_time: 5_000, // the server's clock is 4 s ahead of this device's
      retention: { deletes_at: 5_000 + 10 * day, inactive_days: 30 },
    });
    expect(sync.retention).toEqual({ deletes_at: 5_000 + 10 * day, inactive_days: 30 });
    now = 2_000;
    sockets.last.receive({ type: 'applied', seq: 6, op_id: 'o1', actor: 'p', changes: [] });
    // 30 days from now on the server's clock.
    expect(sync.retention).toEqual({ deletes_at: 6_000 + 30 * day, inactive_days: 30 });
  });

  it('has no deletion date for a welcome without one (others than facilitators, retention off)', () => {
    const { sync, sockets } = setup();
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    sockets.last.receive({ type: 'applied', seq: 6, op_id: 'o1', actor: 'p', changes: [] });
    expect(sync.retention).toBeNull();
  });
});
