/**
 * Keeps one board in sync: a [`Connection`] brings server messages, a [`BoardState`] absorbs
 * them, an [`Outbox`] holds the user's edits until the server has answered each one, and a
 * [`BoardCache`] keeps the board on the device, so that a reload shows it at once, offline
 * too, and resumes from its seq. Components see this through `LiveBoard`; nothing here knows
 * about the UI.
 */

import { ServerClock } from './server-clock';
import type { BoardId, Change, ErrorCode, Me, Op, OpId, RejectReason, Retention, SectionId, ServerMsg, Snapshot } from '../protocol/generated';
import type { BoardCache, KeptView } from './board-cache';
import { BoardState } from './board-state';
import { Connection, type ConnectionOptions, type ConnectionStatus } from './connection';
import { Outbox, type PendingOp } from './outbox';
import { uuidv7 } from './uuidv7';
import { wellFormed } from './well-formed';

/** How an op ended: applied at a seq, or rejected for a reason. */
export type OpResult = { ok: true; seq: number } | { ok: false; reason: RejectReason };

/** After a retryable rejection (`storage_unavailable`, `rate_limited`) the op stays pending and is resent this much later. */
export const RETRY_MS = 2_000;
/** The least time between two fetches of a fresh snapshot for the cache (see [`BoardCache.wantsSnapshot`]). */
export const SNAPSHOT_FETCH_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * `GET /api/boards/{id}` for this board and token: the snapshot, or why not. `refused` is the
 * server's word that the token no longer opens the board (401 `bad_token`, 404 `unknown_board`);
 * `null` means it could not answer (no network, 503): try again later.
 */
export type FetchedSnapshot = { ok: true; snapshot: Snapshot } | { ok: false; refused: 'bad_token' | 'unknown_board' | null };

export interface BoardSyncEvents {
  /** Something on the board, the connection or the outbox changed: re-read what you show. */
  changed(): void;
  /** The server said no to one of our ops (also for retryable reasons, after which the op is resent). */
  rejected(entry: PendingOp, reason: RejectReason): void;
  /**
   * Someone else's op is about to be absorbed (never one of ours, nor one made with our own
   * identity on another device): `before` is the board as it still is, to tell what changed.
   */
  othersApplied?(changes: readonly Change[], before: BoardState): void;
  /**
   * The server refused the board or the token for good: what the device kept of the board and
   * its unsent ops are gone from it; `lost` are those ops, to tell the person what was not sent.
   */
  forgotten?(failure: ErrorCode, lost: PendingOp[]): void;
}

export interface BoardSyncOptions {
  board: BoardId;
  token: string;
  url: string;
  events: BoardSyncEvents;
  /** The group (section) the participant sits in, said in every `hello`; none by default. */
  group?: SectionId | null;
  outbox?: Outbox;
  /** Where the board is kept on the device; without one, nothing is. */
  cache?: BoardCache;
  /** Fetches a fresh snapshot for the cache when it asks for one. */
  fetchSnapshot?: () => Promise<FetchedSnapshot>;
  makeId?: () => string;
  now?: () => number;
  /** For tests: everything a Connection takes besides what BoardSync decides itself. */
  connection?: Partial<Pick<ConnectionOptions, 'openSocket' | 'network' | 'timers' | 'random'>>;
}

export class BoardSync {
  readonly state = new BoardState();
  readonly outbox: Outbox;
  #me: Me | null = null;
  #joinCode: string | null = null;
  #online = 0;
  #groups: Record<SectionId, number> = {};
  #group: SectionId | null;
  #groupRetry: unknown = null;
  #status: ConnectionStatus = 'connecting';
  #failure: ErrorCode | null = null;
  #updatedAt: number | null = null;
  #retention: Retention | null = null;
  #lost: PendingOp[] = [];
  #forgotten = false;
  #fetching = false;
  #nextFetchAt = 0;
  readonly #connection: Connection;
  readonly #events: BoardSyncEvents;
  readonly #cache: BoardCache | null;
  readonly #fetchSnapshot: (() => Promise<FetchedSnapshot>) | null;
  readonly #makeId: () => string;
  readonly #now: () => number;
  /** The server's clock, from the last welcome: what the timer counts down against. */
  readonly clock: ServerClock;
  readonly #waiting = new Map<OpId, (result: OpResult) => void>();
  readonly #timers: NonNullable<ConnectionOptions['timers']>;

  constructor(options: BoardSyncOptions) {
    this.outbox = options.outbox ?? new Outbox();
    this.#events = options.events;
    this.#cache = options.cache ?? null;
    this.#fetchSnapshot = options.fetchSnapshot ?? null;
    this.#makeId = options.makeId ?? uuidv7;
    this.#now = options.now ?? Date.now;
    this.clock = new ServerClock(this.#now);
    this.#group = options.group ?? null;
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
      group: () => this.#group,
      onMessage: (msg) => this.#received(msg),
      onStatus: (status, failure) => {
        this.#status = status;
        this.#failure = failure;
        if (status === 'failed' && failure) this.#forget(failure);
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

  /** Participants online per group (section id → count), as the server last said; groups no one sits in are absent. */
  get groups(): Record<SectionId, number> {
    return this.#groups;
  }

  /** The group this client sits in, as it tells the server. */
  get group(): SectionId | null {
    return this.#group;
  }

  /**
   * Moves the participant to another group (or to none). Presence only: it is sent now if the
   * connection is live, and every later `hello` (a reconnect) says it again.
   */
  setGroup(group: SectionId | null): void {
    this.#group = group;
    this.#sendGroup();
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Why the board could not be opened (`bad_token`, `unknown_board`), once status is failed. */
  get failure(): ErrorCode | null {
    return this.#failure;
  }

  /** When the server last told us about the board (ms since the epoch); `null` before it has. */
  get updatedAt(): number | null {
    return this.#updatedAt;
  }

  /**
   * For a facilitator, when the server will delete the board if nothing happens on it (from the
   * welcome, moved on by every op applied since); `null` for others, or when boards are kept.
   */
  get retention(): Retention | null {
    return this.#retention;
  }

  /** The unsent ops dropped when the board was forgotten (see [`BoardSyncEvents.forgotten`]). */
  get lost(): PendingOp[] {
    return this.#lost;
  }

  /**
   * Shows what the device kept, before [`start`]: the snapshot and its changes, replayed as
   * they arrived. The `hello` then asks to resume from its seq.
   */
  restore(view: KeptView): void {
    this.state.replace(view.snapshot, view.snapshot_seq);
    for (const { seq, changes } of view.changes) this.state.absorb(seq, changes);
    this.#me = view.you;
    this.#joinCode = view.join_code;
    this.#updatedAt = view.updated_at;
    this.#events.changed();
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
        this.#groups = msg.groups;
        this.#updatedAt = this.#now();
        this.clock.observe(msg.server_time);
        this.#retention = msg.retention ?? null;
        if (msg.snapshot) {
          this.state.replace(msg.snapshot, msg.seq);
          this.#cache?.snapshot(msg.snapshot, msg.seq, msg.you, msg.join_code);
        } else {
          this.#cache?.welcomed(msg.you, msg.join_code);
        }
        // When snapshot is null the missed `applied`s follow; our resent ops queue behind them.
        for (const entry of this.outbox.sendable()) {
          this.#connection.send({ type: 'op', op_id: entry.op_id, op: entry.op });
        }
        break;
      case 'applied': {
        const ours = this.outbox.get(msg.op_id) !== undefined || msg.actor === this.#me?.participant;
        const next = this.state.seq !== null && msg.seq === this.state.seq + 1;
        if (!ours && next) this.#events.othersApplied?.(msg.changes, this.state);
        const absorbed = this.state.absorb(msg.seq, msg.changes);
        if (absorbed === 'applied') {
          this.#updatedAt = this.#now();
          this.#activityNow();
          this.#cache?.applied(msg.seq, msg.changes);
          this.#fetchSnapshotIfWanted();
        } else if (absorbed === 'gap') {
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
        this.#groups = msg.groups;
        break;
      case 'error':
        // A `set_group` over the connection's budget was ignored: say it again after a pause,
        // or the room would count us in the old group until the next reconnect.
        if (msg.code === 'rate_limited') this.#sendGroupLater();
        // Fatal errors are handled by Connection; the rest answer a frame we sent by mistake.
        else console.warn(`talkoot server error ${msg.code}: ${msg.message}`);
        break;
    }
    this.#events.changed();
  }

  /** An op was just applied: the retention period starts again from now (the server's clock). */
  #activityNow(): void {
    const r = this.#retention;
    if (!r) return;
    const deletesAt = this.clock.now() + r.inactive_days * DAY_MS;
    if (deletesAt > r.deletes_at) this.#retention = { ...r, deletes_at: deletesAt };
  }

  #sendGroup(): void {
    this.#connection.send({ type: 'set_group', group: this.#group });
  }

  #sendGroupLater(): void {
    if (this.#groupRetry !== null) return;
    this.#groupRetry = this.#timers.setTimeout(() => {
      this.#groupRetry = null;
      this.#sendGroup();
    }, RETRY_MS);
  }

  /** Gives the cache a fresh snapshot when it asks, at most once a [`SNAPSHOT_FETCH_INTERVAL_MS`]. */
  #fetchSnapshotIfWanted(): void {
    const cache = this.#cache;
    const fetch = this.#fetchSnapshot;
    if (!cache?.wantsSnapshot || !fetch || this.#fetching || this.#now() < this.#nextFetchAt) return;
    this.#fetching = true;
    this.#nextFetchAt = this.#now() + SNAPSHOT_FETCH_INTERVAL_MS;
    fetch()
      .then((answer) => {
        if (answer.ok) cache.rebase(answer.snapshot.board, answer.snapshot.seq);
        else if (answer.refused) this.#connection.refused(answer.refused);
      })
      .catch((error: unknown) => console.warn('talkoot: could not fetch the board to keep on this device', error))
      .finally(() => (this.#fetching = false));
  }

  /** The board is gone for this device: forget what it kept, and tell what was not sent. */
  #forget(failure: ErrorCode): void {
    if (this.#forgotten) return;
    this.#forgotten = true;
    void this.#cache?.remove();
    this.#lost = this.outbox.discardAll();
    this.#events.forgotten?.(failure, this.#lost);
  }

  #settle(opId: OpId, result: OpResult): void {
    const resolve = this.#waiting.get(opId);
    this.#waiting.delete(opId);
    resolve?.(result);
  }
}
