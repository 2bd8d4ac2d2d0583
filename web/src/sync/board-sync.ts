/**
 * Keeps one board in sync: a [`Connection`] brings server messages, a [`BoardState`] absorbs
 * them, and an [`Outbox`] holds the user's edits until the server has answered each one.
 * Components see this through `LiveBoard`; nothing here knows about the UI.
 */

import type { BoardId, ErrorCode, Me, Op, OpId, RejectReason, ServerMsg } from '../protocol/generated';
import { BoardState } from './board-state';
import { Connection, type ConnectionOptions, type ConnectionStatus } from './connection';
import { Outbox, type PendingOp } from './outbox';
import { uuidv7 } from './uuidv7';
import { wellFormed } from './well-formed';

/** How an op ended: applied at a seq, or rejected for a reason. */
export type OpResult = { ok: true; seq: number } | { ok: false; reason: RejectReason };

/** After a retryable rejection (`storage_unavailable`, `rate_limited`) the op stays pending and is resent this much later. */
export const RETRY_MS = 2_000;

export interface BoardSyncEvents {
  /** Something on the board, the connection or the outbox changed: re-read what you show. */
  changed(): void;
  /** The server said no to one of our ops (also for retryable reasons, after which the op is resent). */
  rejected(entry: PendingOp, reason: RejectReason): void;
}

export interface BoardSyncOptions {
  board: BoardId;
  token: string;
  url: string;
  events: BoardSyncEvents;
  outbox?: Outbox;
  makeId?: () => string;
  /** For tests: everything a Connection takes besides what BoardSync decides itself. */
  connection?: Partial<Pick<ConnectionOptions, 'openSocket' | 'network' | 'timers' | 'random'>>;
}

export class BoardSync {
  readonly state = new BoardState();
  readonly outbox: Outbox;
  #me: Me | null = null;
  #joinCode: string | null = null;
  #online = 0;
  #status: ConnectionStatus = 'connecting';
  #failure: ErrorCode | null = null;
  readonly #connection: Connection;
  readonly #events: BoardSyncEvents;
  readonly #makeId: () => string;
  readonly #waiting = new Map<OpId, (result: OpResult) => void>();
  readonly #timers: NonNullable<ConnectionOptions['timers']>;

  constructor(options: BoardSyncOptions) {
    this.outbox = options.outbox ?? new Outbox();
    this.#events = options.events;
    this.#makeId = options.makeId ?? uuidv7;
    this.#timers = options.connection?.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.#connection = new Connection({
      ...options.connection,
      url: options.url,
      board: options.board,
      token: options.token,
      lastSeq: () => this.state.seq,
      onMessage: (msg) => this.#received(msg),
      onStatus: (status, failure) => {
        this.#status = status;
        this.#failure = failure;
        this.#events.changed();
      },
    });
  }

  /** Who the server says we are (participant id, role, name); `null` until welcomed. */
  get me(): Me | null {
    return this.#me;
  }

  /** The board's join code, from the server's welcome; `null` until welcomed. */
  get joinCode(): string | null {
    return this.#joinCode;
  }

  /** How many people are connected to the board right now. */
  get online(): number {
    return this.#online;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Why the board could not be opened (`bad_token`, `unknown_board`), once status is failed. */
  get failure(): ErrorCode | null {
    return this.#failure;
  }

  start(): void {
    this.#connection.start();
  }

  stop(): void {
    this.#connection.stop();
  }

  /**
   * Queues an edit. It is sent once the outbox has kept it if the connection is live by then,
   * else after the next welcome; either way it stays in the outbox until the server answers.
   * The promise settles with that answer (it never rejects).
   */
  submit(edit: Op): { opId: OpId; result: Promise<OpResult> } {
    // Text the server would store differently (half an emoji) is settled here, so what the
    // outbox keeps is exactly what will be applied.
    const op = wellFormed(edit);
    const entry: PendingOp = { op_id: this.#makeId(), op };
    const result = new Promise<OpResult>((resolve) => this.#waiting.set(entry.op_id, resolve));
    const send = () => this.#connection.send({ type: 'op', op_id: entry.op_id, op });
    const stored = this.outbox.add(entry);
    if (stored) stored.then(send);
    else send();
    this.#events.changed();
    return { opId: entry.op_id, result };
  }

  #received(msg: ServerMsg): void {
    switch (msg.type) {
      case 'welcome':
        this.#me = msg.you;
        this.#joinCode = msg.join_code;
        this.#online = msg.online;
        if (msg.snapshot) this.state.replace(msg.snapshot, msg.seq);
        // When snapshot is null the missed `applied`s follow; our resent ops queue behind them.
        for (const entry of this.outbox.sendable()) {
          this.#connection.send({ type: 'op', op_id: entry.op_id, op: entry.op });
        }
        break;
      case 'applied': {
        if (this.state.absorb(msg.seq, msg.changes) === 'gap') {
          // Only a bug could cause this; resuming from our seq fills the hole.
          this.#connection.reconnectNow();
        }
        // Even a duplicate (a resent op's original ack) settles the op.
        if (this.outbox.applied(msg.op_id)) this.#settle(msg.op_id, { ok: true, seq: msg.seq });
        break;
      }
      case 'rejected': {
        const entry = this.outbox.rejected(msg.op_id, msg.reason);
        if (!entry) break;
        this.#events.rejected(entry, msg.reason);
        if (this.outbox.get(msg.op_id)) {
          this.#timers.setTimeout(() => {
            if (this.outbox.get(entry.op_id)) this.#connection.send({ type: 'op', ...entry });
          }, RETRY_MS);
        } else {
          this.#settle(msg.op_id, { ok: false, reason: msg.reason });
        }
        break;
      }
      case 'presence':
        this.#online = msg.online;
        break;
      case 'error':
        // Fatal errors are handled by Connection; the rest answer a frame we sent by mistake.
        console.warn(`talkoot server error ${msg.code}: ${msg.message}`);
        break;
    }
    this.#events.changed();
  }

  #settle(opId: OpId, result: OpResult): void {
    const resolve = this.#waiting.get(opId);
    this.#waiting.delete(opId);
    resolve?.(result);
  }
}
