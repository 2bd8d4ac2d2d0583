import { describe, expect, it } from 'vitest';
import type { ServerMsg } from '../protocol/generated';
import {
  CLOSE_REVOKED,
  Connection,
  type ConnectionStatus,
  MAX_RETRY_MS,
  WELCOME_TIMEOUT_MS,
  retryDelay,
  webSocketUrl,
} from './connection';
import { FakeNetwork, FakeSockets, FakeTimers } from './connection-fakes';

const welcome: ServerMsg = {
  type: 'welcome',
  you: { participant: 'p1', role: 'participant', name: null },
  join_code: '12345678',
  seq: 0,
  snapshot: null,
  online: 1,
  groups: {},
  server_time: 0,
};

function setup(lastSeq: () => number | null = () => null, random = () => 1) {
  const sockets = new FakeSockets();
  const timers = new FakeTimers();
  const network = new FakeNetwork();
  const statuses: ConnectionStatus[] = [];
  const messages: ServerMsg[] = [];
  const connection = new Connection({
    url: 'ws://talkoot.test/ws',
    board: 'b1',
    token: 'p_secret',
    lastSeq,
    onMessage: (m) => messages.push(m),
    onStatus: (s) => statuses.push(s),
    openSocket: sockets.open,
    network,
    timers,
    random,
  });
  return { connection, sockets, timers, network, statuses, messages };
}

describe('Connection', () => {
  it('builds the /ws address from the page address', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'talkoot.example.fi' })).toBe('wss://talkoot.example.fi/ws');
  });

  it('says hello with its board, token and newest seq, and is live once welcomed', () => {
    let seq: number | null = null;
    const { connection, sockets, statuses, messages } = setup(() => seq);
    connection.start();
    sockets.last.open();
    expect(sockets.last.sent).toEqual([{ type: 'hello', board: 'b1', token: 'p_secret', last_seq: null }]);
    expect(connection.live).toBe(false);
    expect(connection.send({ type: 'op', op_id: 'o1', op: { type: 'delete_note', id: 'n1' } })).toBe(false);
    sockets.last.receive(welcome);
    expect(connection.live).toBe(true);
    expect(statuses.at(-1)).toBe('live');
    expect(messages).toEqual([welcome]);

    // After a drop the next hello resumes from the seq absorbed meanwhile.
    seq = 41;
    sockets.last.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
  });

  it('reconnects after a drop with a doubling, capped delay, and resumes with last_seq', () => {
    const { connection, sockets, timers } = setup(() => 41);
    connection.start();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      sockets.last.drop();
      delays.push(timers.pendingDelays()[0]!);
      timers.advance(delays.at(-1)!);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(sockets.all).toHaveLength(8);
    sockets.last.open();
    expect(sockets.last.sent[0]).toMatchObject({ type: 'hello', last_seq: 41 });
    sockets.last.receive(welcome);
    // A welcome resets the backoff.
    sockets.last.drop();
    expect(timers.pendingDelays()[0]).toBe(500);
  });

  it('jitters each delay to between half and all of its ceiling', () => {
    expect(retryDelay(0, () => 0)).toBe(250);
    expect(retryDelay(0, () => 1)).toBe(500);
    expect(retryDelay(3, () => 0.5)).toBe(3000);
    expect(retryDelay(30, () => 0)).toBe(MAX_RETRY_MS / 2);
  });

  it('waits while the device is offline and tries at once when it is back', () => {
    const { connection, sockets, timers, network, statuses } = setup();
    connection.start();
    sockets.last.open();
    sockets.last.receive(welcome);
    network.set(false);
    // Going offline drops the socket at once rather than waiting for TCP to notice.
    expect(statuses.at(-1)).toBe('offline');
    expect(sockets.last.closedByClient).toBe(true);
    expect(connection.live).toBe(false);
    timers.advance(60_000);
    expect(sockets.all).toHaveLength(1);
    network.set(true);
    expect(sockets.all).toHaveLength(2);
    expect(statuses.at(-1)).toBe('reconnecting');
  });

  it('gives up an attempt the server never welcomes', () => {
    const { connection, sockets, timers } = setup();
    connection.start();
    sockets.last.open();
    timers.advance(WELCOME_TIMEOUT_MS);
    expect(sockets.all[0]!.closedByClient).toBe(true);
    timers.advance(MAX_RETRY_MS);
    expect(sockets.all).toHaveLength(2);
  });

  it('stops for good on bad_token, unknown_board or token_revoked', () => {
    for (const code of ['bad_token', 'unknown_board', 'token_revoked'] as const) {
      const { connection, sockets, timers, statuses } = setup();
      connection.start();
      sockets.last.open();
      sockets.last.receive({ type: 'error', code, message: 'no' });
      expect(statuses.at(-1)).toBe('failed');
      expect(connection.status).toBe('failed');
      timers.advance(60_000);
      expect(sockets.all).toHaveLength(1);
    }
  });

  it('stops for good when the server refuses the board over HTTP', () => {
    const { connection, sockets, timers, statuses } = setup();
    connection.start();
    sockets.last.open();
    sockets.last.receive(welcome);
    connection.refused('unknown_board');
    expect(statuses.at(-1)).toBe('failed');
    expect(sockets.all[0]!.closedByClient).toBe(true);
    timers.advance(60_000);
    expect(sockets.all).toHaveLength(1);
  });

  it('a page whose first try fails says reconnecting when a kept board is on screen, else connecting', () => {
    for (const [kept, expected] of [
      [7, 'reconnecting'],
      [null, 'connecting'],
    ] as const) {
      const { connection, sockets, timers } = setup(() => kept);
      connection.start();
      expect(connection.status).toBe('connecting');
      sockets.last.drop();
      expect(connection.status).toBe(expected);
      timers.advance(MAX_RETRY_MS);
      expect(sockets.all).toHaveLength(2);
      expect(connection.status).toBe(expected);
    }
  });

  it('retries later when the server says the board is unavailable', () => {
    const { connection, sockets, timers, messages } = setup();
    connection.start();
    sockets.last.open();
    sockets.last.receive({ type: 'error', code: 'unavailable', message: 'database' });
    expect(messages).toEqual([]);
    timers.advance(500);
    expect(sockets.all).toHaveLength(2);
  });

  it('does nothing more once stopped', () => {
    const { connection, sockets, timers } = setup();
    connection.start();
    sockets.last.open();
    sockets.last.receive(welcome);
    connection.stop();
    expect(sockets.last.closedByClient).toBe(true);
    timers.advance(60_000);
    expect(sockets.all).toHaveLength(1);
  });

  it('stops for good when the server closes with the revoked-key code, even with no error first', () => {
    const { connection, sockets, timers, statuses } = setup();
    connection.start();
    sockets.last.open();
    sockets.last.receive(welcome);
    sockets.last.closeWith(CLOSE_REVOKED);
    expect(statuses.at(-1)).toBe('failed');
    timers.advance(60_000);
    expect(sockets.all).toHaveLength(1);
  });

  it('reconnects after any other close code', () => {
    const { connection, sockets, timers, statuses } = setup();
    connection.start();
    sockets.last.open();
    sockets.last.receive(welcome);
    sockets.last.closeWith(4001);
    expect(statuses.at(-1)).toBe('reconnecting');
    timers.advance(MAX_RETRY_MS);
    expect(sockets.all).toHaveLength(2);
  });
});
