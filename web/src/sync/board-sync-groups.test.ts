import { describe, expect, it } from 'vitest';
import type { ClientMsg, SectionId } from '../protocol/generated';
import { BoardSync, RETRY_MS } from './board-sync';
import { FakeNetwork, FakeSockets, FakeTimers } from './connection-fakes';
import { PretendServer, pretendMe } from './pretend-server';

function setup(group?: SectionId | null) {
  const sockets = new FakeSockets();
  const timers = new FakeTimers();
  let changes = 0;
  const sync = new BoardSync({
    board: 'b1',
    token: 'p_secret',
    url: 'ws://talkoot.test/ws',
    group,
    events: { changed: () => changes++, rejected: () => {} },
    connection: { openSocket: sockets.open, timers, network: new FakeNetwork(), random: () => 1 },
  });
  return { sync, sockets, timers, changes: () => changes };
}

const hello = (sent: ClientMsg[]) => sent.find((m) => m.type === 'hello');
const setGroups = (sent: ClientMsg[]) => sent.filter((m) => m.type === 'set_group');

describe('BoardSync groups', () => {
  it('says the participant’s group in hello, and no group at all when there is none', () => {
    const inGroup = setup('s3');
    inGroup.sync.start();
    inGroup.sockets.last.open();
    expect(hello(inGroup.sockets.last.sent)).toEqual({ type: 'hello', board: 'b1', token: 'p_secret', last_seq: null, group: 's3' });

    const none = setup(null);
    none.sync.start();
    none.sockets.last.open();
    expect(hello(none.sockets.last.sent)).toEqual({ type: 'hello', board: 'b1', token: 'p_secret', last_seq: null });
  });

  it('keeps the counts per group from the welcome, and replaces them with each presence', () => {
    const { sync, sockets, changes } = setup('s1');
    expect(sync.groups).toEqual({});
    sync.start();
    sockets.last.open();
    sockets.last.receive({
      type: 'welcome',
      you: pretendMe,
      join_code: '12345678',
      seq: 0,
      snapshot: null,
      online: 4,
      groups: { s1: 2, s2: 1 },
      server_time: 0,
    });
    expect(sync.groups).toEqual({ s1: 2, s2: 1 });
    const before = changes();
    sockets.last.receive({ type: 'presence', online: 4, groups: { s2: 2 } });
    // The group nobody sits in any more is gone, not left at its old count.
    expect(sync.groups).toEqual({ s2: 2 });
    expect(sync.online).toBe(4);
    expect(changes()).toBeGreaterThan(before);
  });

  it('sends set_group when live, and says the new group in the hello of every reconnect', () => {
    const { sync, sockets, timers } = setup('s1');
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    sync.setGroup('s2');
    expect(setGroups(sockets.last.sent)).toEqual([{ type: 'set_group', group: 's2' }]);
    expect(sync.group).toBe('s2');

    sockets.last.drop();
    timers.advance(500);
    server.welcome(sockets.last, false);
    expect(hello(sockets.last.sent)).toMatchObject({ type: 'hello', group: 's2' });

    sync.setGroup(null);
    expect(setGroups(sockets.last.sent)).toEqual([{ type: 'set_group', group: null }]);
    sockets.last.drop();
    timers.advance(500);
    server.welcome(sockets.last, false);
    expect(hello(sockets.last.sent)).not.toHaveProperty('group');
  });

  it('changed offline, the group goes in the next hello and is not sent before it', () => {
    const { sync, sockets, timers } = setup('s1');
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    sockets.last.drop();
    sync.setGroup('s3');
    timers.advance(500);
    server.welcome(sockets.last, false);
    expect(hello(sockets.last.sent)).toMatchObject({ group: 's3' });
    expect(setGroups(sockets.last.sent)).toEqual([]);
  });

  it('says its group again a little later when the server refused a set_group as too many', () => {
    const { sync, sockets, timers } = setup('s1');
    const server = new PretendServer();
    sync.start();
    server.welcome(sockets.last, true);
    sync.setGroup('s2');
    sync.setGroup('s3');
    sockets.last.receive({ type: 'error', code: 'rate_limited', message: 'too many messages' });
    sockets.last.receive({ type: 'error', code: 'rate_limited', message: 'too many messages' });
    expect(setGroups(sockets.last.sent)).toHaveLength(2);
    timers.advance(RETRY_MS);
    // Once, with the newest group, however many refusals came.
    expect(setGroups(sockets.last.sent)).toEqual([
      { type: 'set_group', group: 's2' },
      { type: 'set_group', group: 's3' },
      { type: 'set_group', group: 's3' },
    ]);
    expect(sync.status).toBe('live');
  });
});
